import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneAudit
import LanterneStore
import Testing

@Suite("A steward stores a control period from a CSV population")
struct PeriodsAPITests {
    @Test("The published model scores the population and the policy proposes its capacity, a share drawn at random")
    func store() async throws {
        let fixture = try await ServerFixture.shared.get()
        let steward = try await fixture.token("steward")
        let agent = try await fixture.token("agent")
        let app = try await fixture.application()
        let path = "/api/v1/algorithms/\(fixture.published.id)/periods"
        let csv: HTTPFields = [.authorization: "Bearer \(steward)", .contentType: "text/csv"]
        try await app.test(.router) { client in
            let created = try await client.execute(
                uri: path + "?period=2027-01&capacity=2&random_share=0.5&seed=4", method: .post, headers: csv,
                body: ByteBuffer(string: fixture.fiveCases)
            ) { response -> [String: Any] in
                #expect(response.status == .created)
                return try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            }
            // Five households, two controls of which one drawn (2 × 0.5), the seed given back.
            #expect(created["cases"] as? Int == 5)
            #expect(created["proposed"] as? Int == 2)
            #expect(created["drawn"] as? Int == 1)
            #expect(created["seed"] as? Int == 4)
            let stored = try await fixture.store.cases.cases(
                algorithmID: fixture.published.id, sha256: fixture.published.publishedSHA256 ?? ""
            ).filter { $0.period == "2027-01" }
            // The same policy on the stored scores makes the same choice.
            let choice = ControlPolicy(rule: .capacity(2), randomShare: 0.5, seed: 4).choose(
                scores: stored.sorted { Int($0.reference) ?? 0 < Int($1.reference) ?? 0 }.map(\.score))
            #expect(
                choice.proposed
                    == stored.sorted { Int($0.reference) ?? 0 < Int($1.reference) ?? 0 }.map(\.proposed))
            let entry = try #require(try await fixture.store.log.entries(action: "cases.add").last)
            #expect(entry.actor == "steward")
            #expect(entry.details.contains(#""seed":"4""#))
            try await client.execute(
                uri: path + "?period=2027-01&capacity=2&seed=4", method: .post, headers: csv,
                body: ByteBuffer(string: fixture.fiveCases)
            ) { #expect($0.status == .conflict) }
            for (query, words) in [
                ("?period=2027-02&seed=4", "capacity"), ("?period=2027-02&capacity=2", "seed"),
                ("?period=2027-02&capacity=2&threshold=0.3&seed=1", "capacity"),
                ("?period=2027-02&capacity=2&random_share=2&seed=1", "random_share"),
                ("?period=%3Cb%3E&capacity=2&seed=1", "period"),
            ] {
                try await client.execute(
                    uri: path + query, method: .post, headers: csv, body: ByteBuffer(string: fixture.fiveCases)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(query)")
                    #expect(String(buffer: response.body).contains(words), "\(query)")
                }
            }
            try await client.execute(
                uri: path + "?period=2027-03&capacity=2&seed=1", method: .post, headers: csv,
                body: ByteBuffer(string: "id_foyer,age\n1,40\n")
            ) { #expect($0.status == .unprocessableContent) }
            try await client.execute(
                uri: path + "?period=2027-03&capacity=2&seed=1", method: .post,
                headers: [.authorization: "Bearer \(agent)", .contentType: "text/csv"],
                body: ByteBuffer(string: fixture.fiveCases)
            ) { #expect($0.status == .forbidden) }
        }
        #expect(try await !fixture.store.cases.hasPeriod("2027-02", algorithmID: fixture.published.id))
        #expect(try await !fixture.store.cases.hasPeriod("2027-03", algorithmID: fixture.published.id))
    }
}
