import Foundation
import LanterneRegister
import Testing

@Suite("lanterne notice")
struct NoticeCommandTests {
    static let card = """
        {"name": "Ciblage des contrôles", "administration": "DDFiP de démonstration",
         "purpose": "choisir les déclarations à vérifier en premier", "legal_basis": "article L10 du LPF",
         "decision_type": "support", "human_oversight": "Un agent lit chaque dossier proposé. Il décide seul.",
         "contact": {"service": "SIP de démonstration", "address": "1 rue de l'Exemple, 00000 Exemple"},
         "threshold": 0.2}
        """

    static func folder(kinds: [String]) throws -> URL {
        let folder = try temporaryFolder()
        try card.write(to: folder.appendingPathComponent("fiche.json"), atomically: true, encoding: .utf8)
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "3000", "--seed", "8", "--out", "f.csv", "--schema-out", "s.json"], in: folder
        )
        for kind in kinds {
            let trained = try LanterneProcess.run(
                [
                    "train", "f.csv", "--schema", "s.json", "--kind", kind, "--label", "irregularite_reelle",
                    "--trees", "40", "--out", "\(kind).json",
                ], in: folder)
            #expect(trained.status == 0)
        }
        return folder
    }

    @Test("Readable French for every household and model kind: Kandel–Moles at least 60, at most 20 words a sentence")
    func readability() throws {
        let kinds = ["logistic", "gbdt", "additive"]
        let folder = try Self.folder(kinds: kinds)
        defer { try? FileManager.default.removeItem(at: folder) }
        for kind in kinds {
            for id in ["1", "17", "256", "1024", "2999"] {
                let outcome = try LanterneProcess.run(
                    ["notice", "fiche.json", "\(kind).json", "f.csv", "--id", id, "--format", "text"], in: folder)
                #expect(outcome.status == 0)
                let measure = FrenchReadability(outcome.standardOutput)
                #expect(measure.score >= 60, "\(kind) \(id): \(measure)")
                #expect(measure.wordsPerSentence <= 20, "\(kind) \(id): \(measure)")
                #expect(outcome.standardOutput.contains("Dossier n° \(id) — algorithme « Ciblage des contrôles »"))
            }
        }
    }

    @Test("HTML written atomically with --out; bad inputs exit 2 naming the field or the id, and write nothing")
    func files() throws {
        let folder = try Self.folder(kinds: ["logistic"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try LanterneProcess.run(
            [
                "notice", "fiche.json", "logistic.json", "f.csv", "--id", "5", "--out", "n.html", "--date",
                "1er décembre 2026",
            ],
            in: folder)
        #expect(written.status == 0)
        let page = try String(contentsOf: folder.appendingPathComponent("n.html"), encoding: .utf8)
        #expect(page.contains("<p class=\"lead\">Notice du 1er décembre 2026</p>"))
        #expect(page.contains("<h2 id=\"section-4\">4. Les étapes du calcul</h2>"))

        let unknown = try LanterneProcess.run(
            ["notice", "fiche.json", "logistic.json", "f.csv", "--id", "123456", "--out", "x.html"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("aucun cas d'identifiant « 123456 » (colonne « id_foyer »)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.html").path))

        let noBasis = Self.card.replacingOccurrences(of: "\"legal_basis\": \"article L10 du LPF\",", with: "")
        try noBasis.write(to: folder.appendingPathComponent("incomplete.json"), atomically: true, encoding: .utf8)
        let incomplete = try LanterneProcess.run(
            ["notice", "incomplete.json", "logistic.json", "f.csv", "--id", "5", "--out", "x.html"], in: folder)
        #expect(incomplete.status == 2)
        #expect(
            incomplete.standardError
                == "incomplete.json: champ obligatoire « legal_basis » manquant ou vide dans la fiche algorithme\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.html").path))
    }

    /// The model's version is the SHA-256 of its file, which names its data file: the names must be the script's.
    @Test("The sample notice in docs/notice/ is what scripts/docs/make_notice_sample.sh gives today")
    func sample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            [
                "synth", "foyers", "--rows", "10000", "--seed", "1", "--out", "foyers.csv", "--schema-out",
                "schema.json",
            ],
            in: folder)
        _ = try LanterneProcess.run(
            [
                "train", "foyers.csv", "--schema", "schema.json", "--kind", "gbdt", "--label", "irregularite_reelle",
                "--trees",
                "200", "--seed", "1", "--threads", "1", "--out", "modele.json",
            ], in: folder)
        let outcome = try LanterneProcess.run(
            [
                "notice", root.appendingPathComponent("docs/notice/card.json").path, "modele.json", "foyers.csv",
                "--id", "1242",
                "--format", "text", "--date", "29 novembre 2026",
            ], in: folder)
        let committed = try String(
            contentsOf: root.appendingPathComponent("docs/notice/exemple-foyer-1242.txt"), encoding: .utf8)
        #expect(outcome.standardOutput == committed, "run scripts/docs/make_notice_sample.sh after changing notices")
        let measure = FrenchReadability(committed)
        #expect(measure.score >= 60)
    }
}
