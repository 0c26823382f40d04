import Foundation
import Hummingbird
import LanterneExplain
import LanterneModels
import LanterneRegister
import LanterneStore

/// The register as JSON, and scoring one case with a published model.
struct AlgorithmsController: Sendable {
    let store: Store
    let models: ModelCache
    let records: RecordCache

    var entries: RegisterEntries { RegisterEntries(store: store) }

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.get("algorithms", use: list)
        group.get("algorithms/:id", use: entry)
        group.post("algorithms/:id/score", use: score)
        group.get("algorithms/:id/model", use: model)
        group.get("algorithms/:id/export", use: export)
        group.post("algorithms/:id/publish", use: publish)
        addEditingRoutes(to: group)
    }

    /// `{"model_sha256", "justification"?}` → the version in service, logged; 409 `gates_failed` while the version's
    /// latest audit failed a gate and no justification is written (the store decides, as for `lanterne publish`).
    @Sendable func publish(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.steward)
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: session)
        let body = try await JSONBody.decode(PublishRequest.self, from: request, context: context)
        let justification = body.justification.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        let entry = try await store.algorithms.publish(
            record.id, sha256: body.modelSHA256, actor: session.user.username, justification: justification)
        return try JSONBody.response(
            Published(
                algorithm: record.id, modelSHA256: body.modelSHA256, justification: justification,
                log: LogController.Head(sequence: entry.sequence, hash: entry.hash)))
    }

    @Sendable func list(_ request: Request, context: LanterneContext) async throws -> Response {
        try JSONBody.response(try await entries.list(session: context.session))
    }

    @Sendable func entry(_ request: Request, context: LanterneContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try JSONBody.response(try await entries.entry(id, session: context.session))
    }

    /// `{"case": {"feature": value}}` → the score and the exact contributions, as `lanterne explain --id`.
    @Sendable func score(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent, .steward, .auditor)
        // A keep-alive connection whose next request is already read goes from one request to the next without
        // ever suspending when nothing here waits (the record and the model come from memory), and the other
        // connections' requests wait behind it: under wrk with 64 connections the 99th percentile was about a
        // second. Two turns given to the others, here and before the explanation, bring it to 25-40 ms.
        await Task.yield()
        let id = try context.parameters.require("id")
        guard let record = try await records.record(id), record.status != .draft || RegisterEntries.seesDrafts(session)
        else { throw APIError.notFound("algorithme", id) }
        let body = try ScoreRequest(try await JSONBody.read(from: request, context: context))
        guard let sha256 = record.publishedSHA256 else {
            throw APIError.notPublished
        }
        let loaded = try await models.model(sha256)
        guard loaded.document.model.output == .logOdds else {
            throw APIError(
                .conflict, code: "not_a_probability", french: "ce modèle prédit une valeur, pas une probabilité",
                english: "this model predicts a value, not a probability")
        }
        let row: [Double]
        do {
            row = try CaseEncoder.row(body.case, features: loaded.document.model.features)
        } catch let error as CaseError {
            throw APIError.invalid(error, code: error.code)
        }
        // One case's exact contributions take a fraction of a millisecond: done here, after another turn.
        await Task.yield()
        return JSONBody.text(CaseExplanation.explain(row, with: loaded.explainer).json)
    }

    /// The published model file, byte for byte, for auditors (or anyone when the card publishes the model).
    @Sendable func model(_ request: Request, context: LanterneContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: context.session)
        // A card may open its model file to everyone (`"publish_model": true`); otherwise auditors only.
        let card = try? JSONDecoder().decode(JSONValue.self, from: Data(record.card.utf8))
        let open: Bool
        if case .bool(true) = card?["publish_model"] ?? .null { open = true } else { open = false }
        if !open { _ = try context.require(.auditor) }
        guard let sha256 = record.publishedSHA256, let version = try await store.algorithms.model(sha256: sha256)
        else { throw APIError.notFound("modèle publié de l'algorithme", id) }
        return JSONBody.raw(Data(version.file.utf8))
    }
}

extension AlgorithmsController {
    /// The register entry in a standard (`?format=json|markdown|atrs|nl|inventaire|fria`, JSON by default), derived
    /// from the card, the published model and the latest audit of that model, the text `lanterne register export`
    /// writes from the same files. Public for a published algorithm, as its register page is.
    @Sendable func export(_ request: Request, context: LanterneContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: context.session)
        let name = request.uri.queryParameters.get("format") ?? RegisterFormat.json.rawValue
        guard let format = RegisterFormat(rawValue: name) else {
            throw APIError(
                .badRequest, code: "unknown_format", french: "format « \(name) » inconnu (\(RegisterFormat.names))",
                english: "unknown format “\(name)” (\(RegisterFormat.names))")
        }
        let text = RegisterExport.text(try await entries.derived(record, language: context.language), format: format)
        let type: String
        switch format {
        case .json, .atrs, .nl: type = "application/json; charset=utf-8"
        case .markdown, .fria: type = "text/markdown; charset=utf-8"
        case .inventaire: type = "text/csv; charset=utf-8"
        }
        return Response(
            status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The body of `POST /api/v1/algorithms/{id}/score`: `{"case": {"feature": value, …}}`.
struct ScoreRequest: Sendable {
    let `case`: [String: CaseValue]

    /// Reads the body; other top-level fields are ignored.
    /// - Throws: ``APIError`` 400 naming the field when `case` is absent, empty or not an object of scalars.
    init(_ body: JSONValue) throws {
        guard case .object(let fields) = body else { throw APIError.malformed("le corps doit être un objet JSON") }
        self.case = try Self.values(fields["case"], field: "case")
    }

    /// The scalar fields of a JSON object as case values (`{"feature": value}`).
    /// - Throws: ``APIError`` 400 naming the field when it is absent, empty or not an object of scalars.
    static func values(_ given: JSONValue?, field: String) throws -> [String: CaseValue] {
        guard let given else { throw APIError.malformed("champ « \(field) » absent") }
        switch given {
        case .null: throw APIError.malformed("champ « \(field) » vide")
        case .object(let values):
            var read: [String: CaseValue] = [:]
            read.reserveCapacity(values.count)
            for (name, value) in values {
                switch value {
                case .null: read[name] = .missing
                case .bool(let flag): read[name] = .flag(flag)
                case .number(let number): read[name] = .number(number)
                case .string(let text): read[name] = .text(text)
                case .array, .object: throw APIError.malformed("champ « \(field).\(name) » d'un autre type que prévu")
                }
            }
            return read
        default: throw APIError.malformed("champ « \(field) » d'un autre type que prévu")
        }
    }
}

/// The body of `POST /api/v1/algorithms/{id}/publish`.
struct PublishRequest: Decodable, Sendable {
    let modelSHA256: String
    let justification: String?

    enum CodingKeys: String, CodingKey {
        case justification
        case modelSHA256 = "model_sha256"
    }
}

/// The answer of a publication: the version in service and its log entry.
struct Published: Encodable, Sendable {
    let algorithm: String
    let modelSHA256: String
    let justification: String?
    let log: LogController.Head

    enum CodingKeys: String, CodingKey {
        case algorithm, justification, log
        case modelSHA256 = "model_sha256"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(modelSHA256, forKey: .modelSHA256)
        try container.encode(justification, forKey: .justification)
        try container.encode(log, forKey: .log)
    }
}
