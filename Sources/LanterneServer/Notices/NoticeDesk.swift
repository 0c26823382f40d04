import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import LanterneRegister
import LanterneStore
import Synchronization

/// What a notice token opens, and what the notice page and API compute from it with the engines: the notice itself
/// (the same composer as `lanterne notice`), the « Et si ? » simulation, and the contest.
struct NoticeDesk: Sendable {
    let store: Store
    let models: ModelCache
    let periods: PeriodCache

    /// A case with what the engines need to explain it: its algorithm, card, model, feature row, the period's
    /// cut-off and the values each feature takes in the period.
    struct CaseFacts: Sendable {
        let record: CaseRecord
        let algorithm: AlgorithmRecord
        let card: AlgorithmCard
        let model: ModelCache.Loaded
        /// The case's feature row.
        let row: [Double]
        /// The period's cut-off score (the lowest score the policy proposed by score).
        let threshold: Double
        /// What each feature may be moved to.
        let domains: [FeatureDomain]

        var features: [ModelFeature] { model.document.model.features }
        var schema: Schema? { model.document.schema }
    }

    /// A notice, opened.
    struct Opened: Sendable {
        let token: String
        let facts: CaseFacts
        let decision: DecisionRecord
        let contest: ContestRecord?

        var record: CaseRecord { facts.record }
        var algorithm: AlgorithmRecord { facts.algorithm }
        var card: AlgorithmCard { facts.card }
        var model: ModelCache.Loaded { facts.model }
        var row: [Double] { facts.row }
        var threshold: Double { facts.threshold }
        var domains: [FeatureDomain] { facts.domains }
        var features: [ModelFeature] { facts.features }
        var schema: Schema? { facts.schema }
    }

    /// A notice token is 64 lowercase hexadecimal digits.
    static func wellFormed(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// Opens the notice of a token.
    /// - Throws: ``APIError`` 404 for a malformed or unknown token (looked up the same way, so both take as long).
    func open(_ token: String) async throws -> Opened {
        let lookUp = Self.wellFormed(token) ? token : String(repeating: "0", count: 64)
        guard let (record, decision) = try await store.cases.notice(token: lookUp), Self.wellFormed(token) else {
            throw APIError.notFound("notice", "…")
        }
        let facts = try await self.facts(record)
        let contest = try await store.contests.forDecision(decision.id)
        return Opened(token: token, facts: facts, decision: decision, contest: contest)
    }

    /// What the engines need to explain a stored case.
    func facts(_ record: CaseRecord) async throws -> CaseFacts {
        guard let algorithm = try await store.algorithms.find(id: record.algorithmID) else {
            throw APIError.notFound("dossier", record.id)
        }
        let card = try AlgorithmCard.decode(Data(algorithm.card.utf8), file: "card")
        let model = try await models.model(record.modelSHA256)
        let features = model.document.model.features
        let row = try CaseEncoder.row(try NoticeDesk.values(record.data), features: features)
        let period = try await periods.facts(of: record, model: model, store: store)
        // A card that sets a threshold decides with it; otherwise the period's cut-off is the threshold.
        return CaseFacts(
            record: record, algorithm: algorithm, card: card, model: model, row: row,
            threshold: card.threshold ?? period.threshold, domains: period.domains)
    }

    /// The stored case data as the values `CaseEncoder` reads.
    static func values(_ json: String) throws -> [String: CaseValue] {
        let value = try Array(json.utf8).withUnsafeBufferPointer { try JSONReader.read($0) }
        guard case .object(let fields) = value else { return [:] }
        var values: [String: CaseValue] = [:]
        for (key, field) in fields {
            switch field {
            case .number(let number): values[key] = .number(number)
            case .string(let text): values[key] = .text(text)
            case .bool(let flag): values[key] = .flag(flag)
            default: values[key] = .missing
            }
        }
        return values
    }

    /// The person's notice, composed as `lanterne notice` composes it, with what would have changed the result
    /// under the period's cut-off (data the schema marks immutable or protected are never proposed).
    func notice(_ opened: Opened, language: Language) -> Notice {
        notice(opened.facts, date: opened.decision.decidedAt, language: language)
    }

    /// The notice of a case as it would be written on `date` (the agent reads the same explanation).
    func notice(_ opened: CaseFacts, date: String, language: Language) -> Notice {
        var card = opened.card
        if card.threshold == nil { card.threshold = opened.threshold }
        let document = opened.model.document
        let contributions = opened.row.withUnsafeBufferPointer { opened.model.explainer.contributions($0) }
        let counterfactual = CounterfactualSearch(model: document.model, domains: opened.domains, maxChanges: 3)
            .counterfactual(opened.row, threshold: opened.threshold)
        let composer = NoticeComposer(
            card: card, document: document, version: opened.record.modelSHA256, language: language)
        return composer.notice(
            for: .init(
                id: opened.record.reference, values: opened.row, contributions: contributions,
                counterfactual: counterfactual, maxChanges: 3),
            date: PageWords.date(date, language: language))
    }

    /// The probability of the case with `changes`, against the period's cut-off.
    /// - Throws: ``SimulationError`` naming the first field that cannot be changed or read.
    func simulate(_ opened: CaseFacts, changes: [String: CaseValue], language: Language) throws(SimulationError)
        -> (score: Double, threshold: Double, above: Bool)
    {
        var row = opened.row
        for name in changes.keys.sorted() {
            guard let index = opened.features.firstIndex(where: { $0.name == name }) else {
                throw SimulationError(field: name, label: name, problem: .unknown)
            }
            let label = opened.schema?.column(named: name)?.shortLabel ?? name
            guard opened.domains[index].actionable else {
                throw SimulationError(field: name, label: label, problem: .notChangeable)
            }
            row[index] = try SimulationError.value(
                changes[name] ?? .missing, feature: opened.features[index], domain: opened.domains[index],
                name: name, label: label, language: language)
        }
        let logit = row.withUnsafeBufferPointer { opened.model.explainer.contributions($0) }.total
        let score = logistic(logit)
        return (score, opened.threshold, score >= opened.threshold)
    }
}

/// What a period's population tells every notice of it: the policy's cut-off and the values each feature takes.
final class PeriodCache: Sendable {
    struct Facts: Sendable {
        let threshold: Double
        let domains: [FeatureDomain]
    }

    private let facts = Mutex<[String: Facts]>([:])

    func facts(of record: CaseRecord, model: ModelCache.Loaded, store: Store) async throws -> Facts {
        let key = record.algorithmID + "/" + record.modelSHA256 + "/" + record.period
        if let found = facts.withLock({ $0[key] }) { return found }
        let cases = try await store.cases.cases(algorithmID: record.algorithmID, sha256: record.modelSHA256)
            .filter { $0.period == record.period }
        let features = model.document.model.features
        var values: [Double] = []
        values.reserveCapacity(cases.count * features.count)
        for item in cases {
            values += try CaseEncoder.row(try NoticeDesk.values(item.data), features: features)
        }
        let matrix = FeatureMatrix(rows: cases.count, features: features.count, values: values)
        var immutable = Set<String>()
        for column in model.document.schema?.columns ?? [] where column.immutable || column.role == .protected {
            immutable.insert(column.name)
        }
        let threshold =
            cases.filter { $0.proposed && !$0.randomDraw }.map(\.score).min() ?? 0.5
        let found = Facts(
            threshold: threshold,
            domains: FeatureDomain.observed(in: matrix, features: features, immutable: immutable))
        facts.withLock { $0[key] = found }
        return found
    }
}
