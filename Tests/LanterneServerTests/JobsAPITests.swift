import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneServer
import LanterneStore
import Testing

@Suite("Scoring a population as a job")
struct JobsAPITests {
    /// A store of its own (its job runner must not touch the shared fixture's jobs) with the fixture's model
    /// published, a draft, and a steward.
    private func store(_ fixture: ServerFixture) async throws -> (Store, published: String, draft: String) {
        let path = fixture.folder.appendingPathComponent("jobs-\(OpaqueID.make(bytes: 4)).sqlite").path
        let store = try await Store.open(.sqlite(path: path))
        let hasher = PasswordHasher(cost: 4)
        for (name, role) in [("steward", Role.steward), ("auditor", .auditor), ("agent", .agent)] {
            _ = try await store.users.create(
                username: name, role: role, passwordHash: try await hasher.hash(ServerFixture.password),
                actor: "system")
        }
        let algorithm = try await store.algorithms.create(
            name: "Ciblage", kind: .ciblage, card: "{}", actor: "steward")
        let sha = String(
            fixture.modelFile.dropFirst(#"{"format":"lanterne-model","version":1,"sha256":""#.count).prefix(64))
        _ = try await store.algorithms.addModel(file: fixture.modelFile, sha256: sha, to: algorithm.id, actor: "s")
        try await store.algorithms.publish(algorithm.id, sha256: sha, actor: "steward")
        let draft = try await store.algorithms.create(name: "Brouillon", kind: .ciblage, card: "{}", actor: "s")
        return (store, algorithm.id, draft.id)
    }

    @Test("1,500 households in chunks of 400: the job's result is lanterne score's file, byte for byte")
    func resultEqualsCLI() async throws {
        let fixture = try await ServerFixture.shared.get()
        let scored = try LanterneProcess.run(
            ["score", "m.json", "f.csv", "--out", "cli-scores.csv"], in: fixture.folder)
        #expect(scored.status == 0)
        let expected = try String(contentsOf: fixture.folder.appendingPathComponent("cli-scores.csv"), encoding: .utf8)
        let population = try String(contentsOf: fixture.folder.appendingPathComponent("f.csv"), encoding: .utf8)
        let (store, published, _) = try await store(fixture)
        let steward = try await store.sessions.open(for: #require(try await store.users.find(username: "steward")))
        let app = try await LanterneServer.application(
            store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, passwordCost: 4),
            assistant: Assistant(base: try KnowledgeBase.shipped()))
        try await app.test(.live) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(steward.token)", .contentType: "text/csv"]
            let location = try await client.execute(
                uri: "/api/v1/algorithms/\(published)/scores?chunk_rows=400", method: .post, headers: auth,
                body: ByteBuffer(string: population)
            ) { response -> String in
                #expect(response.status == .accepted)
                let job = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let progress = job?["progress"] as? [String: Any]
                #expect(progress?["rows"] as? Int == 1500)
                #expect(progress?["chunks"] as? Int == 4)
                return response.headers[.location] ?? ""
            }
            var status = ""
            for _ in 0..<300 where status != "done" && status != "failed" {
                try await Task.sleep(for: .milliseconds(100))
                status = try await client.execute(uri: location, method: .get, headers: auth) { response in
                    let job = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    return job?["status"] as? String ?? ""
                }
            }
            #expect(status == "done")
            try await client.execute(uri: location + "/result", method: .get, headers: auth) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: response.body) == expected)
            }
        }
        await store.database.close()
    }

    @Test("Bad populations are refused with the reader's or the model's code, and no job is stored")
    func badPopulations() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (store, published, draft) = try await store(fixture)
        let steward = try await store.sessions.open(for: #require(try await store.users.find(username: "steward")))
        let router = try await LanterneServer.router(
            store: store, configuration: ServerConfiguration(passwordCost: 4),
            assistant: Assistant(base: try KnowledgeBase.shipped()))
        let before = try await store.log.head().sequence
        let header = fixture.fiveCases.prefix { $0 != "\n" }
        let cases: [(String, String, String, HTTPResponse.Status, String)] = [
            (
                "/api/v1/algorithms/\(published)/scores", "text/csv", "id,age\n1,40\n", .unprocessableContent,
                "missing_features"
            ),
            (
                "/api/v1/algorithms/\(published)/scores", "text/csv", header + "\n", .unprocessableContent,
                "csv_header_only"
            ),
            (
                "/api/v1/algorithms/\(published)/scores", "application/json", fixture.fiveCases, .unsupportedMediaType,
                "unsupported_media_type"
            ),
            (
                "/api/v1/algorithms/\(published)/scores?chunk_rows=0", "text/csv", fixture.fiveCases,
                .unprocessableContent, "bad_query"
            ),
            ("/api/v1/algorithms/\(draft)/scores", "text/csv", fixture.fiveCases, .conflict, "not_published"),
            ("/api/v1/algorithms/inconnu/scores", "text/csv", fixture.fiveCases, .notFound, "not_found"),
        ]
        try await Application(router: router).test(.router) { client in
            for (uri, type, body, status, code) in cases {
                let headers: HTTPFields = [.authorization: "Bearer \(steward.token)", .contentType: type]
                try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    response in
                    #expect(response.status == status, "\(uri) \(type)")
                    let answer = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    let error = answer?["error"] as? [String: Any]
                    #expect(
                        (error?["code"] as? String)?.hasPrefix(code) == true, "\(uri): \(String(describing: error))")
                }
            }
        }
        #expect(try await store.log.head().sequence == before)
        await store.database.close()
    }
}
