import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneRegister
import LanterneStore
import Testing

@testable import LanterneServer

@Suite("Plain language of the register and the callbacks' retention over HTTP")
struct PublicTextTests {
    @Test(
        "Each demo card's purpose and human oversight keep a Kandel-Moles score of 60 or more, under 20 words a sentence"
    )
    func readability() throws {
        for text in [DemoCards.targeting, DemoCards.firms, DemoCards.selection, DemoCards.assistant] {
            let card = try AlgorithmCard.decode(Data(text.utf8), file: "card")
            for part in [card.purpose, card.humanOversight] {
                // The purpose completes « Cet algorithme sert à … » on the register: measured as that sentence.
                let sentence = part.hasSuffix(".") ? part : "Il sert à " + part + "."
                let measure = FrenchReadability(sentence)
                #expect(measure.score >= 60, "\(card.name): \(measure)")
                #expect(measure.wordsPerSentence < 20, "\(card.name): \(measure)")
            }
        }
    }

    @Test("A callback past its retention is gone from the agents' queue the next time it is read")
    func retention() async throws {
        let fixture = try await ServerFixture.shared.get()
        let old = try await fixture.store.callbacks.create(
            name: "Ancien", contact: "0100000002", preferredTime: "matin", subject: "Vieux", retention: 30 * 86_400,
            at: Date().addingTimeInterval(-31 * 86_400))
        let kept = try await fixture.store.callbacks.create(
            name: "Récent", contact: "0100000003", preferredTime: "matin", subject: "Neuf", retention: 30 * 86_400)
        let agent = try await fixture.token("agent")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let ids = try await client.execute(
                uri: "/api/v1/callbacks", method: .get, headers: [.authorization: "Bearer \(agent)"]
            ) { response -> [String] in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                return (list ?? []).compactMap { $0["id"] as? String }
            }
            #expect(!ids.contains(old.id))
            #expect(ids.contains(kept.id))
        }
        #expect(try await fixture.store.callbacks.find(id: old.id) == nil)
        let purge = try await fixture.store.log.entries(action: "callback.purge")
        #expect(!purge.isEmpty)
    }
}
