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

    @Test("?lang=en turns the pages English and leaves a cookie the next pages follow; the API keeps Accept-Language")
    func languageSwitch() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let cookie = try await client.execute(uri: "/?lang=en", method: .get) { response -> String in
                let html = String(buffer: response.body)
                #expect(html.contains(#"<html lang="en">"#))
                #expect(html.contains("Our algorithms, explained"))
                let header = PagesTests.cookie("lanterne_lang", in: response)
                #expect(header?.value == "en")
                #expect(header?.header.contains("HttpOnly") == true)
                return header?.value ?? ""
            }
            try await client.execute(
                uri: "/algorithmes", method: .get, headers: [.cookie: "lanterne_lang=\(cookie)"]
            ) { response in
                #expect(String(buffer: response.body).contains(#"<html lang="en">"#))
            }
            try await client.execute(uri: "/algorithmes?lang=fr", method: .get, headers: [.cookie: "lanterne_lang=en"])
            {
                response in
                #expect(String(buffer: response.body).contains(#"<html lang="fr">"#))
                #expect(PagesTests.cookie("lanterne_lang", in: response)?.value == "fr")
            }
            // An error page follows the page's language too.
            try await client.execute(
                uri: "/adresse-inconnue", method: .get, headers: [.cookie: "lanterne_lang=en"]
            ) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .notFound)
                #expect(html.contains(#"<html lang="en">"#))
                #expect(html.contains("<h1>This page cannot be shown</h1>"))
                #expect(
                    html.contains("This address does not exist. Check it, or start again from the site"))
            }
            try await client.execute(uri: "/adresse-inconnue", method: .get) { response in
                #expect(String(buffer: response.body).contains("Cette adresse n&#39;existe pas."))
            }
            // The API answers in the language of Accept-Language, whatever the cookie or the query say.
            try await client.execute(
                uri: "/api/v1/algorithms/inconnu?lang=en", method: .get, headers: [.cookie: "lanterne_lang=en"]
            ) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("introuvable"))
                #expect(PagesTests.cookie("lanterne_lang", in: response) == nil)
            }
        }
    }
}
