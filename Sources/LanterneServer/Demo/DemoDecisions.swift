import Foundation
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// The demonstration's decision loop: one control period of households scored by the published targeting model,
/// the policy's proposals (a tenth drawn at random), decisions by both agents with their written reasons, contests
/// (one answered by the other agent, one overdue, one waiting), and callback requests (one handled, one waiting).
struct DemoDecisions {
    let store: Store
    /// How long callback requests are kept.
    let callbackRetention: TimeInterval

    /// The period's size and the policy of the demonstration: 40 controls out of 2,000 declarations, 10 % drawn.
    static let periodRows = 2_000
    static let policy = ControlPolicy(rule: .capacity(40), randomShare: 0.1, seed: 202_612)

    /// The reasons the demonstration's agents write, by outcome.
    static let decisions: [(agent: String, outcome: DecisionOutcome, category: String, reason: String)] = [
        (
            "agent1", .control, "incoherence_revenus",
            "Les revenus de capitaux déclarés ne correspondent pas aux montants transmis par la banque ; un contrôle sur pièces est nécessaire."
        ),
        (
            "agent1", .control, "pieces_justificatives",
            "Les frais réels déclarés sont élevés pour le salaire ; je demande les justificatifs de déplacement."
        ),
        (
            "agent1", .noControl, "situation_connue",
            "Le foyer a signalé lui-même un changement de situation en cours d'année ; la baisse des revenus est expliquée."
        ),
        (
            "agent1", .control, "incoherence_revenus",
            "La pension alimentaire déduite n'apparaît pas chez le bénéficiaire ; je vérifie avec les deux foyers."
        ),
        (
            "agent2", .control, "pieces_justificatives",
            "Le crédit pour emploi à domicile dépasse le plafond habituel ; je demande les attestations."
        ),
        (
            "agent2", .other, "autre",
            "Le dossier relève du service des entreprises (revenus non salariés importants) ; je le transmets."
        ),
        (
            "agent2", .noControl, "montants_faibles",
            "Les écarts portent sur de petits montants déjà régularisés par le prélèvement à la source."
        ),
        (
            "agent2", .control, "incoherence_revenus",
            "Les revenus fonciers baissent de moitié sans vente déclarée ; je demande le détail des loyers."
        ),
    ]

    /// Fills the loop and returns the sample notices' paths.
    func fill(algorithmID: String, sha256: String, document: ModelDocument, now: Date = Date()) async throws
        -> [String]
    {
        try await DemoPastPeriod(store: store).fill(
            algorithmID: algorithmID, sha256: sha256, document: document, now: now)
        let population = HouseholdPopulation(rows: Self.periodRows, seed: 2)
        let table = try DemoData.table(population, blanksAsZero: nil)
        var cases = try ControlPeriodCases.make(
            table: table, document: document, policy: Self.policy, idColumn: "id_foyer")
        for index in cases.indices { cases[index].reference = "foyer " + cases[index].reference }
        let queue = cases.indices.filter { cases[$0].proposed }.sorted {
            cases[$0].queuePosition < cases[$1].queuePosition
        }
        let ids = try await store.cases.addPeriod(
            cases, algorithmID: algorithmID, sha256: sha256, period: "2026-11", seed: Self.policy.seed,
            actor: "responsable")
        // The first eight cases of the queue are decided over the past weeks, a draw among them when one is there.
        var notices: [String] = []
        var tokens: [String] = []
        for (index, decision) in Self.decisions.enumerated() {
            let row = queue[index]
            let decidedAt = now.addingTimeInterval(-Double(45 - index * 4) * 86_400)
            try await store.cases.markOpened(id: ids[row], at: decidedAt.addingTimeInterval(-Double(180 + 60 * index)))
            let (_, token) = try await store.cases.decide(
                id: ids[row],
                input: DecisionInput(
                    outcome: decision.outcome, reasonCategory: decision.category, reason: decision.reason,
                    templateUnchanged: false), agent: decision.agent, at: decidedAt)
            tokens.append(token)
            notices.append("/notices/" + token)
        }
        // Contests: one answered by the other agent, one past its month, one waiting.
        let answered = try await store.contests.file(
            token: tokens[1],
            message:
                "Mes frais de déplacement sont réels : je fais 62 km par jour pour aller travailler et je peux le prouver.",
            contact: "courrier postal", at: now.addingTimeInterval(-20 * 86_400))
        _ = try await store.contests.answer(
            id: answered.id, outcome: .changed,
            answer:
                "Les justificatifs envoyés confirment la distance et les frais ; le contrôle est abandonné et le dossier est classé.",
            agent: "agent2", at: now.addingTimeInterval(-12 * 86_400))
        _ = try await store.contests.file(
            token: tokens[0], message: "Je ne comprends pas pourquoi mon dossier a été choisi.",
            contact: "téléphone", at: now.addingTimeInterval(-40 * 86_400))
        _ = try await store.contests.file(
            token: tokens[4], message: "J'ai envoyé les attestations de l'association qui m'aide à domicile.",
            contact: "messagerie", at: now.addingTimeInterval(-3 * 86_400))
        // Callback requests: one handled, one waiting.
        let handled = try await store.callbacks.create(
            name: "Mme Exemple", contact: "01 00 00 00 00", preferredTime: "matin",
            subject: "Question sur le prélèvement à la source après un départ à la retraite",
            retention: callbackRetention, at: now.addingTimeInterval(-2 * 86_400))
        _ = try await store.callbacks.setStatus(id: handled.id, status: .done, agent: "agent1")
        _ = try await store.callbacks.create(
            name: "M. Exemple", contact: "exemple@demo-lanterne.invalid", preferredTime: "apres_midi",
            subject: "Aide pour déclarer en ligne pour la première fois", retention: callbackRetention,
            at: now.addingTimeInterval(-3600))
        return notices
    }
}
