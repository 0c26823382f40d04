import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneData
import LanterneStore
import Testing

@Suite("A person's notice: page, JSON, « Et si ? » and the contest")
struct NoticeRoutesTests {
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    /// The case's stored data as the score route's body.
    static func scoreBody(_ data: String, changing changes: [String: Any] = [:]) throws -> String {
        var values = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        for (key, value) in changes { values[key] = value }
        let body = try JSONSerialization.data(withJSONObject: ["case": values])
        return String(decoding: body, as: UTF8.self)
    }

    @Test("The notice page shows the decision, its reason escaped, the four items in words and the log receipt")
    func page() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, caseID) = try await fixture.decidedNotice()
        let decision = try #require(try await fixture.store.cases.decision(caseID: caseID))
        let entry = try #require(try await fixture.store.log.entries().first { $0.sequence == decision.logSequence })
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/notices/\(token)", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Votre déclaration va être contrôlée."))
                #expect(html.contains("baissent sans explication &lt;b&gt;écrite&lt;/b&gt;."))
                #expect(!html.contains("<b>écrite</b>"))
                for heading in [
                    "1. Le rôle de l&#39;algorithme", "2. Les données utilisées et leur origine",
                    "3. Ce qui a compté pour votre dossier",
                ] {
                    #expect(html.contains(heading), "\(heading)")
                }
                #expect(html.contains("entrée n° \(entry.sequence)"))
                #expect(html.contains(entry.hash))
                #expect(html.components(separatedBy: "<h1").count == 2)
                // Categories in words, never their codes.
                #expect(!html.contains(">celibataire<") && !html.contains(">hauts_de_france<"))
                // « Et si ? » offers what a person could correct, never the protected or immutable data.
                #expect(html.contains(#"name="salaires""#))
                for fixed in ["age", "nationalite", "situation_familiale", "parent_isole", "departement"] {
                    #expect(!html.contains(#"name="\#(fixed)""#), "\(fixed)")
                }
                #expect(html.contains(#"<form id="contester""#))
            }
        }
    }

    @Test("The notice's JSON gives the decision, the items, the receipt, and the score the score route gives")
    func json() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, caseID) = try await fixture.decidedNotice()
        let record = try #require(try await fixture.store.cases.find(id: caseID))
        let decision = try #require(try await fixture.store.cases.decision(caseID: caseID))
        let agentToken = try await fixture.token("agent")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let notice = try await client.execute(uri: "/api/v1/notices/\(token)", method: .get) {
                #expect($0.status == .ok)
                return try Self.json($0)
            }
            let receipt = try #require(notice["log_receipt"] as? [String: Any])
            #expect(receipt["sequence"] as? Int == decision.logSequence)
            #expect(receipt["hash"] as? String == decision.logHash)
            #expect((notice["items"] as? [Any])?.count == 5)
            #expect((notice["decision"] as? [String: Any])?["outcome"] as? String == "control")
            #expect(notice["random_draw"] as? Bool == record.randomDraw)
            // The fixture's card sets a threshold of 0.3, which wins over the period's cut-off.
            #expect(notice["threshold"] as? Double == 0.3)
            let scored = try await client.execute(
                uri: "/api/v1/algorithms/\(fixture.published.id)/score", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(agentToken)"],
                body: ByteBuffer(string: try Self.scoreBody(record.data))
            ) { try Self.json($0) }
            let score = try #require(scored["score"] as? Double)
            #expect(abs(try #require(notice["score"] as? Double) - score) < 1e-12)
            #expect(abs(record.score - score) < 1e-12)
        }
    }

    @Test("A malformed or unknown token is a 404 in French, on the page and in the API")
    func unknownToken() async throws {
        let fixture = try await ServerFixture.shared.get()
        let app = try await fixture.application()
        try await app.test(.router) { client in
            for token in ["abc", String(repeating: "0", count: 64), String(repeating: "g", count: 64), "%3Cscript%3E"] {
                try await client.execute(uri: "/notices/\(token)", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(String(buffer: response.body).contains("introuvable"))
                    #expect(!String(buffer: response.body).contains("<script>"))
                }
                try await client.execute(uri: "/api/v1/notices/\(token)", method: .get) { response in
                    #expect(response.status == .notFound)
                    let error = try Self.json(response)["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "not_found")
                }
            }
        }
    }

    @Test("« Et si ? » recomputes the score the score route gives for the changed case, against the period's cut-off")
    func simulate() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, caseID) = try await fixture.decidedNotice()
        let record = try #require(try await fixture.store.cases.find(id: caseID))
        let agentToken = try await fixture.token("agent")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let simulated = try await client.execute(
                uri: "/api/v1/notices/\(token)/simulate", method: .post, headers: Self.jsonHeaders,
                body: ByteBuffer(string: #"{"changes": {"salaires": 12000, "revenus_capitaux": 0}}"#)
            ) {
                #expect($0.status == .ok)
                return try Self.json($0)
            }
            let scored = try await client.execute(
                uri: "/api/v1/algorithms/\(fixture.published.id)/score", method: .post,
                headers: [.contentType: "application/json", .authorization: "Bearer \(agentToken)"],
                body: ByteBuffer(
                    string: try Self.scoreBody(record.data, changing: ["salaires": 12000, "revenus_capitaux": 0]))
            ) { try Self.json($0) }
            let score = try #require(scored["score"] as? Double)
            let threshold = try #require(simulated["threshold"] as? Double)
            #expect(abs(try #require(simulated["score"] as? Double) - score) < 1e-12)
            #expect(simulated["above"] as? Bool == (score >= threshold))
            // The page gives the same figure, in words, from a plain GET form.
            try await client.execute(uri: "/notices/\(token)/et-si?salaires=12+000&revenus_capitaux=0", method: .get) {
                response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains(#"id="resultat-simulation""#))
                // The score route's figure, written as the pages write every percentage.
                let percent = ReadableNumber.percent(score, language: .fr)
                #expect(html.contains("Score recalculé : <strong>\(percent)</strong>"), "\(percent)")
            }
        }
    }

    @Test(
        "« Et si ? » refuses, naming the field, a protected or immutable datum, text, a value out of range, a stranger")
    func simulateRefusals() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, _) = try await fixture.decidedNotice()
        let app = try await fixture.application()
        let cases: [(String, String, String)] = [
            (#"{"changes": {"age": 30}}"#, "not_changeable", "Âge du premier déclarant"),
            (#"{"changes": {"nationalite": "francaise"}}"#, "unknown_field", "nationalite"),
            (#"{"changes": {"salaires": "beaucoup"}}"#, "not_a_number", "Salaires déclarés : « beaucoup »"),
            (#"{"changes": {"salaires": 1e12}}"#, "out_of_range", "est hors des valeurs possibles (de 0 à "),
            (#"{"changes": {"inconnu": 1}}"#, "unknown_field", "« inconnu »"),
        ]
        try await app.test(.router) { client in
            for (body, code, words) in cases {
                try await client.execute(
                    uri: "/api/v1/notices/\(token)/simulate", method: .post, headers: Self.jsonHeaders,
                    body: ByteBuffer(string: body)
                ) { response in
                    #expect(response.status == .unprocessableContent, "\(body)")
                    let error = try #require(try Self.json(response)["error"] as? [String: Any])
                    #expect(error["code"] as? String == code, "\(body)")
                    #expect((error["message"] as? String)?.contains(words) == true, "\(error)")
                }
            }
            try await client.execute(
                uri: "/api/v1/notices/\(token)/simulate", method: .post, headers: Self.jsonHeaders,
                body: ByteBuffer(string: #"{"changes": 3}"#)
            ) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/notices/\(token)/et-si?salaires=%3Cscript%3Ex", method: .get) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("« &lt;script&gt;x » n&#39;est pas un nombre"))
                #expect(html.contains(#"aria-invalid="true""#))
                #expect(!html.contains("<script>"))
            }
        }
    }

    /// The contest form's token and cookie from the notice page.
    static func formToken(_ client: some TestClientProtocol, _ token: String) async throws -> String {
        try await client.execute(uri: "/notices/\(token)", method: .get) { response in
            let html = String(buffer: response.body)
            let csrf = String(html.components(separatedBy: #"name="csrf" value=""#)[1].prefix(64))
            #expect(PagesTests.cookie("lanterne_notice_form", in: response)?.value == csrf)
            return csrf
        }
    }

    @Test("Contesting from the page: its token is checked, consent and length are required, nothing is half stored")
    func contestPage() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, caseID) = try await fixture.decidedNotice()
        let decision = try #require(try await fixture.store.cases.decision(caseID: caseID))
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let csrf = try await Self.formToken(client, token)
            let headers: HTTPFields = [
                .contentType: "application/x-www-form-urlencoded", .cookie: "lanterne_notice_form=\(csrf)",
            ]
            let path = "/notices/\(token)/contester"
            try await client.execute(
                uri: path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "message=x&consent=oui&csrf=\(csrf)")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(string: "message=%3Cscript%3Ealert(1)%3C%2Fscript%3E&csrf=\(csrf)")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("Accord : cochez la case"))
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!html.contains("<script>"))
            }
            let long = String(repeating: "a", count: 10_000)
            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(string: "message=\(long)&consent=oui&csrf=\(csrf)")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("Votre message : 10") && html.contains("caractères, 5"))
                #expect(html.contains("au plus ; raccourcissez le texte"))
            }
            #expect(try await fixture.store.contests.forDecision(decision.id) == nil)
            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(string: "message=Mes+frais+sont+r%C3%A9els.&contact=a%40b.fr&consent=oui&csrf=\(csrf)")
            ) { response in
                #expect(response.status == .created)
                let html = String(buffer: response.body)
                #expect(html.contains("Contestation enregistrée."))
                #expect(html.contains("La réponse est due au plus tard le"))
            }
            #expect(try await fixture.store.contests.forDecision(decision.id)?.message == "Mes frais sont réels.")
            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(string: "message=Encore&consent=oui&csrf=\(csrf)")
            ) { #expect($0.status == .conflict) }
        }
    }

    @Test("Contesting through the API answers 201 with the due date a month later; the answer shows on the notice")
    func contestAPI() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, _) = try await fixture.decidedNotice(agent: "agent")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/api/v1/notices/\(token)/contest", method: .post, headers: Self.jsonHeaders,
                body: ByteBuffer(string: #"{"message": "Je conteste."}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                let error = try Self.json(response)["error"] as? [String: Any]
                #expect(error?["code"] as? String == "missing_consent")
            }
            let filed = try await client.execute(
                uri: "/api/v1/notices/\(token)/contest", method: .post, headers: Self.jsonHeaders,
                body: ByteBuffer(string: #"{"message": "Je conteste.", "consent": true}"#)
            ) { response in
                #expect(response.status == .created)
                return try Self.json(response)
            }
            let id = try #require(filed["id"] as? String)
            let contest = try #require(try await fixture.store.contests.find(id: id))
            let filedAt = try #require(Timestamp.date(contest.createdAt))
            #expect(filed["due"] as? String == Timestamp.text(ContestStore.due(after: filedAt)))
            _ = try await fixture.store.contests.answer(
                id: id, outcome: .changed, answer: "Le contrôle est abandonné.", agent: "agent2")
            try await client.execute(uri: "/notices/\(token)", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("La décision est changée."))
                #expect(html.contains("Le contrôle est abandonné."))
                #expect(!html.contains(#"<form id="contester""#))
            }
            let notice = try await client.execute(uri: "/api/v1/notices/\(token)", method: .get) { try Self.json($0) }
            #expect((notice["contest"] as? [String: Any])?["outcome"] as? String == "changed")
        }
    }
}
