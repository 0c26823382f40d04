import Foundation
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// A past control period of the demonstration, closed: every proposed case decided and every control's finding
/// recorded (from the synthetic population's hidden truth), so that the register shows the random draw's hit rate
/// beside the model's and the auditor sees agreement, time to decide and unchanged templates per agent.
struct DemoPastPeriod {
    let store: Store

    /// 100 controls out of 4,000 declarations, a fifth drawn at random.
    static let policy = ControlPolicy(rule: .capacity(100), randomShare: 0.2, seed: 202_610)

    /// The reason templates the agents start from (`agent1` often leaves them unchanged).
    static let templates = ReasonTemplates.all.prefix(2).map { (category: $0.category, text: $0.template) }

    func fill(algorithmID: String, sha256: String, document: ModelDocument, now: Date) async throws {
        let table = try DemoData.table(HouseholdPopulation(rows: 4_000, seed: 3), blanksAsZero: nil)
        var cases = try ControlPeriodCases.make(
            table: table, document: document, policy: Self.policy, idColumn: "id_foyer")
        for index in cases.indices { cases[index].reference = "foyer " + cases[index].reference }
        var truth = [Bool](repeating: false, count: cases.count)
        if let column = table.column(named: "irregularite_reelle"), case .boolean(let flags) = column.storage {
            truth = flags.values.map { $0 == 1 }
        }
        let ids = try await store.cases.addPeriod(
            cases, algorithmID: algorithmID, sha256: sha256, period: "2026-10", seed: Self.policy.seed,
            actor: "responsable")
        let queue = cases.indices.filter { cases[$0].proposed }.sorted {
            cases[$0].queuePosition < cases[$1].queuePosition
        }
        var random = SeededRandom(seed: 7)
        for (place, row) in queue.enumerated() {
            // agent1 follows every proposal, quickly, often with the template as it is: the rubber stamp the
            // auditor's view flags. agent2 reads longer and sets aside about one case in seven.
            let agent = place % 2 == 0 ? "agent1" : "agent2"
            let template = Self.templates[place % Self.templates.count]
            let outcome: DecisionOutcome
            let reason: String
            let unchanged: Bool
            if agent == "agent1" {
                outcome = .control
                unchanged = random.bernoulli(0.7)
                reason = unchanged ? template.text : template.text + " Le dossier a été lu en entier."
            } else if random.bernoulli(0.15) {
                outcome = .noControl
                unchanged = false
                reason = ReasonTemplates.all[2].template + " Le foyer l'a écrit en mars."
            } else {
                outcome = .control
                unchanged = false
                reason = template.text + " Les montants en cause sont notés au dossier."
            }
            let decidedAt = now.addingTimeInterval(-Double(60 - place / 4) * 86_400)
            let seconds = agent == "agent1" ? 20 + 40 * random.uniform() : 240 + 480 * random.uniform()
            try await store.cases.markOpened(id: ids[row], at: decidedAt.addingTimeInterval(-seconds))
            _ = try await store.cases.decide(
                id: ids[row],
                input: DecisionInput(
                    outcome: outcome, reasonCategory: outcome == .noControl ? "situation_connue" : template.category,
                    reason: reason, templateUnchanged: unchanged), agent: agent, at: decidedAt)
            if outcome == .control {
                try await store.cases.recordFinding(
                    caseID: ids[row], irregular: truth[row], agent: agent, at: decidedAt.addingTimeInterval(20 * 86_400)
                )
            }
        }
    }
}
