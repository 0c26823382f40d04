import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LanterneModels
import LanterneStore
import Logging
import Testing

@testable import LanterneServer

@Suite("The steward's workspace pages: card, versions, audits, publication, periods")
struct StewardPagesTests {
    static let boundary = "----lanterne-test-7f3a"

    /// A `multipart/form-data` body as a browser sends it: text fields, then files (name, file name, content).
    static func multipart(_ fields: [(String, String)], files: [(String, String, String)] = []) -> ByteBuffer {
        var text = ""
        for (name, value) in fields {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for (name, filename, content) in files {
            text +=
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(filename)\"\r\n"
                + "Content-Type: text/csv\r\n\r\n\(content)\r\n"
        }
        return ByteBuffer(string: text + "--\(boundary)--\r\n")
    }

    /// The steward's headers for a multipart form.
    static func files(_ headers: HTTPFields) -> HTTPFields {
        var headers = headers
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return headers
    }

    static func encoded(_ fields: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        let text = fields.sorted { $0.key < $1.key }.map {
            "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static func alert(_ response: TestResponse) -> String {
        let html = String(buffer: response.body)
        guard let start = html.range(of: #"role="alert"><p>"#) else { return "" }
        return String(html[start.upperBound...].prefix { $0 != "<" })
    }

    static let card: [String: String] = [
        "algorithm_name": "Ciblage des pages", "kind": "ciblage", "administration": "DGFiP",
        "purpose": "proposer les déclarations à contrôler", "legal_basis": "Livre des procédures fiscales, article L10",
        "human_oversight": "Un agent décide de chaque contrôle et écrit pourquoi.",
        "contact_service": "Service des impôts des particuliers", "contact_email": "sip@example.org",
        "decision_type": "support",
    ]

    @Test(
        "From the pages a steward makes a draft, trains lanterne train's model, audits it with the ticked gates as lanterne audit does, publishes through the gates and opens a period"
    )
    func wholeWorkflow() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.store.closing {
            let (headers, csrf) = try await WorkspacePagesTests.session(fixture, "steward")
            let lines =
                try String(contentsOf: fixture.folder.appendingPathComponent("f.csv"), encoding: .utf8)
                .split(separator: "\n").prefix(801).joined(separator: "\n") + "\n"
            try lines.write(to: fixture.folder.appendingPathComponent("f800.csv"), atomically: true, encoding: .utf8)
            let schema = try String(contentsOf: fixture.folder.appendingPathComponent("s.json"), encoding: .utf8)
            let population = try String(contentsOf: fixture.folder.appendingPathComponent("f.csv"), encoding: .utf8)
            let app = try await fixture.application()
            let id = try await app.test(.router) { client -> String in
                var form = Self.card
                form["csrf"] = csrf
                let id = try await client.execute(
                    uri: "/espace/algorithmes", method: .post, headers: headers, body: Self.encoded(form)
                ) { response -> String in
                    #expect(response.status == .seeOther)
                    return String((response.headers[.location] ?? "").dropFirst("/espace/algorithmes/".count))
                }
                let uri = "/espace/algorithmes/\(id)"
                // Train: the page sends the files; the server runs lanterne train's pipeline.
                let train: [(String, String)] = [
                    ("csrf", csrf), ("mode", "train"), ("kind", "logistic"), ("label", "irregularite_reelle"),
                    ("seed", "1"),
                ]
                try await client.execute(
                    uri: uri + "/versions", method: .post, headers: Self.files(headers),
                    body: Self.multipart(train, files: [("data", "f800.csv", lines), ("schema", "s.json", schema)])
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers[.location] == uri + "?fait=version")
                }
                try await client.execute(uri: uri + "?fait=version", method: .get, headers: headers) { response in
                    let html = String(buffer: response.body)
                    #expect(html.contains("La nouvelle version est enregistrée."))
                    #expect(html.contains("régression logistique"))
                    #expect(html.contains("pas encore audité"))
                }
                return id
            }
            let version = try #require(try await fixture.store.algorithms.versions(of: id).first)
            let stored = try #require(try await fixture.store.algorithms.model(sha256: version.sha256))
            #expect(
                ServerFixture.sameLogistic(
                    try ServerFixture.modelBody(stored.file), try fixture.trainedByCommand("f800.csv")))

            // Audit: the ticked gate is the four-fifths rule on the selection rate; the job is lanterne audit's.
            try await app.test(.router) { client in
                let fields: [(String, String)] = [
                    ("csrf", csrf), ("model_sha256", version.sha256), ("label", "irregularite_reelle"),
                    ("protected", "parent_isole"), ("rule", "top_percent"), ("rule_value", "10"),
                    ("gates", "selection"),
                    ("bootstrap", "0"), ("seed", "1"),
                ]
                try await client.execute(
                    uri: "/espace/algorithmes/\(id)/audits", method: .post, headers: Self.files(headers),
                    body: Self.multipart(fields, files: [("data", "f.csv", population)])
                ) { #expect($0.status == .seeOther) }
            }
            let runner = JobRunner(
                store: fixture.store, models: ModelCache(algorithms: fixture.store.algorithms),
                logger: Logger(label: "test"))
            while try await runner.step() {}
            try stored.file.write(
                to: fixture.folder.appendingPathComponent("served.json"), atomically: true, encoding: .utf8)
            try
                #"{"gates": [{"name": "taux de sélection (4/5)", "metric": "ratio.selection_rate", "min": 0.8, "max": 1.25}]}"#
                .write(to: fixture.folder.appendingPathComponent("gates.json"), atomically: true, encoding: .utf8)
            let audited = try LanterneProcess.run(
                [
                    "audit", "f.csv", "--label", "irregularite_reelle", "--protected", "parent_isole", "--model",
                    "served.json", "--top-percent", "10", "--policy", "gates.json", "--json", "served-audit.json",
                ], in: fixture.folder)
            #expect(audited.status == 1, "the gate fails on these households: \(audited.standardError)")
            let expected = try String(
                contentsOf: fixture.folder.appendingPathComponent("served-audit.json"), encoding: .utf8)
            let audit = try #require(try await fixture.store.algorithms.latestAudit(of: id, version: version.sha256))
            #expect(audit.report == expected)
            #expect(!audit.gatesPassed)

            // Publication through the gates: refused without a justification, shown beside the failed gate with one.
            try await app.test(.router) { client in
                let uri = "/espace/algorithmes/\(id)/publier"
                try await client.execute(
                    uri: uri, method: .post, headers: headers,
                    body: Self.encoded(["csrf": csrf, "sha256": version.sha256, "justification": " "])
                ) { response in
                    #expect(response.status == .conflict)
                    #expect(Self.alert(response).contains("écrivez pourquoi le publier quand même"))
                }
                #expect(try await fixture.store.algorithms.find(id: id)?.status == .draft)
                try await client.execute(
                    uri: uri, method: .post, headers: headers,
                    body: Self.encoded([
                        "csrf": csrf, "sha256": version.sha256, "justification": "Écart expliqué par la loi.",
                    ])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(uri: "/algorithmes/\(id)", method: .get) { response in
                    #expect(String(buffer: response.body).contains("Écart expliqué par la loi."))
                }
                // A control period: 50 controls of which 10 % drawn at random from the 1,500 households.
                let period: [(String, String)] = [
                    ("csrf", csrf), ("period", "2026-12"), ("rule", "capacity"), ("rule_value", "50"),
                    ("random_share", "10"), ("seed", "4"),
                ]
                try await client.execute(
                    uri: "/espace/algorithmes/\(id)/periodes", method: .post, headers: Self.files(headers),
                    body: Self.multipart(period, files: [("population", "f.csv", population)])
                ) { #expect($0.status == .seeOther) }
                try await client.execute(
                    uri: "/espace/algorithmes/\(id)/periodes", method: .post, headers: Self.files(headers),
                    body: Self.multipart(period, files: [("population", "f.csv", population)])
                ) { response in
                    #expect(response.status == .conflict)
                    #expect(Self.alert(response) == "la période « 2026-12 » est déjà enregistrée")
                }
            }
            #expect(
                try await fixture.store.cases.periods(algorithmID: id) == [
                    PeriodCounts(period: "2026-12", cases: 1_500, proposed: 50, drawn: 5, decided: 0)
                ])
            let publication = try #require(
                try await fixture.store.log.entries(action: "algorithm.publish", object: id).last)
            #expect(publication.details.contains("Écart expliqué par la loi."))
        }
    }

    @Test("The card's form keeps fields it does not show, fills the registers' notes, and refuses a bad threshold")
    func cardForm() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (headers, csrf) = try await WorkspacePagesTests.session(fixture, "steward")
        let app = try await fixture.application()
        let record = try await fixture.store.algorithms.create(
            name: "Fiche d'essai", kind: .ciblage,
            card: #"{"administration": "A", "contact": {"service": "S", "email": "s@example.org"}, "#
                + #""decision_type": "support", "human_oversight": "H", "legal_basis": "L", "name": "N", "#
                + #""publish_model": true, "purpose": "P"}"#, actor: "steward")
        // A version of its own: the fixture's model with another origin (a model serves one algorithm).
        var document = try ModelFile.decode(Array(fixture.modelFile.utf8), file: "m.json").document
        document.origin = "import de test"
        let (file, sha256) = try ModelFile.encode(document)
        _ = try await fixture.store.algorithms.addModel(
            file: String(decoding: file, as: UTF8.self), sha256: sha256, to: record.id, actor: "steward")
        let uri = "/espace/algorithmes/\(record.id)"
        try await app.test(.router) { client in
            let before = try await client.execute(uri: uri, method: .get, headers: headers) { response -> String in
                String(buffer: response.body)
            }
            #expect(before.contains(#"name="purpose" rows="3" aria-describedby="aide-purpose">P</textarea>"#))
            var form = CardForm.values(record.card)
            form["csrf"] = csrf
            form["threshold"] = "2"
            try await client.execute(uri: uri + "/fiche", method: .post, headers: headers, body: Self.encoded(form)) {
                response in
                #expect(response.status == .unprocessableContent)
                #expect(
                    Self.alert(response)
                        == "Seuil : un nombre strictement entre 0 et 1 est attendu (par exemple 0,3), ou rien")
            }
            #expect(try await fixture.store.algorithms.find(id: record.id)?.card == record.card)
            form["threshold"] = "0,4"
            form["benefits"] = "Contrôler mieux avec moins de contrôles inutiles."
            form["period_of_use"] = "Une campagne par mois."
            form["first_look"] = "oui"
            try await client.execute(uri: uri + "/fiche", method: .post, headers: headers, body: Self.encoded(form)) {
                response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == uri + "?fait=fiche")
            }
        }
        let saved = try #require(try await fixture.store.algorithms.find(id: record.id)?.card)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(saved.utf8)) as? [String: Any])
        #expect(object["threshold"] as? Double == 0.4)
        #expect(object["publish_model"] as? Bool == true)
        #expect(object["first_look"] as? Bool == true)
        #expect(
            (object["assessment"] as? [String: String]) == [
                "benefits": "Contrôler mieux avec moins de contrôles inutiles.",
                "period_of_use": "Une campagne par mois.",
            ])
        try await app.test(.router) { client in
            try await client.execute(uri: uri + "/analyse-impact", method: .get, headers: headers) { response in
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                #expect(text.contains("## b) Période et fréquence d'utilisation\n\nUne campagne par mois.\n"))
                #expect(!text.contains("période d'utilisation et fréquence"))
                #expect(text.contains("[non renseigné — à compléter par le responsable : personnes dont les dossiers"))
            }
            try await client.execute(uri: uri, method: .get, headers: headers) { response in
                let html = String(buffer: response.body)
                #expect(html.contains(">Contrôler mieux avec moins de contrôles inutiles.</textarea>"))
                #expect(html.contains(#"id="fiche-first-look" name="first_look" value="oui" checked"#))
            }
        }
    }

    @Test("Bad uploads name the field or file at fault, answer 4xx, and add nothing")
    func badUploads() async throws {
        let fixture = try await ServerFixture.shared.get()
        let (headers, csrf) = try await WorkspacePagesTests.session(fixture, "steward")
        let app = try await fixture.application()
        let record = try await fixture.store.algorithms.create(
            name: "Envois refusés", kind: .ciblage, card: fixture.published.card, actor: "steward")
        let uri = "/espace/algorithmes/\(record.id)/versions"
        let schema = try String(contentsOf: fixture.folder.appendingPathComponent("s.json"), encoding: .utf8)
        let before = try await fixture.store.log.head().sequence
        try await app.test(.router) { client in
            let cases: [(ByteBuffer, HTTPResponse.Status, String)] = [
                (
                    Self.multipart(
                        [("csrf", csrf), ("mode", "train"), ("kind", "logistic")], files: [("schema", "s.json", schema)]
                    ),
                    .unprocessableContent, "Données (CSV) : choisissez un fichier"
                ),
                (
                    Self.multipart(
                        [("csrf", csrf), ("mode", "train"), ("kind", "logistic")],
                        files: [("data", "f.csv", fixture.fiveCases), ("schema", "s.json", "id,age\n")]),
                    .unprocessableContent, "s.json: schéma illisible : JSON invalide"
                ),
                (
                    Self.multipart(
                        [("csrf", csrf), ("mode", "train"), ("kind", "logistic")],
                        files: [
                            ("data", "C:\\données\\bad.csv", "id_foyer,age\n1,40\n2\n"), ("schema", "s.json", schema),
                        ]),
                    .unprocessableContent, "bad.csv:3: 1 champs au lieu de 2"
                ),
                (
                    Self.multipart(
                        [("csrf", csrf), ("mode", "train"), ("kind", "forest")],
                        files: [("data", "f.csv", fixture.fiveCases), ("schema", "s.json", schema)]),
                    .unprocessableContent, "Sorte de modèle : choisissez-en une"
                ),
                (
                    Self.multipart([("csrf", csrf), ("mode", "import")], files: [("model", "m.json", "{}")]),
                    .unprocessableContent, "model"
                ),
            ]
            for (body, status, message) in cases {
                try await client.execute(uri: uri, method: .post, headers: Self.files(headers), body: body) {
                    response in
                    #expect(response.status == status)
                    #expect(Self.alert(response).contains(message), "\(Self.alert(response))")
                }
            }
            try await client.execute(
                uri: uri, method: .post, headers: Self.files(headers),
                body: Self.multipart([("csrf", "faux"), ("mode", "import")], files: [("model", "m.json", "{}")])
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: uri, method: .post, headers: Self.files(headers),
                body: ByteBuffer(string: "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nx")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("formulaire multipart illisible : partie non terminée"))
            }
        }
        #expect(try await fixture.store.algorithms.versions(of: record.id).isEmpty)
        let added = try await fixture.store.log.entries(after: before, actor: nil, action: "model.", limit: 1_000)
        #expect(added.filter { $0.object == record.id }.isEmpty)
    }
}
