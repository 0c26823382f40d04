import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneStore
import Testing

@Suite("The JSON API against the command line")
struct APITests {
    /// The CSV row of case `id` as JSON values by column, read back from the synthetic file.
    static func caseValues(_ fixture: ServerFixture, id: String) throws -> (json: String, identifier: String) {
        let lines = try String(contentsOf: fixture.folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let row = lines.first { $0.hasPrefix(id + ",") }!.split(separator: ",", omittingEmptySubsequences: false)
            .map(String.init)
        var members: [String] = []
        for (name, value) in zip(header, row) where name != header[0] {
            let encoded: String
            if value.isEmpty {
                encoded = "null"
            } else if Double(value) != nil {
                encoded = value
            } else {
                encoded = "\"\(value)\""
            }
            members.append("\"\(name)\": \(encoded)")
        }
        return ("{\"case\": {\(members.joined(separator: ", "))}}", id)
    }

    @Test("The API's score, logit, base and contributions equal lanterne explain's, bit for bit")
    func scoreEqualsCLI() async throws {
        let fixture = try await ServerFixture.shared.get()
        let firstID = try String(contentsOf: fixture.folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n")[1].split(separator: ",")[0]
        let explained = try LanterneProcess.run(
            ["explain", "m.json", "f.csv", "--id", String(firstID)], in: fixture.folder)
        #expect(explained.status == 0)
        let cli = try JSONSerialization.jsonObject(with: Data(explained.standardOutput.utf8)) as! [String: Any]
        let cliRow = (cli["rows"] as! [[String: Any]])[0]
        let (body, _) = try Self.caseValues(fixture, id: String(firstID))
        // Columns that are not model features (the id, the label, the hidden truth…) are refused by the API.
        let features = Set((cliRow["contributions"] as! [String: Any]).keys)
        let all = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        let values = (all["case"] as! [String: Any]).filter { features.contains($0.key) }
        let request = try JSONSerialization.data(withJSONObject: ["case": values])
        let token = try await fixture.token("agent")
        let app = try await fixture.application()
        let api = try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/algorithms/\(fixture.published.id)/score", method: .post,
                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                body: ByteBuffer(bytes: request)
            ) { response in
                #expect(response.status == .ok)
                return try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
            }
        }
        #expect((api["score"] as! Double).bitPattern == (cliRow["score"] as! Double).bitPattern)
        #expect((api["logit"] as! Double).bitPattern == (cliRow["logit"] as! Double).bitPattern)
        #expect((api["base"] as! Double).bitPattern == (cli["base"] as! Double).bitPattern)
        let apiParts = api["contributions"] as! [String: Double]
        let cliParts = cliRow["contributions"] as! [String: Double]
        #expect(apiParts.count == cliParts.count)
        for (name, value) in cliParts { #expect(apiParts[name]?.bitPattern == value.bitPattern, "\(name)") }
    }

    @Test("POST /api/v1/ask answers the same bytes as lanterne ask --format json, identifiers redacted")
    func askEqualsCLI() async throws {
        let fixture = try await ServerFixture.shared.get()
        let question = "c'est quoi le taux neutre ? mon numéro fiscal est 1234567890123"
        let cli = try LanterneProcess.run(["ask", question, "--format", "json"], in: fixture.folder)
        #expect(cli.status == 0)
        let app = try await fixture.application()
        let body = try JSONSerialization.data(withJSONObject: ["question": question])
        let api = try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/ask", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: body)
            ) { String(buffer: $0.body) }
        }
        #expect(api == cli.standardOutput, "CLI: \(cli.standardOutput) \(cli.standardError)")
        #expect(api.contains(#""suggestions":[{"id":"pas-taux-neutre""#))
        #expect(!api.contains("1234567890123"))
    }

    @Test(
        "Bad bodies: 415 without JSON, 400 for broken JSON or a missing field, 422 naming an unknown feature, 413 past 2 MiB"
    )
    func badBodies() async throws {
        let fixture = try await ServerFixture.shared.get()
        let token = try await fixture.token("agent")
        let app = try await fixture.application()
        let path = "/api/v1/algorithms/\(fixture.published.id)/score"
        try await app.test(.router) { client in
            func send(_ body: String, type: String = "application/json", language: String? = nil) async throws -> (
                Int, String
            ) {
                var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: type]
                if let language { headers[.acceptLanguage] = language }
                return try await client.execute(
                    uri: path, method: .post, headers: headers, body: ByteBuffer(string: body)
                ) { (Int($0.status.code), String(buffer: $0.body)) }
            }
            let plain = try await send("{}", type: "text/plain")
            #expect(plain.0 == 415)
            #expect(plain.1.contains(#""code":"unsupported_media_type""#))
            let broken = try await send(#"{"case": "#)
            #expect(broken.0 == 400)
            #expect(broken.1.contains(#""code":"malformed_json""#))
            let missing = try await send(#"{"cas": {}}"#)
            #expect(missing.0 == 400)
            #expect(missing.1.contains("« case » absent"))
            let unknown = try await send(#"{"case": {"pointure": 42}}"#)
            #expect(unknown.0 == 422)
            #expect(unknown.1.contains(#""code":"unknown_feature""#))
            #expect(unknown.1.contains("pointure ne fait pas partie des variables du modèle"))
            let english = try await send(#"{"case": {"age": "vieux"}}"#, language: "en-GB,en")
            #expect(english.0 == 422)
            #expect(english.1.contains(#"case.age: “vieux” is not a finite number"#))
            let large = try await send(#"{"case": {"age": ""# + String(repeating: "9", count: 3 << 20) + "}}")
            #expect(large.0 == 413)
            #expect(large.1.contains(#""code":"too_large""#))
            let nowhere = try await client.execute(uri: "/api/v1/nowhere", method: .get) {
                (Int($0.status.code), String(buffer: $0.body))
            }
            #expect(nowhere.0 == 404)
            #expect(nowhere.1.contains(#""code":"not_found""#))
        }
    }

    @Test(
        "Every answer carries the security headers: CSP without inline script, nosniff, no framing, same-origin referrer"
    )
    func securityHeaders() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            for path in ["/", "/api/v1/algorithms", "/api/v1/nowhere"] {
                try await client.execute(uri: path, method: .get) { response in
                    let policy = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                    #expect(policy.contains("script-src 'self'"))
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(!policy.contains("unsafe-inline"))
                    #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                }
            }
        }
    }

    @Test("The log's head is public and equals the last entry; the auditor's verification finds the chain whole")
    func logRoutes() async throws {
        let fixture = try await ServerFixture.shared.get()
        let token = try await fixture.token("auditor")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let head = try await client.execute(uri: "/api/v1/log/head", method: .get) {
                try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as! [String: Any]
            }
            // Other tests append meanwhile: the head must be the stored entry of its sequence number.
            let sequence = head["sequence"] as! Int
            let stored = try await fixture.store.log.entries(after: sequence - 1, limit: 1)
            #expect(head["hash"] as? String == stored.first?.hash)
            let verified = try await client.execute(
                uri: "/api/v1/log/verify", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as! [String: Any] }
            #expect(verified["valid"] as? Bool == true)
            let entries = try await client.execute(
                uri: "/api/v1/log?kind=algorithm.&limit=5", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { try JSONSerialization.jsonObject(with: Data(buffer: $0.body)) as! [[String: Any]] }
            #expect(
                entries.map { $0["action"] as! String }.prefix(3) == [
                    "algorithm.create", "algorithm.publish", "algorithm.create",
                ])
            let bad = try await client.execute(
                uri: "/api/v1/log?from=-3", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { (Int($0.status.code), String(buffer: $0.body)) }
            #expect(bad.0 == 422)
            #expect(bad.1.contains("paramètre « from »"))
        }
    }

    @Test("A cookie session changes nothing through the API without its CSRF token in X-CSRF-Token")
    func cookieNeedsCSRFHeader() async throws {
        let fixture = try await ServerFixture.shared.get()
        guard let user = try await fixture.store.users.find(username: "agent") else {
            throw FixtureError(detail: "agent")
        }
        let grant = try await fixture.store.sessions.open(for: user)
        let app = try await fixture.application()
        // A feature the model does not have: 422 once the session is accepted, 401 before.
        let body = ByteBuffer(string: #"{"case": {"pas_une_variable": 1}}"#)
        let uri = "/api/v1/algorithms/\(fixture.published.id)/score"
        try await app.test(.router) { client in
            let cookie = "lanterne_session=\(grant.token)"
            let csrf = HTTPField.Name("X-CSRF-Token")!
            for (extra, expected) in [
                (nil, HTTPResponse.Status.unauthorized), (String(repeating: "0", count: 64), .unauthorized),
                (grant.csrfToken, .unprocessableContent),
            ] {
                var headers: HTTPFields = [.contentType: "application/json", .cookie: cookie]
                if let extra { headers[csrf] = extra }
                try await client.execute(uri: uri, method: .post, headers: headers, body: body) { response in
                    #expect(response.status == expected, "X-CSRF-Token: \(extra ?? "absent")")
                }
            }
            // Reading needs no token: the cookie alone is the agent's session (403 for the auditors' log, not 401).
            try await client.execute(uri: "/api/v1/log", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .forbidden)
            }
        }
    }
}
