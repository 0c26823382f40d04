import Foundation
import Hummingbird
import LanterneExplain
import LanterneModels
import LanterneStore

/// The register as JSON, and scoring one case with a published model.
struct AlgorithmsController: Sendable {
    let store: Store
    let models: ModelCache
    let records: RecordCache

    var entries: RegisterEntries { RegisterEntries(algorithms: store.algorithms, log: store.log) }

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.get("algorithms", use: list)
        group.get("algorithms/:id", use: entry)
        group.post("algorithms/:id/score", use: score)
        group.get("algorithms/:id/model", use: model)
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
        let body = try await JSONBody.decode(ScoreRequest.self, from: request, context: context)
        guard let sha256 = record.publishedSHA256 else {
            throw APIError(
                .conflict, code: "not_published", french: "cet algorithme n'a pas encore de modèle publié",
                english: "this algorithm has no published model yet")
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
        return try JSONBody.response(CaseExplanation.explain(row, with: loaded.explainer))
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

/// The body of `POST /api/v1/algorithms/{id}/score`.
struct ScoreRequest: Decodable, Sendable {
    let `case`: [String: CaseValue]
}
