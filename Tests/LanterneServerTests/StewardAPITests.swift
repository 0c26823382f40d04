import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneStore
import Testing

@Suite("The steward's register through the API: create, card, train or import")
struct StewardAPITests {
    static func headers(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test(
        "A steward creates a draft with a checked card, replaces the card, and trains the version lanterne train makes")
    func createAndTrain() async throws {
        let fixture = try await ServerFixture.shared.get()
        let steward = try await fixture.token("steward")
        let agent = try await fixture.token("agent")
        let card = fixture.published.card
        let lines =
            try String(contentsOf: fixture.folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n").prefix(401).joined(separator: "\n") + "\n"
        try lines.write(to: fixture.folder.appendingPathComponent("f400.csv"), atomically: true, encoding: .utf8)
        let schema = try String(contentsOf: fixture.folder.appendingPathComponent("s.json"), encoding: .utf8)
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let create = #"{"name": "Ciblage bis", "kind": "ciblage", "card": \#(card)}"#
            try await client.execute(
                uri: "/api/v1/algorithms", method: .post, headers: Self.headers(agent), body: ByteBuffer(string: create)
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/algorithms", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(string: #"{"name": "X", "kind": "ciblage", "card": {"name": "X"}}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try Self.object(response)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "card_incomplete")
            }
            let id = try await client.execute(
                uri: "/api/v1/algorithms", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(string: create)
            ) { response -> String in
                #expect(response.status == .created)
                return try Self.object(response)["id"] as? String ?? ""
            }
            #expect(try await fixture.store.algorithms.find(id: id)?.status == .draft)
            try await client.execute(
                uri: "/api/v1/algorithms/\(id)/card", method: .put, headers: Self.headers(steward),
                body: ByteBuffer(
                    string: card.replacingOccurrences(of: "\"threshold\": 0.3", with: "\"threshold\": 0.4"))
            ) { #expect($0.status == .ok) }
            #expect(try await fixture.store.algorithms.find(id: id)?.card.contains("0.4") == true)
            let trainBody = try JSONSerialization.data(withJSONObject: [
                "train": [
                    "data": lines, "schema": try JSONSerialization.jsonObject(with: Data(schema.utf8)),
                    "kind": "logistic", "label": "irregularite_reelle", "seed": 1,
                ]
            ])
            let trained = try await client.execute(
                uri: "/api/v1/algorithms/\(id)/models", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(data: trainBody)
            ) { response -> [String: Any] in
                #expect(response.status == .created)
                return try Self.object(response)
            }
            #expect(trained["number"] as? Int == 1)
            #expect((trained["metrics"] as? [String: Any])?.isEmpty == false)
            // The same pipeline as the command line: same weights, intercept, quintiles and metrics; only the
            // origin line differs.
            let command = try fixture.trainedByCommand("f400.csv")
            let stored = try #require(
                try await fixture.store.algorithms.model(sha256: trained["model_sha256"] as? String ?? ""))
            let served = try ServerFixture.modelBody(stored.file)
            #expect(ServerFixture.sameLogistic(served, command))
            #expect((served["origin"] as? String)?.hasPrefix("lanterne serve, POST /api/v1/algorithms/") == true)
            // A model file that does not load is refused with the loader's message; nothing is added.
            try await client.execute(
                uri: "/api/v1/algorithms/\(id)/models", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(string: #"{"format": "lanterne-model", "version": 1, "sha256": "00", "body": {}}"#)
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: "/api/v1/algorithms/\(id)/models", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(
                    string: #"{"train": {"data": "a,b\n1\n", "schema": {"columns": []}, "kind": "logistic"}}"#)
            ) { #expect($0.status == .unprocessableContent) }
            #expect(try await fixture.store.algorithms.versions(of: id).count == 1)
            // The trained version is audited before it is published (the gates decide its publication).
            let audit = JobsAPITests.auditBody(data: fixture.fiveCases).replacingOccurrences(
                of: #"{"data""#, with: #"{"model_sha256": "\#(trained["model_sha256"] as? String ?? "")", "data""#)
            try await client.execute(
                uri: "/api/v1/algorithms/\(id)/audits", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(string: audit)
            ) { #expect($0.status == .accepted) }
            try await client.execute(
                uri: "/api/v1/algorithms/\(id)/audits", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(
                    string: audit.replacingOccurrences(
                        of: trained["model_sha256"] as? String ?? "", with: String(repeating: "0", count: 64)))
            ) { #expect($0.status == .notFound) }
            // A model file made by lanterne train is imported as it is: its version id is the file's own.
            let commandFile = try String(
                contentsOf: fixture.folder.appendingPathComponent("command-f400.csv.json"), encoding: .utf8)
            let second = try await client.execute(
                uri: "/api/v1/algorithms", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(string: #"{"name": "Ciblage ter", "kind": "ciblage", "card": \#(card)}"#)
            ) { try Self.object($0)["id"] as? String ?? "" }
            try await client.execute(
                uri: "/api/v1/algorithms/\(second)/models", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(string: commandFile)
            ) { response in
                #expect(response.status == .created)
                let sha = try Self.object(response)["model_sha256"] as? String ?? "none"
                #expect(commandFile.contains(#""sha256":"\#(sha)""#))
            }
            // The published algorithm's model cannot become another algorithm's version.
            try await client.execute(
                uri: "/api/v1/algorithms/\(second)/models", method: .post, headers: Self.headers(steward),
                body: ByteBuffer(string: fixture.modelFile)
            ) { response in
                #expect(response.status == .conflict)
                let error = try Self.object(response)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "model_elsewhere")
            }
        }
    }
}
