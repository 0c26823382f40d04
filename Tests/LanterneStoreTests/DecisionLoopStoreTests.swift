import Foundation
import LanterneModels
import LanterneStore
import LanterneTestSupport
import Testing

@Suite("Cases, decisions, contests and callbacks as stored")
struct DecisionLoopStoreTests {
    /// An algorithm with one model version and a period of four cases: two proposed by score, one drawn at random,
    /// one not proposed.
    func period(_ store: Store) async throws -> (algorithm: String, cases: [String]) {
        let algorithm = try await store.algorithms.create(name: "Ciblage", kind: .ciblage, card: "{}", actor: "resp")
        let version = try await store.algorithms.addModel(
            file: "{\"model\": 1}", sha256: String(repeating: "ab", count: 32), to: algorithm.id, actor: "resp")
        let cases = [
            NewCase(
                reference: "F1", data: #"{"salaires":1}"#, score: 0.9, proposed: true, randomDraw: false,
                queuePosition: 2),
            NewCase(
                reference: "F2", data: #"{"salaires":2}"#, score: 0.1, proposed: true, randomDraw: true,
                queuePosition: 1),
            NewCase(
                reference: "F3", data: #"{"salaires":3}"#, score: 0.8, proposed: true, randomDraw: false,
                queuePosition: 3),
            NewCase(
                reference: "F4", data: #"{"salaires":4}"#, score: 0.2, proposed: false, randomDraw: false,
                queuePosition: 0),
        ]
        let ids = try await store.cases.addPeriod(
            cases, algorithmID: algorithm.id, sha256: version.sha256, period: "2026-12", seed: 7, actor: "resp")
        return (algorithm.id, ids)
    }

    let reason = DecisionInput(
        outcome: .noControl, reasonCategory: "pieces_justificatives",
        reason: "Les justificatifs joints expliquent la baisse des revenus.", templateUnchanged: false)

    @Test(
        "The queue holds the proposed open cases in policy order; the period's log entry counts the draw",
        arguments: TestDatabases.kinds)
    func queue(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let (algorithm, ids) = try await period(store)
            let queue = try await store.cases.queue(algorithmID: algorithm)
            #expect(queue.map(\.reference) == ["F2", "F1", "F3"])
            #expect(
                try await store.cases.cases(algorithmID: algorithm, sha256: String(repeating: "ab", count: 32)).count
                    == 4)
            let entry = try #require(try await store.log.entries().last)
            #expect(entry.action == "cases.add")
            #expect(entry.details.contains(#""proposed":"3""#))
            #expect(entry.details.contains(#""random_draw":"1""#))
            #expect(entry.details.contains(#""seed":"7""#))
            _ = try await store.cases.decide(id: ids[0], input: reason, agent: "agent1")
            #expect(try await store.cases.queue(algorithmID: algorithm).map(\.reference) == ["F2", "F3"])
        }
    }

    @Test(
        "A decision gives a 64-hex notice token that opens it; the token itself is not stored",
        arguments: TestDatabases.kinds)
    func decision(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let (_, ids) = try await period(store)
            let opened = Date(timeIntervalSince1970: 1_800_000_000)
            try await store.cases.markOpened(id: ids[0], at: opened)
            let (decision, token) = try await store.cases.decide(
                id: ids[0], input: reason, agent: "agent1", at: opened.addingTimeInterval(95))
            #expect(token.count == 64)
            #expect(decision.agrees == false)
            #expect(decision.proposal == .control)
            #expect(decision.secondsToDecide == 95)
            let found = try #require(try await store.cases.notice(token: token))
            #expect(found.case.reference == "F1")
            #expect(found.case.status == "decided")
            #expect(found.decision == decision)
            #expect(try await store.cases.notice(token: String(repeating: "0", count: 64)) == nil)
            let entries = try await store.log.entries()
            let logged = try #require(entries.first { $0.sequence == decision.logSequence })
            #expect(logged.action == "case.decide")
            #expect(logged.hash == decision.logHash)
            #expect(!logged.details.contains("justificatifs"))
            let stored = try await store.database.session { db in
                try await db.raw("SELECT notice_token_hash FROM decisions").all()
                    .map { try $0.decode(column: "notice_token_hash", as: String.self) }
            }
            #expect(stored == [SHA256.hex(of: Array(token.utf8))])
        }
    }

    @Test("A case is decided once, and only when the policy proposed it", arguments: TestDatabases.kinds)
    func decidedOnce(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let (_, ids) = try await period(store)
            _ = try await store.cases.decide(id: ids[0], input: reason, agent: "agent1")
            await #expect(throws: StoreError(.refused(.alreadyDecided))) {
                try await store.cases.decide(id: ids[0], input: reason, agent: "agent2")
            }
            await #expect(throws: StoreError(.refused(.notProposed))) {
                try await store.cases.decide(id: ids[3], input: reason, agent: "agent1")
            }
            await #expect(throws: StoreError(.notFound(what: "dossier", id: "nope"))) {
                try await store.cases.decide(id: "nope", input: reason, agent: "agent1")
            }
            #expect(try await store.cases.decisions().count == 1)
        }
    }

    @Test("A contest is due one calendar month later: 31 January gives 28 February")
    func dueDate() throws {
        let filed = try #require(Timestamp.date("2027-01-31T10:00:00.000Z"))
        #expect(Timestamp.text(ContestStore.due(after: filed)) == "2027-02-28T10:00:00.000Z")
        let other = try #require(Timestamp.date("2026-12-07T08:30:00.000Z"))
        #expect(Timestamp.text(ContestStore.due(after: other)) == "2027-01-07T08:30:00.000Z")
    }

    @Test(
        "A contest goes to every agent but the one who decided; that agent's answer is refused",
        arguments: TestDatabases.kinds)
    func contest(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let (_, ids) = try await period(store)
            let (decision, token) = try await store.cases.decide(id: ids[1], input: reason, agent: "agent1")
            let contest = try await store.contests.file(
                token: token, message: "Je conteste.", contact: "a@example.org",
                at: try #require(Timestamp.date("2026-12-07T08:30:00.000Z")))
            #expect(contest.dueAt == "2027-01-07T08:30:00.000Z")
            #expect(contest.decidingAgent == "agent1")
            await #expect(throws: StoreError(.refused(.alreadyContested))) {
                try await store.contests.file(token: token, message: "Encore", contact: "")
            }
            #expect(try await store.contests.queue(for: "agent1").isEmpty)
            #expect(try await store.contests.queue(for: "agent2").map(\.id) == [contest.id])
            await #expect(throws: StoreError(.refused(.ownDecision))) {
                try await store.contests.answer(id: contest.id, outcome: .changed, answer: "x", agent: "agent1")
            }
            let answered = try await store.contests.answer(
                id: contest.id, outcome: .changed, answer: "Le contrôle est annulé.", agent: "agent2")
            #expect(answered.status == "answered")
            #expect(answered.outcome == .changed)
            #expect(answered.answeredBy == "agent2")
            #expect(try await store.contests.forDecision(decision.id) == answered)
            await #expect(throws: StoreError(.refused(.alreadyAnswered))) {
                try await store.contests.answer(id: contest.id, outcome: .upheld, answer: "y", agent: "agent2")
            }
            #expect(try await store.contests.queue(for: "agent2").isEmpty)
            let actions = try await store.log.entries().map(\.action).suffix(2)
            #expect(Array(actions) == ["contest.file", "contest.answer"])
        }
    }

    @Test(
        "A callback request changes status and is deleted once its retention is over, the log keeping no name",
        arguments: TestDatabases.kinds)
    func callbacks(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let kept = try await store.callbacks.create(
                name: "Marie Curie", contact: "06 12 34 56 78", preferredTime: "matin", subject: "Mon avis",
                retention: 30 * 86_400, at: start)
            let short = try await store.callbacks.create(
                name: "Paul", contact: "p@example.org", preferredTime: "indifferent", subject: "Taxe",
                retention: 86_400, at: start.addingTimeInterval(1))
            #expect(try await store.callbacks.queue().map(\.id) == [kept.id, short.id])
            let called = try await store.callbacks.setStatus(id: kept.id, status: .done, agent: "agent2")
            #expect(called.status == .done)
            #expect(called.updatedBy == "agent2")
            #expect(try await store.callbacks.purge(now: start.addingTimeInterval(86_400)) == 0)
            #expect(try await store.callbacks.purge(now: start.addingTimeInterval(86_401)) == 1)
            #expect(try await store.callbacks.queue().map(\.id) == [kept.id])
            #expect(try await store.callbacks.purge(now: start.addingTimeInterval(30 * 86_400)) == 1)
            #expect(try await store.callbacks.queue().isEmpty)
            let log = try await store.log.entries()
            #expect(
                log.map(\.action).filter { $0.hasPrefix("callback") } == [
                    "callback.create", "callback.create", "callback.status", "callback.purge", "callback.purge",
                ])
            #expect(!log.contains { $0.details.contains("Marie") || $0.details.contains("06 12") })
            await #expect(throws: StoreError(.notFound(what: "demande de rappel", id: "nope"))) {
                try await store.callbacks.setStatus(id: "nope", status: .called, agent: "agent2")
            }
        }
    }

    @Test(
        "Findings split the score's proposals from the draw; contests are counted by algorithm",
        arguments: TestDatabases.kinds)
    func findings(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let (algorithm, ids) = try await period(store)
            let control = DecisionInput(
                outcome: .control, reasonCategory: "incoherence_revenus", reason: "À vérifier.", templateUnchanged: true
            )
            let (_, first) = try await store.cases.decide(id: ids[0], input: control, agent: "agent1")
            _ = try await store.cases.decide(id: ids[1], input: control, agent: "agent1")
            _ = try await store.cases.decide(id: ids[2], input: reason, agent: "agent2")
            try await store.cases.recordFinding(caseID: ids[0], irregular: true, agent: "agent1")
            try await store.cases.recordFinding(caseID: ids[1], irregular: false, agent: "agent1")
            await #expect(throws: StoreError(.refused(.findingRecorded))) {
                try await store.cases.recordFinding(caseID: ids[1], irregular: true, agent: "agent1")
            }
            await #expect(throws: StoreError(.notFound(what: "décision du dossier", id: ids[3]))) {
                try await store.cases.recordFinding(caseID: ids[3], irregular: true, agent: "agent1")
            }
            let counts = try await store.cases.findings(algorithmID: algorithm)
            #expect(
                counts
                    == FindingCounts(
                        modelControls: 1, modelFound: 1, drawnControls: 1, drawnFound: 0, proposed: 3, drawn: 1))
            let contest = try await store.contests.file(token: first, message: "Non.", contact: "")
            _ = try await store.contests.answer(id: contest.id, outcome: .changed, answer: "Oui.", agent: "agent2")
            let contests = try await store.contests.counts(algorithmID: algorithm)
            #expect(contests.received == 1 && contests.answered == 1 && contests.changed == 1)
            #expect(try await store.cases.decisions().first { $0.case.id == ids[0] }?.decision.finding == true)
        }
    }
}
