import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneAudit
import LanterneStore
import LanterneTestSupport
import Testing

@testable import LanterneServer

@Suite("The human decision loop over HTTP: queue, case, decision, contest, oversight")
struct DecisionLoopAPITests {
    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }

    static func headers(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    @Test(
        "The queue is in policy order; a drawn case looks like any other to the agent, only the auditor sees the draw")
    func queueAndCase() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (cases, queueIDs) = try await ServerFixture.notices.period(fixture)
        let agent = try await fixture.token("agent")
        let auditor = try await fixture.token("auditor")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let queue = try await client.execute(uri: "/api/v1/queue", method: .get, headers: Self.headers(agent)) {
                #expect($0.status == .ok)
                return try #require(try Self.json($0) as? [[String: Any]])
            }
            // This period's open cases (other tests decide some, or store other periods), in the policy's order.
            let ids = queue.compactMap { $0["id"] as? String }.filter { queueIDs.contains($0) }
            #expect(!ids.isEmpty)
            #expect(ids == queueIDs.filter { ids.contains($0) })
            #expect(queue.allSatisfy { $0["random_draw"] == nil })
            let positions = queue.filter { ids.contains($0["id"] as? String ?? "") }.compactMap {
                $0["position"] as? Int
            }
            #expect(positions == positions.sorted())
            let drawnPositions = Set(cases.filter(\.randomDraw).map(\.queuePosition))
            let ours = queue.filter { ids.contains($0["id"] as? String ?? "") }
            let drawnID = try #require(
                ours.first { drawnPositions.contains($0["position"] as? Int ?? -1) }?["id"] as? String)
            let otherID = try #require(
                ours.first { !drawnPositions.contains($0["position"] as? Int ?? -1) }?["id"] as? String)
            var keys: [Set<String>] = []
            for id in [drawnID, otherID] {
                let view = try await client.execute(
                    uri: "/api/v1/cases/\(id)", method: .get, headers: Self.headers(agent)
                ) { try #require(try Self.json($0) as? [String: Any]) }
                keys.append(Set(view.keys))
                #expect(view["random_draw"] == nil)
                #expect((view["data"] as? [[String: Any]])?.isEmpty == false)
                #expect((view["score"] as? Double) != nil)
            }
            #expect(keys[0] == keys[1])
            let audited = try await client.execute(
                uri: "/api/v1/cases/\(drawnID)", method: .get, headers: Self.headers(auditor)
            ) { try #require(try Self.json($0) as? [String: Any]) }
            #expect(audited["random_draw"] as? Bool == true)
            // The case page's data are in words, never codes.
            let data =
                try await client.execute(
                    uri: "/api/v1/cases/\(otherID)", method: .get, headers: Self.headers(agent)
                ) { try #require(try Self.json($0) as? [String: Any]) }["data"] as? [[String: Any]]
            let values = (data ?? []).compactMap { $0["value"] as? String }
            #expect(!values.contains("celibataire") && !values.contains("hauts_de_france"))
        }
    }

    @Test("A decision needs a written reason (422), only an agent decides (403), once (409); it writes the notice")
    func decision() async throws {
        let fixture = try await ServerFixture.shared.get()
        let id = try await ServerFixture.notices.nextCase(fixture)
        let agent = try await fixture.token("agent")
        let steward = try await fixture.token("steward")
        let auditor = try await fixture.token("auditor")
        let app = try await fixture.application()
        let path = "/api/v1/cases/\(id)/decision"
        try await app.test(.router) { client in
            for (body, code) in [
                (
                    #"{"outcome": "control", "reason_category": "incoherence_revenus", "reason": "   "}"#,
                    "missing_reason"
                ),
                (#"{"outcome": "control", "reason_category": "incoherence_revenus"}"#, "missing_reason"),
                (#"{"outcome": "peut-etre", "reason_category": "autre", "reason": "x"}"#, "invalid_field"),
                (#"{"outcome": "control", "reason_category": "inconnue", "reason": "x"}"#, "invalid_field"),
            ] {
                try await client.execute(
                    uri: path, method: .post, headers: Self.headers(agent), body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(body)")
                    let error = try #require(try Self.json(response) as? [String: Any])["error"] as? [String: Any]
                    #expect(error?["code"] as? String == code, "\(body)")
                }
            }
            let good =
                #"{"outcome": "no_control", "reason_category": "situation_connue", "reason": "\#(ReasonTemplates.all[2].template)"}"#
            for token in [steward, auditor] {
                try await client.execute(
                    uri: path, method: .post, headers: Self.headers(token), body: ByteBuffer(string: good)
                ) { #expect($0.status == .forbidden) }
            }
            #expect(try await fixture.store.cases.decision(caseID: id) == nil)
            let answer = try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent), body: ByteBuffer(string: good)
            ) { response in
                #expect(response.status == .created)
                return try #require(try Self.json(response) as? [String: Any])
            }
            // The template was left as it is: allowed, and flagged.
            #expect(answer["template_unchanged"] as? Bool == true)
            let notice = try #require(answer["notice"] as? String)
            let decision = try #require(try await fixture.store.cases.decision(caseID: id))
            #expect(decision.agrees == false && decision.templateUnchanged)
            try await client.execute(uri: notice, method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Votre déclaration ne sera pas contrôlée."))
            }
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent), body: ByteBuffer(string: good)
            ) { response in
                #expect(response.status == .conflict)
                let error = try #require(try Self.json(response) as? [String: Any])["error"] as? [String: Any]
                #expect(error?["code"] as? String == "already_decided")
            }
        }
    }

    @Test("A contest never reaches the agent who decided: hidden from their list, their answer refused (409)")
    func contests() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, _) = try await fixture.decidedNotice(agent: "agent")
        let contest = try await fixture.store.contests.file(token: token, message: "Je conteste.", contact: "")
        let agent = try await fixture.token("agent")
        let agent2 = try await fixture.token("agent2")
        let auditor = try await fixture.token("auditor")
        let app = try await fixture.application()
        let answer = #"{"outcome": "upheld", "answer": "Les pièces confirment la décision."}"#
        try await app.test(.router) { client in
            let own = try await client.execute(uri: "/api/v1/contests", method: .get, headers: Self.headers(agent)) {
                try #require(try Self.json($0) as? [[String: Any]])
            }
            #expect(!own.contains { $0["id"] as? String == contest.id })
            let others = try await client.execute(
                uri: "/api/v1/contests", method: .get, headers: Self.headers(agent2)
            ) { try #require(try Self.json($0) as? [[String: Any]]) }
            #expect(others.contains { $0["id"] as? String == contest.id })
            let path = "/api/v1/contests/\(contest.id)/answer"
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent), body: ByteBuffer(string: answer)
            ) { response in
                #expect(response.status == .conflict)
                let error = try #require(try Self.json(response) as? [String: Any])["error"] as? [String: Any]
                #expect(error?["code"] as? String == "own_decision")
            }
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(auditor), body: ByteBuffer(string: answer)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent2),
                body: ByteBuffer(string: #"{"outcome": "upheld"}"#)
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent2), body: ByteBuffer(string: answer)
            ) { response in
                #expect(response.status == .ok)
                let answered = try Self.json(response) as? [String: Any]
                #expect(answered?["outcome"] as? String == "upheld")
            }
            try await client.execute(uri: "/notices/\(token)", method: .get) { response in
                #expect(String(buffer: response.body).contains("La décision est maintenue."))
            }
        }
    }

    @Test("The oversight figures are those recounted here from the stored decisions; CSV has the same lines")
    func oversight() async throws {
        let fixture = try await ServerFixture.shared.get()
        // A store of its own, so that no other test decides a case between the count and the report.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lanterne-oversight-" + OpaqueID.make(bytes: 6))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try await Store.open(
            try await TestDatabases.httpLocation(sqlitePath: folder.appendingPathComponent("o.sqlite").path))
        try await store.closing {
            let hasher = PasswordHasher(cost: 4)
            for (name, role) in [("agent", Role.agent), ("agent2", .agent), ("auditor", .auditor)] {
                _ = try await store.users.create(
                    username: name, role: role, passwordHash: try await hasher.hash("x"), actor: "system")
            }
            let algorithm = try await store.algorithms.create(name: "C", kind: .ciblage, card: "{}", actor: "s")
            let sha = fixture.published.publishedSHA256 ?? ""
            _ = try await store.algorithms.addModel(file: fixture.modelFile, sha256: sha, to: algorithm.id, actor: "s")
            let (cases, _) = try await ServerFixture.notices.period(fixture)
            let ids = try await store.cases.addPeriod(
                cases, algorithmID: algorithm.id, sha256: sha, period: "2026-11", seed: 3, actor: "s")
            let proposed = cases.indices.filter { cases[$0].proposed }
            // agent: 12 decisions, all following the proposal; agent2: 10, three set aside.
            for (index, row) in proposed.prefix(22).enumerated() {
                let agent = index < 12 ? "agent" : "agent2"
                let outcome: DecisionOutcome = index >= 12 && index < 15 ? .noControl : .control
                _ = try await store.cases.decide(
                    id: ids[row],
                    input: DecisionInput(
                        outcome: outcome, reasonCategory: "autre", reason: "Raison \(index).", templateUnchanged: false),
                    agent: agent)
            }
            let router = try await LanterneServer.router(
                store: store, configuration: ServerConfiguration(passwordCost: 4),
                assistant: Assistant(base: try KnowledgeBase.shipped()))
            let auditor = try await store.sessions.open(
                for: try #require(try await store.users.find(username: "auditor")))
            let agent = try await store.sessions.open(for: try #require(try await store.users.find(username: "agent")))
            try await Application(router: router).test(.router) { client in
                try await client.execute(uri: "/api/v1/oversight", method: .get, headers: Self.headers(agent.token)) {
                    #expect($0.status == .forbidden)
                }
                let stored = try await store.cases.decisions()
                let report = try await client.execute(
                    uri: "/api/v1/oversight", method: .get, headers: Self.headers(auditor.token)
                ) { try #require(try Self.json($0) as? [String: Any]) }
                let lines = try #require(report["lines"] as? [[String: Any]])
                // Recount by hand: decisions and agreements per agent and month.
                var counts: [String: (Int, Int)] = [:]
                for item in stored {
                    let key = item.decision.agent + " " + item.decision.decidedAt.prefix(7)
                    counts[key, default: (0, 0)].0 += 1
                    if item.decision.outcome == .control { counts[key, default: (0, 0)].1 += 1 }
                }
                #expect(counts.values.map(\.0).sorted() == [10, 12])
                #expect(lines.count == counts.count)
                for line in lines {
                    let key = "\(line["agent"] as? String ?? "") \(line["month"] as? String ?? "")"
                    let (decisions, agreements) = try #require(counts[key])
                    #expect(line["decisions"] as? Int == decisions)
                    #expect(abs((line["agreement"] as? Double ?? -1) - Double(agreements) / Double(decisions)) < 1e-12)
                    // Twelve decisions that all follow the proposal pass the 95 % level: flagged.
                    #expect(line["alert"] as? Bool == (agreements == decisions && decisions >= 10))
                }
                #expect((report["alerts"] as? [String])?.count == 1)
                let csv = try await client.execute(
                    uri: "/api/v1/oversight?format=csv", method: .get, headers: Self.headers(auditor.token)
                ) { String(buffer: $0.body) }
                #expect(csv.split(separator: "\n").count == counts.count + 1)
                #expect(csv.hasPrefix("agent,month,decisions,agreement,"))
            }
        }
    }

    @Test("A control's finding is recorded once by an agent and feeds the register's hit rates")
    func finding() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (_, id) = try await fixture.decidedNotice()
        let agent = try await fixture.token("agent")
        let app = try await fixture.application()
        let before = try await fixture.store.cases.findings(algorithmID: fixture.published.id)
        try await app.test(.router) { client in
            let path = "/api/v1/cases/\(id)/finding"
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent),
                body: ByteBuffer(string: #"{"irregularity": 1}"#)
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent),
                body: ByteBuffer(string: #"{"irregularity": true}"#)
            ) { #expect($0.status == .created) }
            try await client.execute(
                uri: path, method: .post, headers: Self.headers(agent),
                body: ByteBuffer(string: #"{"irregularity": false}"#)
            ) { #expect($0.status == .conflict) }
        }
        let after = try await fixture.store.cases.findings(algorithmID: fixture.published.id)
        #expect(after.modelControls + after.drawnControls >= before.modelControls + before.drawnControls + 1)
        #expect(after.modelFound + after.drawnFound >= before.modelFound + before.drawnFound + 1)
    }

    @Test("Deciding many cases at once needs a reason for each; all are stored or none")
    func bulk() async throws {
        let fixture = try await ServerFixture.shared.get()
        var taken: [String] = []
        for _ in 0..<3 { taken.append(try await ServerFixture.notices.nextCase(fixture)) }
        let ids = taken
        let agent = try await fixture.token("agent")
        let app = try await fixture.application()
        @Sendable func item(_ id: String, _ reason: String) -> String {
            #"{"case": "\#(id)", "outcome": "control", "reason_category": "autre", "reason": "\#(reason)"}"#
        }
        try await app.test(.router) { client in
            let missing = #"{"decisions": [\#(item(ids[0], "Vu.")), \#(item(ids[1], " ")), \#(item(ids[2], "Vu."))]}"#
            try await client.execute(
                uri: "/api/v1/decisions", method: .post, headers: Self.headers(agent), body: ByteBuffer(string: missing)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("decisions[1]"))
            }
            let twice = #"{"decisions": [\#(item(ids[0], "Vu.")), \#(item(ids[0], "Encore."))]}"#
            try await client.execute(
                uri: "/api/v1/decisions", method: .post, headers: Self.headers(agent), body: ByteBuffer(string: twice)
            ) { #expect($0.status == .conflict) }
            for id in ids { #expect(try await fixture.store.cases.decision(caseID: id) == nil) }
            let good = #"{"decisions": [\#(ids.map { item($0, "Lu en entier.") }.joined(separator: ","))]}"#
            let notices = try await client.execute(
                uri: "/api/v1/decisions", method: .post, headers: Self.headers(agent), body: ByteBuffer(string: good)
            ) { response -> [String] in
                #expect(response.status == .created)
                let object = try #require(try Self.json(response) as? [String: Any])
                return object["notices"] as? [String] ?? []
            }
            #expect(notices.count == 3)
            for id in ids { #expect(try await fixture.store.cases.decision(caseID: id)?.reason == "Lu en entier.") }
        }
    }
}
