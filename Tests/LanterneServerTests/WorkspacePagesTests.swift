import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneStore
import Testing

@Suite("Each role's workspace pages")
struct WorkspacePagesTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// A signed-in session's headers for pages and forms.
    static func session(_ fixture: ServerFixture, _ username: String) async throws -> (HTTPFields, String) {
        let user = try #require(try await fixture.store.users.find(username: username))
        let grant = try await fixture.store.sessions.open(for: user)
        var headers = form
        headers[.authorization] = "Bearer \(grant.token)"
        return (headers, grant.csrfToken)
    }

    @Test("An agent decides from the case page: a reason is required, the token checked, the notice written")
    func agentDecides() async throws {
        let fixture = try await ServerFixture.shared.get()
        let id = try await ServerFixture.notices.nextCase(fixture)
        let record = try #require(try await fixture.store.cases.find(id: id))
        let (headers, csrf) = try await Self.session(fixture, "agent")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/espace/dossiers", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(">\(record.reference)<"))
            }
            try await client.execute(uri: "/espace/dossiers/\(id)", method: .get, headers: headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Votre décision"))
                #expect(html.contains("Ce que propose l'algorithme"))
                #expect(!html.contains("tiré au sort :"))
                #expect(html.components(separatedBy: "<h1").count == 2)
            }
            let path = "/espace/dossiers/\(id)/decision"
            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(string: "outcome=control&reason_category=autre&reason=+&csrf=\(csrf)")
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("Une décision sans raison écrite est refusée"))
            }
            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(string: "outcome=control&reason_category=autre&reason=Vu.&csrf=autre")
            ) { #expect($0.status == .forbidden) }
            #expect(try await fixture.store.cases.decision(caseID: id) == nil)
            let token = try await client.execute(
                uri: path, method: .post, headers: headers,
                body: ByteBuffer(
                    string:
                        "outcome=control&reason_category=incoherence_revenus&reason=Les+loyers+manquent.&csrf=\(csrf)")
            ) { response -> String in
                // The queue again, with the notice's address shown once (never put in a URL the browser keeps).
                #expect(response.status == .created)
                #expect(response.headers[.location] == nil)
                let html = String(buffer: response.body)
                #expect(html.contains("Décision enregistrée."))
                return String(html.components(separatedBy: #"<a href="/notices/"#)[1].prefix(64))
            }
            try await client.execute(uri: "/notices/\(token)", method: .get) { response in
                #expect(String(buffer: response.body).contains("Les loyers manquent."))
            }
        }
    }

    @Test("Only agents reach the agent's pages; the auditor sees the draw; nobody is sent to sign in")
    func roles() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (cases, queue) = try await ServerFixture.notices.period(fixture)
        let drawnIndex = try #require(cases.indices.first { cases[$0].randomDraw })
        let proposed = cases.indices.filter { cases[$0].proposed }.sorted {
            cases[$0].queuePosition < cases[$1].queuePosition
        }
        let drawnID = queue[try #require(proposed.firstIndex(of: drawnIndex))]
        let (steward, _) = try await Self.session(fixture, "steward")
        let (auditor, _) = try await Self.session(fixture, "auditor")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/espace/dossiers", method: .get, headers: steward) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/espace/dossiers", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/connexion")
            }
            try await client.execute(uri: "/espace/dossiers/\(drawnID)", method: .get, headers: auditor) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("tiré au sort : oui"))
                #expect(!html.contains("Votre décision"))
            }
            try await client.execute(uri: "/espace/supervision", method: .get, headers: auditor) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("Décisions par agent et par mois"))
            }
            try await client.execute(uri: "/espace/journal?action=case.", method: .get, headers: auditor) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Chaîne intacte"))
                #expect(html.contains("case.decide") || html.contains("cases.add"))
                #expect(!html.contains(">session.open<"))
            }
            try await client.execute(uri: "/espace/supervision", method: .get, headers: steward) {
                #expect($0.status == .forbidden)
            }
        }
    }

    @Test("A contest is answered from another agent's page; callbacks change status from the queue page")
    func contestsAndCallbacks() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (token, _) = try await fixture.decidedNotice(agent: "agent")
        let contest = try await fixture.store.contests.file(token: token, message: "Mon message", contact: "")
        let callback = try await fixture.store.callbacks.create(
            name: "Rappel Test", contact: "0100000001", preferredTime: "midi", subject: "Sujet", retention: 3600)
        let (agent, _) = try await Self.session(fixture, "agent")
        let (agent2, csrf2) = try await Self.session(fixture, "agent2")
        let app = try await fixture.application()
        try await app.test(.router) { client in
            try await client.execute(uri: "/espace/contestations", method: .get, headers: agent) { response in
                #expect(!String(buffer: response.body).contains(contest.id))
            }
            try await client.execute(uri: "/espace/contestations", method: .get, headers: agent2) { response in
                #expect(String(buffer: response.body).contains("Contestation n° \(contest.id)"))
            }
            try await client.execute(
                uri: "/espace/contestations/\(contest.id)/reponse", method: .post, headers: agent2,
                body: ByteBuffer(string: "outcome=changed&answer=Dossier+class%C3%A9.&csrf=\(csrf2)")
            ) { #expect($0.status == .seeOther) }
            #expect(try await fixture.store.contests.find(id: contest.id)?.answer == "Dossier classé.")
            try await client.execute(uri: "/espace/rappels", method: .get, headers: agent2) { response in
                #expect(String(buffer: response.body).contains("Rappel Test"))
            }
            try await client.execute(
                uri: "/espace/rappels/\(callback.id)/statut", method: .post, headers: agent2,
                body: ByteBuffer(string: "status=no_answer&csrf=\(csrf2)")
            ) { #expect($0.status == .seeOther) }
            #expect(try await fixture.store.callbacks.find(id: callback.id)?.status == .noAnswer)
        }
    }
}
