import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneStore
import LanterneTestSupport
import Testing

@testable import LanterneServer

/// The whole loop over HTTP on each database (SQLite always, PostgreSQL when `LANTERNE_TEST_POSTGRES` is set):
/// a period is stored, an agent decides, the person contests, the deciding agent is refused, another answers, the
/// auditor reads the oversight, and nobody else can change anything.
@Suite("The decision workflow end to end, on every database")
struct DecisionWorkflowTests {
    static func headers(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("Decide, contest, refuse the deciding agent, answer, oversee", arguments: TestDatabases.kinds)
    func workflow(_ kind: String) async throws {
        let fixture = try await ServerFixture.shared.get()
        let (cases, _) = try await ServerFixture.notices.period(fixture)
        try await TestDatabases.withStore(kind) { store in
            let hasher = PasswordHasher(cost: 4)
            var made: [String: String] = [:]
            for (name, role) in [
                ("agent", Role.agent), ("agent2", .agent), ("steward", .steward), ("auditor", .auditor),
            ] {
                let user = try await store.users.create(
                    username: name, role: role, passwordHash: try await hasher.hash("x"), actor: "system")
                made[name] = try await store.sessions.open(for: user).token
            }
            let tokens = made
            let algorithm = try await store.algorithms.create(
                name: "Ciblage", kind: .ciblage, card: fixture.published.card, actor: "steward")
            let sha = fixture.published.publishedSHA256 ?? ""
            _ = try await store.algorithms.addModel(
                file: fixture.modelFile, sha256: sha, to: algorithm.id, actor: "steward")
            _ = try await store.algorithms.publish(algorithm.id, sha256: sha, actor: "steward")
            _ = try await store.cases.addPeriod(
                cases, algorithmID: algorithm.id, sha256: sha, period: "2026-11", seed: 3, actor: "steward")
            let router = try await LanterneServer.router(
                store: store, configuration: ServerConfiguration(passwordCost: 4),
                assistant: Assistant(base: try KnowledgeBase.shipped()))
            try await Application(router: router).test(.router) { client in
                let queue = try await client.execute(
                    uri: "/api/v1/queue", method: .get, headers: Self.headers(tokens["agent"]!)
                ) { try #require(try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as? [[String: Any]]) }
                #expect(queue.count == cases.count(where: \.proposed))
                let id = try #require(queue.first?["id"] as? String)
                let decision = #"{"outcome": "control", "reason_category": "incoherence_revenus", "reason": "Vu."}"#
                for name in ["steward", "auditor"] {
                    try await client.execute(
                        uri: "/api/v1/cases/\(id)/decision", method: .post, headers: Self.headers(tokens[name]!),
                        body: ByteBuffer(string: decision)
                    ) { #expect($0.status == .forbidden, "\(name)") }
                }
                let notice = try await client.execute(
                    uri: "/api/v1/cases/\(id)/decision", method: .post, headers: Self.headers(tokens["agent"]!),
                    body: ByteBuffer(string: decision)
                ) { response -> String in
                    #expect(response.status == .created)
                    return try Self.object(response)["notice"] as? String ?? ""
                }
                let token = String(notice.dropFirst("/notices/".count))
                let contest = try await client.execute(
                    uri: "/api/v1/notices/\(token)/contest", method: .post,
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"message": "Je conteste.", "consent": true}"#)
                ) { response -> String in
                    #expect(response.status == .created)
                    return try Self.object(response)["id"] as? String ?? ""
                }
                let answer = #"{"outcome": "changed", "answer": "Le contrôle est abandonné."}"#
                try await client.execute(
                    uri: "/api/v1/contests/\(contest)/answer", method: .post, headers: Self.headers(tokens["agent"]!),
                    body: ByteBuffer(string: answer)
                ) { #expect($0.status == .conflict) }
                try await client.execute(
                    uri: "/api/v1/contests/\(contest)/answer", method: .post,
                    headers: Self.headers(tokens["auditor"]!), body: ByteBuffer(string: answer)
                ) { #expect($0.status == .forbidden) }
                try await client.execute(
                    uri: "/api/v1/contests/\(contest)/answer", method: .post, headers: Self.headers(tokens["agent2"]!),
                    body: ByteBuffer(string: answer)
                ) { #expect($0.status == .ok) }
                try await client.execute(uri: "/api/v1/notices/\(token)", method: .get) { response in
                    let contest = try Self.object(response)["contest"] as? [String: Any]
                    #expect(contest?["outcome"] as? String == "changed")
                }
                let report = try await client.execute(
                    uri: "/api/v1/oversight", method: .get, headers: Self.headers(tokens["auditor"]!)
                ) { try Self.object($0) }
                let lines = try #require(report["lines"] as? [[String: Any]])
                #expect(lines.count == 1)
                #expect(lines.first?["agent"] as? String == "agent")
                #expect(lines.first?["decisions"] as? Int == 1)
                let entry = try await client.execute(
                    uri: "/api/v1/algorithms/\(algorithm.id)", method: .get
                ) { try Self.object($0) }
                let counts = try #require(entry["contests"] as? [String: Any])
                #expect(counts["received"] as? Int == 1 && counts["changed"] as? Int == 1)
            }
            #expect(try await store.log.verify().valid)
        }
    }
}
