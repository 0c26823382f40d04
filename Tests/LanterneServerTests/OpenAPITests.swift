import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneStore
import Testing

@Suite("The OpenAPI document against the server")
struct OpenAPITests {
    @Test("The document lists exactly the API routes the server answers, and every answer of every role fits it")
    func everyAnswerFitsTheDocument() async throws {
        let fixture = try await ServerFixture.shared.get()
        var tokens: [Role: String] = [:]
        for role in ServerFixture.roles { tokens[role] = try await fixture.token(role.rawValue) }
        let tokensNow = tokens
        let app = try await fixture.application()
        let routes =
            try await RouteRoleTests.routes(fixture).filter { $0.path.hasPrefix("/api/") } + [
                .init(method: .post, path: "/api/v1/ask", body: "{", expected: []),
                .init(method: .post, path: "/api/v1/ask", body: #"{"question": 3}"#, expected: []),
                .init(
                    method: .post, path: "/api/v1/session", body: #"{"username": "x", "password": "y"}"#, expected: []),
                .init(method: .get, path: "/api/v1/algorithms/inconnu", body: nil, expected: []),
                .init(method: .get, path: "/api/v1/log?from=-1", body: nil, expected: []),
                .init(
                    method: .post, path: "/api/v1/algorithms/\(fixture.published.id)/score",
                    body: #"{"case": {"age": "quarante"}}"#, expected: []),
                .init(
                    method: .post, path: "/api/v1/algorithms/\(fixture.published.id)/scores?chunk_rows=0",
                    body: fixture.fiveCases, expected: [], contentType: "text/csv"),
                .init(
                    method: .post, path: "/api/v1/algorithms/\(fixture.published.id)/scores",
                    body: "id,age\n1,40\n", expected: [], contentType: "text/csv"),
                .init(
                    method: .post, path: "/api/v1/algorithms/\(fixture.published.id)/scores",
                    body: fixture.fiveCases, expected: []),
                .init(method: .get, path: "/api/v1/jobs/inconnu", body: nil, expected: []),
                .init(method: .post, path: "/api/v1/callbacks", body: #"{"name": "A"}"#, expected: []),
                .init(method: .post, path: "/api/v1/callbacks/inconnu/status", body: #"{"status": "x"}"#, expected: []),
            ]
        let (document, problems) = try await app.test(.router) { client in
            let document = try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                OpenAPISchema(document: try JSONNode.read(Data(buffer: response.body)))
            }
            var problems: [String] = []
            for route in routes {
                guard let operation = document.operation(method: route.method.rawValue, path: route.path) else {
                    problems.append("\(route): not in the document")
                    continue
                }
                for caller in RouteRoleTests.callers {
                    var headers: HTTPFields = [:]
                    if let caller { headers[.authorization] = "Bearer \(tokensNow[caller]!)" }
                    if route.body != nil { headers[.contentType] = route.contentType }
                    let who = caller?.rawValue ?? "nobody"
                    try await client.execute(
                        uri: route.path, method: route.method, headers: headers,
                        body: route.body.map { ByteBuffer(string: $0) }
                    ) { response in
                        let status = Int(response.status.code)
                        guard let declared = document.response(operation, status: status) else {
                            problems.append("\(route) as \(who): status \(status) not declared")
                            return
                        }
                        // The answer's media type must be one the document declares for this status.
                        let type = String(response.headers[.contentType]?.split(separator: ";").first ?? "")
                        if declared["content"] != nil && declared["content"]?[type] == nil {
                            problems.append("\(route) as \(who): \(status) answered \(type), not declared")
                        }
                        guard type == "application/json", let schema = declared["content"]?[type]?["schema"] else {
                            return
                        }
                        let body = try JSONNode.read(Data(buffer: response.body))
                        problems += document.problems(body, against: schema).map { "\(route) as \(who): \($0)" }
                    }
                }
            }
            return (document, problems)
        }
        #expect(problems == [])
        // Every documented operation is one the server answers (the route table covers them all).
        let exercised = Set(
            (routes.map { ($0.method.rawValue, $0.path) } + [
                ("POST", "/api/v1/session"), ("DELETE", "/api/v1/session"),
            ])
            .compactMap { document.operation(method: $0.0, path: $0.1) })
        #expect(Set(document.operations) == exercised)
    }
}
