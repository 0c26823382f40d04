import Foundation
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// The body of `POST /api/v1/algorithms/{id}/audits`: the data as CSV text and what `lanterne audit --model` takes as
/// options (the published model scores the data; the decision is the rule on its score).
struct AuditJobRequest: Codable, Sendable {
    /// The cases, as CSV with a header line: the label, the protected attributes and the model's features.
    var data: String
    /// The observed outcome column (1/0).
    var label: String
    /// Protected attributes; `a*b` for an intersection.
    var protected: [String]
    /// The share of the best scores selected, in percent.
    var topPercent: Double?
    /// The number of best scores selected.
    var topK: Int?
    /// The score from which a case is selected.
    var threshold: Double?
    /// Bootstrap draws for the intervals.
    var bootstrap: Int?
    /// Their seed.
    var seed: UInt64?
    /// The smallest group published.
    var minGroup: Int?
    /// Variables tested as proxies of the protected attributes.
    var proxies: [String]?
    /// The column marking the cases checked at random.
    var randomDraw: String?
    /// The gates, as `lanterne audit --policy` reads them: `{"gates": [{"name", "metric", "min"?, "max"?}]}`.
    var policy: JSONValue?
    /// The version to audit (a version not yet published, before its publication); the published one by default.
    var modelSHA256: String?

    enum CodingKeys: String, CodingKey {
        case data, label, protected, threshold, bootstrap, seed, proxies, policy
        case modelSHA256 = "model_sha256"
        case topPercent = "top_percent"
        case topK = "top_k"
        case minGroup = "min_group"
        case randomDraw = "random_draw"
    }
}

/// An audit of the published model on uploaded data, as a job: checked when it is asked for (so that a bad request
/// stores nothing), run by whichever server process takes it, with the calls of `lanterne audit --model --json`.
enum AuditJob {
    /// The job's kind in the store.
    static let kind = "audit"

    /// The audit request, its gates, and the data, after checking everything but the measures themselves.
    /// - Throws: ``APIError`` 422 for a request that cannot run; the reader's, model's and audit's errors.
    static func check(_ body: AuditJobRequest, document: ModelDocument) throws -> (
        request: AuditRequest, policy: AuditPolicy?, table: Table
    ) {
        let rules = [body.topPercent != nil, body.topK != nil, body.threshold != nil].filter { $0 }.count
        guard rules == 1 else {
            throw APIError(
                .unprocessableContent, code: "audit_rule",
                french: "il faut une seule règle de décision : top_percent, top_k ou threshold",
                english: "exactly one decision rule is needed: top_percent, top_k or threshold")
        }
        guard !body.protected.isEmpty, body.protected.allSatisfy({ !$0.isEmpty }) else {
            throw APIError(
                .unprocessableContent, code: "audit_protected", french: "« protected » ne peut pas être vide",
                english: "“protected” cannot be empty")
        }
        if let percent = body.topPercent, !(0...100).contains(percent) {
            throw APIError(
                .unprocessableContent, code: "audit_rule", french: "top_percent doit être entre 0 et 100",
                english: "top_percent must be between 0 and 100")
        }
        if let k = body.topK, k < 0 {
            throw APIError(
                .unprocessableContent, code: "audit_rule", french: "top_k doit être positif ou nul",
                english: "top_k must not be negative")
        }
        guard (0...10_000).contains(body.bootstrap ?? 0), (1...1_000_000).contains(body.minGroup ?? 10) else {
            throw APIError(
                .unprocessableContent, code: "audit_settings",
                french: "bootstrap va de 0 à 10 000 et min_group de 1 à 1 000 000",
                english: "bootstrap goes from 0 to 10,000 and min_group from 1 to 1,000,000")
        }
        let rule: ThresholdRule =
            body.threshold.map { .threshold($0) } ?? body.topK.map { .topK($0) } ?? .topPercent(body.topPercent ?? 0)
        var request = AuditRequest(
            label: body.label, attributes: body.protected.map { $0.split(separator: "*").map(String.init) },
            decision: .score(ModelAudit.scoreColumn, rule))
        request.minimumGroup = body.minGroup ?? 10
        request.bootstrap = body.bootstrap ?? 0
        request.seed = body.seed ?? 1
        request.proxies = body.proxies ?? []
        request.randomDraw = body.randomDraw
        request.threads = 1
        // As `lanterne audit --model` does: the model's schema names the groups in the findings.
        request.schema = document.schema
        let policy = try body.policy.map { try AuditPolicy.decode(try JSONEncoder().encode($0), file: "policy") }
        let table = try read(body.data, request: request, document: document)
        _ = try FeatureMatrix(table: table, features: document.model.features, file: "audit.csv")
        let names = Set(table.columnNames)
        for column in request.columns where column != ModelAudit.scoreColumn && !names.contains(column) {
            throw AuditInputError(
                file: "audit.csv", french: "colonne « \(column) » absente", english: "column “\(column)” is missing")
        }
        return (request, policy, table)
    }

    /// Runs the audit of a job's chunk (the whole request).
    /// - Returns: the report, as `lanterne audit --json` writes it, and whether every gate passed.
    static func run(_ chunk: JobChunk, document: ModelDocument) throws -> (report: String, passed: Bool) {
        let body = try JSONDecoder().decode(AuditJobRequest.self, from: Data(chunk.input.utf8))
        let (request, policy, data) = try check(body, document: document)
        let table = try ModelAudit.scored(data, model: document.model, file: "audit.csv", threads: 1)
        let (audit, _) = try ModelAudit.run(request, table: table, file: "audit.csv", policy: policy)
        return (
            AuditJSON.document(audit, minimumGroup: request.minimumGroup, sweep: false),
            audit.gates.allSatisfy(\.passed)
        )
    }

    private static func read(_ text: String, request: AuditRequest, document: ModelDocument) throws -> Table {
        var options = CSVOptions(columnTypes: document.schema?.columnTypes ?? [:])
        options.requiresTypedColumns = false
        options.onlyColumns = Set(request.columns + document.model.features.map(\.name))
        return try CSVReader(bytes: Array(text.utf8), name: "audit.csv", options: options).read().table
    }
}
