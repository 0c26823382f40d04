import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneStore
import Testing

@Suite("Every route with every role")
struct RouteRoleTests {
    /// Who calls: nobody, or an account of each role.
    static let callers: [Role?] = [nil, .agent, .steward, .auditor, .admin]

    struct Route: Sendable, CustomStringConvertible {
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        /// The expected status for nobody, agent, steward, auditor, admin.
        let expected: [Int]
        /// The body's content type.
        var contentType = "application/json"
        var description: String { "\(method) \(path)" }
    }

    static func routes(_ fixture: ServerFixture) async throws -> [Route] {
        let id = fixture.published.id
        let notice = try await fixture.decidedNotice().token
        let callback = try await fixture.store.callbacks.create(
            name: "Test", contact: "0100000000", preferredTime: "matin", subject: "Sujet", retention: 86_400
        ).id
        let form = "application/x-www-form-urlencoded"
        let open = try await ServerFixture.notices.nextCase(fixture)
        let newCallback = #"{"name": "A", "contact": "a@b.fr", "subject": "S", "consent": true}"#
        let draft = fixture.draft.id
        let score = #"{"case": {"age": 40}}"#
        return [
            Route(method: .get, path: "/", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/algorithmes", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/algorithmes/\(id)", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/algorithmes/\(draft)", body: nil, expected: [404, 404, 200, 200, 200]),
            Route(method: .get, path: "/connexion", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/espace", body: nil, expected: [303, 200, 200, 200, 200]),
            Route(method: .get, path: "/static/lanterne.css", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/api/openapi.json", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/api/v1/algorithms", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/api/v1/algorithms/\(id)", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/api/v1/algorithms/\(draft)", body: nil, expected: [404, 404, 200, 200, 200]),
            Route(
                method: .post, path: "/api/v1/algorithms/\(id)/score", body: score, expected: [401, 200, 200, 200, 403]),
            Route(
                method: .get, path: "/api/v1/algorithms/\(id)/model", body: nil, expected: [401, 403, 403, 200, 403]),
            Route(
                method: .get, path: "/api/v1/algorithms/\(id)/export?format=atrs", body: nil,
                expected: [200, 200, 200, 200, 200]),
            Route(
                method: .get, path: "/api/v1/algorithms/\(draft)/export", body: nil,
                expected: [404, 404, 404, 404, 404]),
            Route(
                method: .post, path: "/api/v1/ask", body: #"{"question": "taux neutre"}"#,
                expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/api/v1/log/head", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/assistant", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(
                method: .get, path: "/assistant?question=taux+neutre", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/rappel", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(
                method: .post, path: "/rappel", body: "name=A&contact=a%40b.fr&subject=S&consent=oui",
                expected: [403, 403, 403, 403, 403], contentType: form),
            Route(method: .get, path: "/accessibilite", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/mentions-legales", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/signaler?page=/algorithmes", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(method: .get, path: "/notices/\(notice)", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(
                method: .get, path: "/notices/\(notice)/et-si?salaires=1000", body: nil,
                expected: [200, 200, 200, 200, 200]),
            Route(
                method: .post, path: "/notices/\(notice)/contester", body: "message=x&consent=oui",
                expected: [403, 403, 403, 403, 403], contentType: form),
            Route(method: .get, path: "/api/v1/notices/\(notice)", body: nil, expected: [200, 200, 200, 200, 200]),
            Route(
                method: .get, path: "/api/v1/notices/\(String(repeating: "0", count: 64))", body: nil,
                expected: [404, 404, 404, 404, 404]),
            Route(
                method: .post, path: "/api/v1/notices/\(notice)/simulate", body: #"{"changes": {"salaires": 1000}}"#,
                expected: [200, 200, 200, 200, 200]),
            Route(
                method: .post, path: "/api/v1/notices/\(notice)/simulate", body: #"{"changes": {"age": 20}}"#,
                expected: [422, 422, 422, 422, 422]),
            Route(
                method: .post, path: "/api/v1/notices/\(notice)/contest", body: #"{"message": "x"}"#,
                expected: [422, 422, 422, 422, 422]),
            Route(method: .post, path: "/api/v1/callbacks", body: newCallback, expected: [201, 201, 201, 201, 201]),
            Route(method: .get, path: "/api/v1/callbacks", body: nil, expected: [401, 200, 403, 403, 403]),
            Route(method: .get, path: "/api/v1/queue", body: nil, expected: [401, 200, 403, 403, 403]),
            Route(
                method: .post, path: "/api/v1/decisions", body: #"{"decisions": []}"#,
                expected: [401, 400, 403, 403, 403]),
            Route(
                method: .post, path: "/api/v1/algorithms", body: #"{"name": "X", "kind": "ciblage", "card": {}}"#,
                expected: [401, 403, 422, 403, 403]),
            Route(
                method: .put, path: "/api/v1/algorithms/\(id)/card", body: "{}", expected: [401, 403, 422, 403, 403]),
            Route(
                method: .post, path: "/api/v1/algorithms/\(id)/models", body: #"{"format": "lanterne-model"}"#,
                expected: [401, 403, 422, 403, 403]),
            Route(
                method: .post,
                path: "/api/v1/algorithms/\(id)/periods?period=r\(OpaqueID.make(bytes: 4))&capacity=1&seed=1",
                body: fixture.fiveCases, expected: [401, 403, 201, 403, 403], contentType: "text/csv"),
            Route(method: .get, path: "/espace/dossiers", body: nil, expected: [303, 200, 403, 403, 403]),
            Route(method: .get, path: "/espace/dossiers/\(open)", body: nil, expected: [303, 200, 403, 200, 403]),
            Route(
                method: .post, path: "/espace/dossiers/\(open)/decision",
                body: "outcome=control&reason_category=autre&reason=x", expected: [303, 403, 403, 403, 403],
                contentType: form),
            Route(method: .get, path: "/espace/contestations", body: nil, expected: [303, 200, 403, 403, 403]),
            Route(method: .get, path: "/espace/rappels", body: nil, expected: [303, 200, 403, 403, 403]),
            Route(method: .get, path: "/espace/supervision", body: nil, expected: [303, 403, 403, 200, 403]),
            Route(method: .get, path: "/espace/journal", body: nil, expected: [303, 403, 403, 200, 403]),
            Route(
                method: .post, path: "/espace/algorithmes/\(id)/publier", body: "sha256=x",
                expected: [303, 403, 403, 403, 403], contentType: form),
            Route(method: .get, path: "/espace/algorithmes", body: nil, expected: [303, 403, 200, 403, 403]),
            Route(
                method: .post, path: "/espace/algorithmes", body: "algorithm_name=x",
                expected: [303, 403, 403, 403, 403], contentType: form),
            Route(method: .get, path: "/espace/algorithmes/\(id)", body: nil, expected: [303, 403, 200, 403, 403]),
            Route(method: .get, path: "/espace/algorithmes/\(draft)", body: nil, expected: [303, 403, 200, 403, 403]),
            Route(
                method: .get, path: "/espace/algorithmes/inconnu", body: nil, expected: [303, 403, 404, 403, 403]),
            Route(
                method: .post, path: "/espace/algorithmes/\(id)/fiche", body: "name=x",
                expected: [303, 403, 403, 403, 403], contentType: form),
            Route(
                method: .post, path: "/espace/algorithmes/\(id)/versions", body: "mode=train",
                expected: [303, 403, 415, 403, 403], contentType: form),
            Route(
                method: .post, path: "/espace/algorithmes/\(id)/audits", body: "label=x",
                expected: [303, 403, 415, 403, 403], contentType: form),
            Route(
                method: .post, path: "/espace/algorithmes/\(id)/periodes", body: "period=x",
                expected: [303, 403, 415, 403, 403], contentType: form),
            Route(
                method: .get, path: "/espace/algorithmes/\(id)/analyse-impact", body: nil,
                expected: [303, 403, 200, 403, 403]),
            Route(
                method: .get, path: "/espace/algorithmes/\(draft)/analyse-impact", body: nil,
                expected: [303, 403, 404, 403, 403]),
            Route(method: .get, path: "/api/v1/cases/\(open)", body: nil, expected: [401, 200, 403, 200, 403]),
            Route(method: .get, path: "/api/v1/cases/inconnu", body: nil, expected: [401, 404, 403, 404, 403]),
            Route(
                method: .post, path: "/api/v1/cases/\(open)/first-look", body: #"{"judgement": "control"}"#,
                expected: [401, 200, 403, 403, 403]),
            Route(
                method: .post, path: "/api/v1/cases/\(open)/decision",
                body: #"{"outcome": "control", "reason_category": "autre", "reason": ""}"#,
                expected: [401, 422, 403, 403, 403]),
            Route(
                method: .post, path: "/api/v1/cases/\(open)/finding", body: #"{"irregularity": true}"#,
                expected: [401, 404, 403, 403, 403]),
            Route(method: .get, path: "/api/v1/contests", body: nil, expected: [401, 200, 403, 403, 403]),
            Route(
                method: .post, path: "/api/v1/contests/inconnu/answer",
                body: #"{"outcome": "upheld", "answer": "x"}"#, expected: [401, 404, 403, 403, 403]),
            Route(method: .get, path: "/api/v1/oversight", body: nil, expected: [401, 403, 403, 200, 403]),
            Route(method: .get, path: "/api/v1/oversight?format=csv", body: nil, expected: [401, 403, 403, 200, 403]),
            Route(
                method: .post, path: "/api/v1/callbacks/\(callback)/status", body: #"{"status": "called"}"#,
                expected: [401, 200, 403, 403, 403]),
            Route(method: .get, path: "/api/v1/log", body: nil, expected: [401, 403, 403, 200, 403]),
            Route(method: .get, path: "/api/v1/log/verify", body: nil, expected: [401, 403, 403, 200, 403]),
            Route(
                method: .post, path: "/api/v1/algorithms/\(id)/scores", body: fixture.fiveCases,
                expected: [401, 403, 202, 403, 403], contentType: "text/csv"),
            Route(
                method: .post, path: "/api/v1/algorithms/\(id)/publish",
                body: #"{"model_sha256": "\#(fixture.published.publishedSHA256 ?? "")"}"#,
                expected: [401, 403, 200, 403, 403]),
            Route(
                method: .post, path: "/api/v1/algorithms/\(id)/audits",
                body: JobsAPITests.auditBody(data: fixture.fiveCases), expected: [401, 403, 202, 403, 403]),
            Route(
                method: .get, path: "/api/v1/jobs/\(fixture.pendingJob)", body: nil,
                expected: [401, 404, 200, 200, 200]),
            Route(
                method: .get, path: "/api/v1/jobs/\(fixture.pendingJob)/result", body: nil,
                expected: [401, 404, 409, 409, 409]),
            Route(
                method: .get, path: "/api/v1/jobs/\(fixture.doneJob)/result", body: nil,
                expected: [401, 404, 200, 200, 200]),
        ]
    }

    @Test("Each caller gets the status the contract gives its role, on every route")
    func everyRouteEveryRole() async throws {
        let fixture = try await ServerFixture.shared.get()
        var tokens: [Role: String] = [:]
        for role in ServerFixture.roles { tokens[role] = try await fixture.token(role.rawValue) }
        let app = try await fixture.application()
        let tokensNow = tokens
        let routes = try await Self.routes(fixture)
        let mismatches = try await app.test(.router) { client in
            var mismatches: [String] = []
            for route in routes {
                for (position, caller) in Self.callers.enumerated() {
                    var headers: HTTPFields = [:]
                    if let caller { headers[.authorization] = "Bearer \(tokensNow[caller]!)" }
                    if route.body != nil { headers[.contentType] = route.contentType }
                    let status = try await client.execute(
                        uri: route.path, method: route.method, headers: headers,
                        body: route.body.map { ByteBuffer(string: $0) }
                    ) { Int($0.status.code) }
                    if status != route.expected[position] {
                        mismatches.append(
                            "\(route) as \(caller?.rawValue ?? "nobody"): \(status), expected \(route.expected[position])"
                        )
                    }
                }
            }
            return mismatches
        }
        #expect(mismatches == [])
    }

    @Test("Session routes: a bearer token for the right password, 401 otherwise, and DELETE ends it")
    func sessionRoutes() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let json: HTTPFields = [.contentType: "application/json"]
            let body = ByteBuffer(string: #"{"username": "agent2", "password": "\#(ServerFixture.password)"}"#)
            let token = try await client.execute(uri: "/api/v1/session", method: .post, headers: json, body: body) {
                response -> String in
                #expect(response.status == .created)
                let opened = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))
                #expect(opened["role"] == "agent")
                return opened["token"] ?? ""
            }
            #expect(token.count == 64)
            let wrong = ByteBuffer(string: #"{"username": "agent2", "password": "nope"}"#)
            try await client.execute(uri: "/api/v1/session", method: .post, headers: json, body: wrong) { response in
                #expect(response.status == .unauthorized)
                #expect(String(buffer: response.body).contains(#""code":"bad_credentials""#))
            }
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            try await client.execute(uri: "/api/v1/session", method: .delete, headers: bearer) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/session", method: .delete, headers: bearer) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
