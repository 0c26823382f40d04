import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneServer
import LanterneStore
import LanterneTestSupport
import Testing

@Suite("Scoring a population as a job")
struct JobsAPITests {
    /// A store of its own (its job runner must not touch the shared fixture's jobs) with the fixture's model
    /// published, a draft, and a steward.
    private func store(_ fixture: ServerFixture) async throws -> (Store, published: String, draft: String) {
        let path = fixture.folder.appendingPathComponent("jobs-\(OpaqueID.make(bytes: 4)).sqlite").path
        let store = try await Store.open(try await TestDatabases.httpLocation(sqlitePath: path))
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

    /// The whole application over `store`, its job runner included, on a free port.
    static func served(_ store: Store) async throws -> some ApplicationProtocol {
        try await LanterneServer.application(
            store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, passwordCost: 4),
            assistant: Assistant(base: try KnowledgeBase.shipped()))
    }

    /// Follows a job until it is done or failed (30 s at most) and returns its status.
    static func finalStatus(of location: String, client: some TestClientProtocol, headers: HTTPFields) async throws
        -> String
    {
        var status = ""
        for _ in 0..<300 where status != "done" && status != "failed" {
            try await Task.sleep(for: .milliseconds(100))
            status = try await client.execute(uri: location, method: .get, headers: headers) { response in
                let job = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                return job?["status"] as? String ?? ""
            }
        }
        return status
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
        try await store.closing {
            let steward = try await store.sessions.open(for: #require(try await store.users.find(username: "steward")))
            try await Self.served(store).test(.live) { client in
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
                #expect(try await Self.finalStatus(of: location, client: client, headers: auth) == "done")
                try await client.execute(uri: location + "/result", method: .get, headers: auth) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
                    #expect(String(buffer: response.body) == expected)
                }
            }
        }
    }

    @Test("Bad populations are refused with the reader's or the model's code, and no job is stored")
    func badPopulations() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (store, published, draft) = try await store(fixture)
        try await store.closing {
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
                    "/api/v1/algorithms/\(published)/scores", "application/json", fixture.fiveCases,
                    .unsupportedMediaType,
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
                    try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
                    {
                        response in
                        #expect(response.status == status, "\(uri) \(type)")
                        let answer =
                            try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                        let error = answer?["error"] as? [String: Any]
                        #expect(
                            (error?["code"] as? String)?.hasPrefix(code) == true, "\(uri): \(String(describing: error))"
                        )
                    }
                }
            }
            #expect(try await store.log.head().sequence == before)
        }
    }

    /// The audit job's body for the fixture's households: the four-fifths gate on `parent_isole` at 10 %.
    static func auditBody(data: String, label: String = "irregularite_reelle", rule: String = #""top_percent": 10"#)
        -> String
    {
        let quoted = String(decoding: (try? JSONEncoder().encode(data)) ?? Data(), as: UTF8.self)
        return #"{"data": \#(quoted), "label": "\#(label)", "protected": ["parent_isole"], \#(rule), "#
            + #""policy": {"gates": [{"name": "quatre cinquièmes", "metric": "ratio.selection_rate", "min": 0.8, "max": 1.25}]}}"#
    }

    @Test(
        "An audit job on uploaded households gives lanterne audit --model --json's report, byte for byte, and records it"
    )
    func auditEqualsCLI() async throws {
        let fixture = try await ServerFixture.shared.get()
        let policy =
            #"{"gates": [{"name": "quatre cinquièmes", "metric": "ratio.selection_rate", "min": 0.8, "max": 1.25}]}"#
        try policy.write(to: fixture.folder.appendingPathComponent("job-gates.json"), atomically: true, encoding: .utf8)
        let audited = try LanterneProcess.run(
            [
                "audit", "f.csv", "--label", "irregularite_reelle", "--protected", "parent_isole", "--model", "m.json",
                "--top-percent", "10", "--policy", "job-gates.json", "--json", "job-audit.json",
            ], in: fixture.folder)
        #expect(audited.status == 1)
        let expected = try String(contentsOf: fixture.folder.appendingPathComponent("job-audit.json"), encoding: .utf8)
        let population = try String(contentsOf: fixture.folder.appendingPathComponent("f.csv"), encoding: .utf8)
        let (store, published, _) = try await store(fixture)
        try await store.closing {
            let steward = try await store.sessions.open(for: #require(try await store.users.find(username: "steward")))
            try await Self.served(store).test(.live) { client in
                let auth: HTTPFields = [.authorization: "Bearer \(steward.token)", .contentType: "application/json"]
                let location = try await client.execute(
                    uri: "/api/v1/algorithms/\(published)/audits", method: .post, headers: auth,
                    body: ByteBuffer(string: Self.auditBody(data: population))
                ) { response -> String in
                    #expect(response.status == .accepted)
                    return response.headers[.location] ?? ""
                }
                #expect(try await Self.finalStatus(of: location, client: client, headers: auth) == "done")
                try await client.execute(uri: location + "/result", method: .get, headers: auth) { response in
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    #expect(String(buffer: response.body) == expected)
                }
            }
            let stored = try await store.algorithms.latestAudit(of: published)
            #expect(stored?.report == expected)
            #expect(stored?.gatesPassed == false)
        }
    }

    @Test("Bad audit requests are refused with their code, and nothing is stored")
    func badAudits() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (store, published, _) = try await store(fixture)
        try await store.closing {
            let steward = try await store.sessions.open(for: #require(try await store.users.find(username: "steward")))
            let router = try await LanterneServer.router(
                store: store, configuration: ServerConfiguration(passwordCost: 4),
                assistant: Assistant(base: try KnowledgeBase.shipped()))
            let before = try await store.log.head().sequence
            let uri = "/api/v1/algorithms/\(published)/audits"
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                (
                    "application/json", Self.auditBody(data: fixture.fiveCases, label: "absente"),
                    .unprocessableContent,
                    "audit_input"
                ),
                (
                    "application/json", Self.auditBody(data: fixture.fiveCases, rule: #""top_k": 1, "threshold": 0.5"#),
                    .unprocessableContent, "audit_rule"
                ),
                ("application/json", #"{"data": "a,b\n1,2\n"}"#, .badRequest, "malformed_json"),
                ("text/csv", fixture.fiveCases, .unsupportedMediaType, "unsupported_media_type"),
            ]
            try await Application(router: router).test(.router) { client in
                for (type, body, status, code) in cases {
                    let headers: HTTPFields = [.authorization: "Bearer \(steward.token)", .contentType: type]
                    try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
                    {
                        response in
                        #expect(response.status == status, "\(code)")
                        let answer =
                            try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                        #expect((answer?["error"] as? [String: Any])?["code"] as? String == code)
                    }
                }
            }
            #expect(try await store.log.head().sequence == before)
        }
    }

    @Test("Publishing over HTTP: 409 gates_failed while the latest audit failed and no justification is written")
    func publishThroughGates() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (store, published, _) = try await store(fixture)
        try await store.closing {
            let steward = try await store.sessions.open(for: #require(try await store.users.find(username: "steward")))
            let sha = try #require(try await store.algorithms.find(id: published)?.publishedSHA256)
            _ = try await store.algorithms.addAudit(
                algorithmID: published, sha256: sha, report: "{}", gatesPassed: false, actor: "steward")
            let router = try await LanterneServer.router(
                store: store, configuration: ServerConfiguration(passwordCost: 4),
                assistant: Assistant(base: try KnowledgeBase.shipped()))
            let headers: HTTPFields = [.authorization: "Bearer \(steward.token)", .contentType: "application/json"]
            let uri = "/api/v1/algorithms/\(published)/publish"
            let before = try await store.log.head().sequence
            try await Application(router: router).test(.router) { client in
                for body in [#"{"model_sha256": "\#(sha)"}"#, #"{"model_sha256": "\#(sha)", "justification": "  "}"#] {
                    try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
                    {
                        #expect($0.status == .conflict)
                        #expect(String(buffer: $0.body).contains("\"code\":\"gates_failed\""))
                    }
                }
                try await client.execute(
                    uri: uri, method: .post, headers: headers,
                    body: ByteBuffer(string: #"{"model_sha256": "\#(String(repeating: "0", count: 64))"}"#)
                ) { #expect($0.status == .notFound) }
                #expect(try await store.log.head().sequence == before)
                let body = #"{"model_sha256": "\#(sha)", "justification": "Essai encadré de trois mois"}"#
                try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
                    response in
                    #expect(response.status == .ok)
                    let answer = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect(answer?["justification"] as? String == "Essai encadré de trois mois")
                    #expect((answer?["log"] as? [String: Any])?["sequence"] as? Int == before + 1)
                }
            }
            let entry = try await store.log.entries(object: published).last
            #expect(entry?.action == "algorithm.publish")
            #expect(entry?.details.contains("Essai encadré de trois mois") == true)
        }
    }
}
