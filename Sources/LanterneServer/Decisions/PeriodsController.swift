import Foundation
import Hummingbird
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// `POST /api/v1/algorithms/{id}/periods`: a steward sends a period's population as CSV; the published model scores
/// it, the control policy (a capacity or a threshold, a random share, a recorded seed) chooses the cases, and they
/// enter the agents' queue.
struct PeriodsController: Sendable {
    let store: Store
    let models: ModelCache

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.post("algorithms/:id/periods", use: create)
    }

    /// The policy from the query: `capacity=N` or `threshold=T`, `random_share=S` (0.1 by default), `seed=X`.
    static func policy(_ fields: [String: String]) throws -> ControlPolicy {
        func invalid(_ french: String, _ english: String) -> APIError {
            APIError(.unprocessableContent, code: "invalid_field", french: french, english: english)
        }
        let rule: ControlPolicy.Rule
        switch (fields["capacity"], fields["threshold"]) {
        case (let capacity?, nil):
            guard let count = Int(capacity), count >= 0 else {
                throw invalid("capacity : un nombre entier de contrôles attendu", "capacity: a whole number expected")
            }
            rule = .capacity(count)
        case (nil, let threshold?):
            guard let value = Double(threshold), (0...1).contains(value) else {
                throw invalid(
                    "threshold : une probabilité entre 0 et 1 attendue", "threshold: a probability from 0 to 1")
            }
            rule = .threshold(value)
        default:
            throw invalid(
                "donnez soit capacity (nombre de contrôles), soit threshold (seuil du score)",
                "give either capacity (number of controls) or threshold (score threshold)")
        }
        let share = fields["random_share"].map { Double($0) } ?? 0.1
        guard let share, (0...1).contains(share) else {
            throw invalid("random_share : une part entre 0 et 1 attendue", "random_share: a share from 0 to 1")
        }
        guard let seedText = fields["seed"], let seed = UInt64(seedText) else {
            throw invalid(
                "seed : un entier positif attendu ; il est enregistré au journal pour refaire le tirage",
                "seed: a non-negative integer expected; it is logged so the draw can be redone")
        }
        return ControlPolicy(rule: rule, randomShare: share, seed: seed)
    }

    @Sendable func create(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.steward)
        let id = try context.parameters.require("id")
        guard let record = try await store.algorithms.find(id: id) else { throw APIError.notFound("algorithme", id) }
        try APIError.requireCSV(request)
        let fields = QueryForm.fields(request)
        let period = try StewardDesk.checkedPeriod(fields["period"])
        let policy = try Self.policy(fields)
        guard record.publishedSHA256 != nil else { throw APIError.notPublished }
        guard try await !store.cases.hasPeriod(period, algorithmID: id) else {
            throw APIError(
                .conflict, code: "period_exists", french: "la période « \(period) » est déjà enregistrée",
                english: "period “\(period)” is already recorded")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: JobsController.maxPopulationBytes)
        } catch { throw APIError.tooLarge }
        let summary = try await StewardDesk(store: store, models: models).addPeriod(
            period, policy: policy, population: Array(body.readableBytesView), record: record,
            actor: session.user.username)
        return JSONBody.text(
            "{\"cases\":\(summary.cases),\"drawn\":\(summary.drawn),"
                + "\"period\":\(JSONText.quoted(period)),\"proposed\":\(summary.proposed),"
                + "\"seed\":\(summary.seed)}", status: .created)
    }
}
