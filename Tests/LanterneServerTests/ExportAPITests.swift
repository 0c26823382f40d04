import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The register entry exported in a standard through the API")
struct ExportAPITests {
    @Test(
        "Each format of GET /api/v1/algorithms/{id}/export is lanterne register export's text for the same card and model",
        arguments: ["json", "markdown", "atrs", "nl", "inventaire", "fria"])
    func sameAsCommandLine(format: String) async throws {
        let fixture = try await ServerFixture.shared.get()
        let card = ServerFixture.repositoryRoot.appendingPathComponent("docs/notice/card.json").path
        let exported = try LanterneProcess.run(
            ["register", "export", card, "m.json", "--format", format], in: fixture.folder)
        #expect(exported.status == 0)
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/algorithms/\(fixture.published.id)/export?format=\(format)", method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == exported.standardOutput)
                let type = response.headers[.contentType] ?? ""
                switch format {
                case "markdown", "fria": #expect(type == "text/markdown; charset=utf-8")
                case "inventaire": #expect(type == "text/csv; charset=utf-8")
                default: #expect(type == "application/json; charset=utf-8")
                }
            }
        }
    }

    @Test("An unknown format is 400 unknown_format naming the formats; a draft without a published model is 404")
    func refusals() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/algorithms/\(fixture.published.id)/export?format=pdf", method: .get
            ) { response in
                #expect(response.status == .badRequest)
                #expect(
                    String(buffer: response.body).contains(
                        #""code":"unknown_format","message":"format « pdf » inconnu (json|markdown|atrs|nl|inventaire|fria)""#
                    ))
            }
            let steward = try await fixture.token("steward")
            try await client.execute(
                uri: "/api/v1/algorithms/\(fixture.draft.id)/export", method: .get,
                headers: [.authorization: "Bearer \(steward)"]
            ) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
