import Foundation
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

@testable import LanterneServer

extension ServerFixture {
    /// Decided cases of one control period of the fixture's published model, handed out one per test.
    static let notices = NoticeSupply()

    /// The period's policy: 40 controls of 400 households, a tenth drawn at random.
    static let periodPolicy = ControlPolicy(rule: .capacity(40), randomShare: 0.1, seed: 3)

    actor NoticeSupply {
        private var making: Task<(cases: [NewCase], queue: [String]), any Error>?
        private var next = 0

        /// The stored period: its cases in table order and the proposed ones in queue order, stored once however
        /// many tests ask at the same time.
        func period(_ fixture: ServerFixture) async throws -> (cases: [NewCase], queue: [String]) {
            if let making { return try await making.value }
            let task = Task { try await Self.store(fixture) }
            making = task
            return try await task.value
        }

        private static func store(_ fixture: ServerFixture) async throws -> (cases: [NewCase], queue: [String]) {
            let (document, _) = try ModelFile.decode(Array(fixture.modelFile.utf8), file: "m.json")
            let table = try DemoData.table(HouseholdPopulation(rows: 400, seed: 9), blanksAsZero: nil)
            let cases = try ControlPeriodCases.make(
                table: table, document: document, policy: ServerFixture.periodPolicy, idColumn: "id_foyer")
            let ids = try await fixture.store.cases.addPeriod(
                cases, algorithmID: fixture.published.id, sha256: fixture.published.publishedSHA256 ?? "",
                period: "2026-11", seed: 3, actor: "steward")
            let found = cases.indices.filter { cases[$0].proposed }
                .sorted { cases[$0].queuePosition < cases[$1].queuePosition }.map { ids[$0] }
            return (cases, found)
        }

        /// A case of the queue not yet handed out.
        func nextCase(_ fixture: ServerFixture) async throws -> String {
            let queue = try await period(fixture).queue
            defer { next += 1 }
            return queue[next]
        }
    }

    /// Decides a fresh case of the period as `agent` and returns the notice token with the case.
    func decidedNotice(agent: String = "agent", outcome: DecisionOutcome = .control) async throws
        -> (token: String, caseID: String)
    {
        let id = try await Self.notices.nextCase(self)
        let (_, token) = try await store.cases.decide(
            id: id,
            input: DecisionInput(
                outcome: outcome, reasonCategory: "incoherence_revenus",
                reason: "Les revenus déclarés baissent sans explication <b>écrite</b>.", templateUnchanged: false),
            agent: agent)
        return (token, id)
    }
}
