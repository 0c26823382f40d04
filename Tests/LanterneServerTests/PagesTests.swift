import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneStore
import LanterneTestSupport
import Synchronization
import Testing

@testable import LanterneServer

@Suite("Pages and the sign-in form")
struct PagesTests {
    /// The value of `name` in a response's Set-Cookie headers, with the whole header.
    static func cookie(_ name: String, in response: TestResponse) -> (value: String, header: String)? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
            return (String(value), header)
        }
        return nil
    }

    @Test("Signing in through the form: its token is checked, the session cookie is HttpOnly and SameSite=Strict")
    func signInForm() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let form = try await client.execute(uri: "/connexion", method: .get) { response in
                let html = String(buffer: response.body)
                let token = html.components(separatedBy: #"name="csrf" value=""#)[1].prefix(64)
                let cookie = Self.cookie("lanterne_form", in: response)
                return (String(token), cookie?.value ?? "")
            }
            #expect(form.0 == form.1)
            let password = ServerFixture.password.replacingOccurrences(of: " ", with: "+")
            let body = "username=steward&password=\(password)&csrf=\(form.0)"
            let formHeaders: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded", .cookie: "lanterne_form=\(form.1)",
            ]
            let session = try await client.execute(
                uri: "/connexion", method: .post, headers: formHeaders, body: ByteBuffer(string: body)
            ) { response -> String in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/espace")
                let cookie = Self.cookie("lanterne_session", in: response)
                #expect(cookie?.header.contains("HttpOnly") == true)
                #expect(cookie?.header.contains("SameSite=Strict") == true)
                return cookie?.value ?? ""
            }
            try await client.execute(
                uri: "/espace", method: .get, headers: [.cookie: "lanterne_session=\(session)"]
            ) { response in
                #expect(response.status == .ok)
                #expect(
                    String(buffer: response.body).contains("Vous êtes connecté comme responsable d&#39;algorithme."))
            }
            // Without the form's token, or with another one: 403.
            for forged in [
                "username=steward&password=\(password)",
                "username=steward&password=x&csrf=\(String(repeating: "a", count: 64))",
            ] {
                try await client.execute(
                    uri: "/connexion", method: .post, headers: formHeaders, body: ByteBuffer(string: forged)
                ) { response in
                    #expect(response.status == .forbidden)
                    #expect(String(buffer: response.body).contains("le formulaire a expiré"))
                }
            }
            // Signing out needs the session's own form token.
            let out: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded", .cookie: "lanterne_session=\(session)",
            ]
            try await client.execute(
                uri: "/deconnexion", method: .post, headers: out, body: ByteBuffer(string: "csrf=x")
            ) { #expect($0.status == .forbidden) }
        }
    }

    @Test("Five wrong passwords lock the account for everyone, even with the right password next")
    func throttling() async throws {
        let fixture = try await ServerFixture.shared.get()
        let hasher = PasswordHasher(cost: 4)
        _ = try await fixture.store.users.create(
            username: "victim", role: .agent, passwordHash: try await hasher.hash("right"), actor: "system")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let json: HTTPFields = [.contentType: "application/json"]
            for _ in 0..<5 {
                try await client.execute(
                    uri: "/api/v1/session", method: .post, headers: json,
                    body: ByteBuffer(string: #"{"username": "victim", "password": "wrong"}"#)
                ) { #expect($0.status == .unauthorized) }
            }
            try await client.execute(
                uri: "/api/v1/session", method: .post, headers: json,
                body: ByteBuffer(string: #"{"username": "victim", "password": "right"}"#)
            ) { response in
                #expect(response.status == .tooManyRequests)
                #expect(String(buffer: response.body).contains(#""code":"locked""#))
            }
        }
    }

    @Test(
        "An algorithm's page lists the data its model reads with their schema sources, the protected data it never reads, the weights and the export links"
    )
    func derivedFromTheModel() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/algorithmes/\(fixture.published.id)", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("<h2>Données lues par le modèle</h2>"))
                // From `synth foyers`' schema: the description, its unit and its source.
                #expect(
                    html.contains(
                        "<tr><td>Âge du premier déclarant (ans)</td><td>synthétique (Lanterne, voir docs/synthetic-populations.md)</td></tr>"
                    ))
                #expect(
                    html.contains(
                        "Données protégées, que le modèle ne lit jamais et que l'audit compare : Sexe du premier déclarant"
                    ))
                #expect(html.contains("<caption>Poids de chaque donnée dans le calcul (part du total)</caption>"))
                #expect(html.contains(#"<a href="/api/v1/algorithms/\#(fixture.published.id)/export?format=atrs">"#))
            }
            // A draft without a published model has no derived part.
            let steward = try await fixture.token("steward")
            try await client.execute(
                uri: "/algorithmes/\(fixture.draft.id)", method: .get, headers: [.authorization: "Bearer \(steward)"]
            ) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains("Données lues par le modèle"))
            }
        }
    }

    @Test("Text from the database is shown escaped: a name holding a script tag stays text")
    func escaping() async throws {
        let fixture = try await ServerFixture.shared.get()
        let hostile = try await fixture.store.algorithms.create(
            name: "<script>alert('x')</script> & 'quote'", kind: .ciblage,
            card: #"{"purpose": "<img src=x onerror=alert(1)>"}"#, actor: "steward")
        let token = try await fixture.token("auditor")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/algorithmes/\(hostile.id)", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(!html.contains("<script>alert"))
                #expect(html.contains("&lt;script&gt;alert("))
                #expect(!html.contains("<img src=x"))
            }
        }
    }

    @Test("The home page is French, names the four kinds and the ways to reach a person")
    func home() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
                for word in ["Accueil", "Ciblage", "Sélection", "Prédiction", "0809 401 401", "Ciblage des contrôles"] {
                    #expect(html.contains(word), "\(word)")
                }
                #expect(!html.contains("<script"))
            }
        }
    }

    @Test(
        "Without a session the register comes from a short cache; a publication shows after it, at once when signed in"
    )
    func publicPageCache() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lanterne-pages-" + OpaqueID.make(bytes: 6))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try await Store.open(
            try await TestDatabases.httpLocation(sqlitePath: folder.appendingPathComponent("p.sqlite").path))
        try await store.closing {
            let steward = try await store.users.create(
                username: "steward", role: .steward, passwordHash: try await PasswordHasher(cost: 4).hash("x"),
                actor: "system")
            let token = try await store.sessions.open(for: steward).token
            let router = try await LanterneServer.router(
                store: store, configuration: ServerConfiguration(passwordCost: 4, publicPageSeconds: 600),
                assistant: Assistant(base: try KnowledgeBase.shipped()))
            // Ten minutes, so that a loaded machine still reads the page within them; the expiry itself is
            // `pageCacheExpiry`'s, on a clock of its own.
            try await Application(router: router).test(.router) { client in
                func page(_ headers: HTTPFields = [:]) async throws -> String {
                    try await client.execute(uri: "/algorithmes", method: .get, headers: headers) {
                        String(buffer: $0.body)
                    }
                }
                #expect(try await !page().contains("Orientation des dossiers"))
                let algorithm = try await store.algorithms.create(
                    name: "Orientation des dossiers", kind: .accueil, card: "{}", actor: "steward")
                try await store.algorithms.publish(algorithm.id, sha256: nil, actor: "steward")
                #expect(try await page([.authorization: "Bearer \(token)"]).contains("Orientation des dossiers"))
                #expect(try await !page().contains("Orientation des dossiers"))
            }
        }
    }

    @Test("A kept page is served until its time is over, then rendered again")
    func pageCacheExpiry() async throws {
        let time = Mutex(100.0)
        let cache = PageCache(seconds: 1, clock: { time.withLock { $0 } })
        let renders = Mutex(0)
        func page() async throws -> String {
            try await cache.page("/algorithmes") {
                renders.withLock {
                    $0 += 1; return "rendu \($0)"
                }
            }
        }
        #expect(try await page() == "rendu 1")
        time.withLock { $0 = 100.999 }
        #expect(try await page() == "rendu 1")
        time.withLock { $0 = 101.0 }
        #expect(try await page() == "rendu 2")
        #expect(renders.withLock { $0 } == 2)
    }
}
