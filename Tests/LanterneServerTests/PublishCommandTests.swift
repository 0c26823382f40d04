import Foundation
import LanterneStore
import Testing

/// `lanterne publish` as a steward runs it: a trained model, its audit against a gate policy, then the store.
@Suite("The publish command")
struct PublishCommandTests {
    /// A folder with a logistic model of 1,500 households, its audit (`audit.json`, the four-fifths gate on the
    /// selection rate by `parent_isole`, 1.90 for this model) and a store holding one draft algorithm.
    private func prepared() async throws -> (folder: URL, database: String, algorithm: String, sha256: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lanterne-publish-" + OpaqueID.make(bytes: 6))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for arguments in [
            ["synth", "foyers", "--rows", "1500", "--seed", "5", "--out", "f.csv", "--schema-out", "s.json"],
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "logistic", "--label", "irregularite_reelle",
                "--out", "m.json",
            ],
        ] {
            let outcome = try LanterneProcess.run(arguments, in: folder)
            guard outcome.status == 0 else { throw FixtureError(detail: outcome.standardError) }
        }
        let policy =
            #"{"gates": [{"name": "quatre cinquièmes", "metric": "ratio.selection_rate", "min": 0.8, "max": 1.25}]}"#
        try policy.write(to: folder.appendingPathComponent("gates.json"), atomically: true, encoding: .utf8)
        let audited = try LanterneProcess.run(
            [
                "audit", "f.csv", "--label", "irregularite_reelle", "--protected",
                "parent_isole", "--model", "m.json", "--top-percent", "10", "--policy", "gates.json", "--json",
                "audit.json",
            ], in: folder)
        // The audit itself exits 1: its gate fails, which is what publishing must notice.
        #expect(audited.status == 1)
        let path = folder.appendingPathComponent("registre.sqlite").path
        let store = try await Store.open(.sqlite(path: path))
        let algorithm = try await store.algorithms.create(
            name: "Ciblage", kind: .ciblage, card: "{}", actor: "responsable")
        await store.database.close()
        let model = try String(contentsOf: folder.appendingPathComponent("m.json"), encoding: .utf8)
        let sha = String(model.dropFirst(#"{"format":"lanterne-model","version":1,"sha256":""#.count).prefix(64))
        return (folder, "sqlite:" + path, algorithm.id, sha)
    }

    /// The store's versions, log length and published version.
    private func state(_ database: String, _ algorithm: String) async throws -> (versions: Int, log: Int, sha: String?)
    {
        let store = try await Store.open(try DatabaseLocation(parsing: database), migrate: false)
        let versions = try await store.algorithms.versions(of: algorithm).count
        let log = try await store.log.head().sequence
        let sha = try await store.algorithms.find(id: algorithm)?.publishedSHA256
        await store.database.close()
        return (versions, log, sha)
    }

    @Test("A failed gate without a justification refuses the publication, exit 1, and writes nothing")
    func refusedWithoutJustification() async throws {
        let (folder, database, algorithm, _) = try await prepared()
        let before = try await state(database, algorithm)
        let outcome = try LanterneProcess.run(
            ["publish", "m.json", "--algorithm", algorithm, "--audit", "audit.json", "--database", database],
            in: folder)
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError
                == "publication refusée : contrôles échoués dans audit.json : quatre cinquièmes (ratio.selection_rate) ; rien n'est écrit. Corrigez le modèle ou ajoutez --justification \"pourquoi\".\n"
        )
        let after = try await state(database, algorithm)
        #expect(after.versions == before.versions)
        #expect(after.log == before.log)
        #expect(after.sha == nil)
    }

    @Test("With a justification the version, its audit and the publication are stored and logged in that order")
    func publishedWithJustification() async throws {
        let (folder, database, algorithm, sha) = try await prepared()
        let before = try await state(database, algorithm)
        let outcome = try LanterneProcess.run(
            [
                "publish", "m.json", "--algorithm", algorithm, "--audit", "audit.json", "--database", database,
                "--justification", "Essai encadré de trois mois", "--actor", "responsable",
            ], in: folder)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let store = try await Store.open(try DatabaseLocation(parsing: database), migrate: false)
        let entries = try await store.log.entries(object: algorithm)
        let head = try await store.log.head()
        let audit = try await store.algorithms.latestAudit(of: algorithm)
        let record = try await store.algorithms.find(id: algorithm)
        let verification = try await store.log.verify()
        await store.database.close()
        #expect(
            outcome.standardOutput
                == "version 1 (\(sha)) publiée ; journal n° \(head.sequence), empreinte \(head.hash)\n")
        #expect(head.sequence == before.log + 3)
        #expect(entries.suffix(3).map(\.action) == ["model.add", "audit.add", "algorithm.publish"])
        #expect(entries.last?.actor == "responsable")
        #expect(entries.last?.details.contains("Essai encadré de trois mois") == true)
        #expect(audit?.gatesPassed == false)
        #expect(audit?.sha256 == sha)
        #expect(record?.publishedSHA256 == sha)
        #expect(verification.valid)
    }

    @Test("An unknown algorithm, a cut model file and a file that is not an audit each exit 2 with one line")
    func badInputs() async throws {
        let (folder, database, algorithm, _) = try await prepared()
        let model = try String(contentsOf: folder.appendingPathComponent("m.json"), encoding: .utf8)
        try String(model.prefix(model.count / 2)).write(
            to: folder.appendingPathComponent("cut.json"), atomically: true, encoding: .utf8)
        let before = try await state(database, algorithm)
        let cases: [([String], String)] = [
            (["publish", "m.json", "--algorithm", "absent", "--database", database], "« absent » introuvable"),
            (["publish", "cut.json", "--algorithm", algorithm, "--database", database], "cut.json"),
            (
                ["publish", "m.json", "--algorithm", algorithm, "--audit", "s.json", "--database", database],
                "s.json : ce n'est pas un rapport d'audit"
            ),
        ]
        for (arguments, expected) in cases {
            let outcome = try LanterneProcess.run(arguments, in: folder)
            #expect(outcome.status == 2, "\(arguments)")
            #expect(outcome.standardError.split(separator: "\n").count == 1, "\(outcome.standardError)")
            #expect(outcome.standardError.contains(expected), "\(outcome.standardError)")
        }
        let after = try await state(database, algorithm)
        #expect(after.log == before.log)
        #expect(after.versions == before.versions)
    }
}
