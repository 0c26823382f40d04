import Foundation
import Testing

@Suite("lanterne select order")
struct SelectCommandTests {
    static let exampleA1 = """
        {"name": "exemple_A1", "tauxMinBoursiersPourcents": 20, "tauxMinDuSecteurPourcents": 0, "voeux": [
        {"gCnCod": 1, "rang": 1, "boursier": false, "duSecteur": false},
        {"gCnCod": 2, "rang": 2, "boursier": false, "duSecteur": false},
        {"gCnCod": 3, "rang": 3, "boursier": false, "duSecteur": false},
        {"gCnCod": 4, "rang": 4, "boursier": false, "duSecteur": false},
        {"gCnCod": 5, "rang": 5, "boursier": false, "duSecteur": false},
        {"gCnCod": 6, "rang": 6, "boursier": true, "duSecteur": false},
        {"gCnCod": 7, "rang": 7, "boursier": true, "duSecteur": false},
        {"gCnCod": 8, "rang": 8, "boursier": false, "duSecteur": false}]}
        """

    @Test("The official example A1: the call order, and candidate 5's explanation")
    func exampleA1() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.exampleA1.write(to: folder.appendingPathComponent("a1.json"), atomically: true, encoding: .utf8)
        let order = try LanterneProcess.run(["select", "ordre-appel", "a1.json"], in: folder)
        #expect(order.standardOutput.hasPrefix("{\"name\":\"exemple_A1\",\"tauxMinBoursiersPourcents\":20,"))
        #expect(order.standardOutput.hasSuffix(",\"ordreAppel\":[6,1,2,3,4,7,5,8]}\n"))
        let five = try LanterneProcess.run(
            ["select", "ordre-appel", "a1.json", "--id", "5", "--format", "text"], in: folder)
        #expect(
            five.standardOutput
                == "Votre rang dans le classement du jury est 5. Le taux minimum de 20 % de boursiers a fait passer 2 "
                + "boursiers devant vous. Votre rang d'appel est 7.\n")
    }

    @Test("Bad groups exit 2 naming the field or the candidates: a missing rate, a rank given twice")
    func badInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{\"tauxMinBoursiersPourcents\": 20, \"voeux\": []}".write(
            to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        let missing = try LanterneProcess.run(["select", "ordre-appel", "a.json"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardError == "a.json: champ « tauxMinDuSecteurPourcents » manquant\n")
        try Self.exampleA1.replacingOccurrences(of: "\"rang\": 8", with: "\"rang\": 7").write(
            to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let twice = try LanterneProcess.run(["select", "ordre-appel", "b.json"], in: folder)
        #expect(twice.status == 2)
        #expect(
            twice.standardError
                == "b.json (exemple_A1): le rang 7 est donné à plusieurs candidats (7, 8) : chaque rang doit être unique\n"
        )
    }
}

@Suite("The selection sample in docs/selection.md")
struct SelectionSampleTests {
    @Test("The three candidates' explanations quoted in docs/selection.md are what the commands give today")
    func sample() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "candidats", "--rows", "200", "--seed", "1", "--out", "candidats.csv", "--schema-out", "s.json"],
            in: folder)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/selection.md"), encoding: .utf8)
            .replacingOccurrences(of: "\n> ", with: " ")
        for id in ["124", "75", "123"] {
            let outcome = try LanterneProcess.run(
                [
                    "select", "ordre-appel", "candidats.csv", "--scholarship-rate", "20", "--in-sector-rate", "30",
                    "--id", id, "--format", "text",
                ], in: folder)
            #expect(outcome.status == 0)
            let text = outcome.standardOutput.trimmingCharacters(in: .newlines)
            #expect(page.contains(text), "candidate \(id): \(text)")
        }
    }
}

@Suite("lanterne select propositions")
struct SelectProposalsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The ministry's 2018 examples, beside the checkout.
    static let examples = root.deletingLastPathComponent()
        .appendingPathComponent("shared/realcases/parcoursup/official_examples_2018_xml")

    @Test(
        "B7 day 2: the ministry's output byte for byte, and candidate 12's explanation as docs/selection.md quotes it",
        .enabled(
            if: FileManager.default.fileExists(atPath: examples.path),
            "../shared/realcases/parcoursup is absent: the ministry's B7 example is not checked from the command line"))
    func dayTwo() throws {
        let examples = Self.examples
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = examples.appendingPathComponent("ExempleB7Jour2_entree.xml").path
        let parameters = Self.root.appendingPathComponent("docs/selection/b7-jour2-parametres.json").path
        let xml = try LanterneProcess.run(
            ["select", "propositions", input, "--parametres", parameters, "--out", "sortie.xml"], in: folder)
        #expect(xml.status == 0)
        let written = try String(contentsOf: folder.appendingPathComponent("sortie.xml"), encoding: .utf8)
        let expected = try String(
            contentsOf: examples.appendingPathComponent("ExempleB7Jour2_sortie.xml"), encoding: .utf8)
        let identical = written == expected
        #expect(identical)
        let text = try LanterneProcess.run(
            ["select", "propositions", input, "--parametres", parameters, "--id", "12", "--format", "text"],
            in: folder)
        #expect(text.status == 0)
        let page = try String(contentsOf: Self.root.appendingPathComponent("docs/selection.md"), encoding: .utf8)
            .replacingOccurrences(of: "\n> ", with: " ")
        #expect(page.contains(text.standardOutput.trimmingCharacters(in: .newlines)))
        let json = try LanterneProcess.run(
            ["select", "propositions", input, "--parametres", parameters, "--format", "json"], in: folder)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as! [String: Any]
        #expect(decoded["passes"] as? Int == 2)
        let houses = decoded["internats"] as! [[String: Any]]
        #expect(houses[0]["positionAdmission"] as? Int == 11)
    }

    @Test("Bad input exits 2 with one line naming the file and the field; nothing is written")
    func badInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let xml = """
            <algoPropositionsEntree><groupesAffectations><id><C_GP_COD>1</C_GP_COD><G_TI_COD>1</G_TI_COD>\
            <G_TA_COD>1</G_TA_COD></id><nbPlacesVacantes>2</nbPlacesVacantes><rangLimite>0</rangLimite><voeux><id>\
            <G_CN_COD>5</G_CN_COD><G_TA_COD>1</G_TA_COD><I_RH_COD>false</I_RH_COD></id><ordreAppel>0</ordreAppel>\
            </voeux></groupesAffectations></algoPropositionsEntree>
            """
        try xml.write(to: folder.appendingPathComponent("e.xml"), atomically: true, encoding: .utf8)
        try "{\"nbJoursCampagne\": 1}".write(
            to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let rank = try LanterneProcess.run(
            ["select", "propositions", "e.xml", "--parametres", "p.json", "--out", "s.xml"], in: folder)
        #expect(rank.status == 2)
        #expect(rank.standardError == "e.xml: groupe 1/1/1, candidat 5 : « ordreAppel » doit être au moins 1\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.xml").path))
        try "{\"internats\": []}".write(to: folder.appendingPathComponent("q.json"), atomically: true, encoding: .utf8)
        let day = try LanterneProcess.run(["select", "propositions", "e.xml", "--parametres", "q.json"], in: folder)
        #expect(day.status == 2)
        #expect(day.standardError == "q.json: champ « nbJoursCampagne » manquant\n")
    }
}

@Suite("Selection outcomes audited")
struct SelectionOutcomesTests {
    @Test("--outcomes writes who is called with the rates and by ranking alone; the rates only promote their groups")
    func outcomes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "candidats", "--rows", "2000", "--seed", "1", "--out", "c.csv", "--schema-out", "s.json"],
            in: folder)
        let run = try LanterneProcess.run(
            [
                "select", "ordre-appel", "c.csv", "--scholarship-rate", "20", "--in-sector-rate", "30", "--outcomes",
                "appel.csv", "--places", "300",
            ], in: folder)
        #expect(run.status == 0)
        let lines = try String(contentsOf: folder.appendingPathComponent("appel.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let rows = lines.dropFirst()
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        #expect(rows.count == 2000)
        #expect(rows.filter { $0[column("appele")] == "1" }.count == 300)
        #expect(rows.filter { $0[column("appele_sans_taux")] == "1" }.count == 300)
        let promoted = rows.filter { $0[column("appele")] == "1" && $0[column("appele_sans_taux")] == "0" }
        let displaced = rows.filter { $0[column("appele")] == "0" && $0[column("appele_sans_taux")] == "1" }
        #expect(!promoted.isEmpty && promoted.count == displaced.count)
        // Only a scholarship holder or an in-sector candidate is called ahead of the ranking.
        #expect(promoted.allSatisfy { $0[column("boursier")] == "1" || $0[column("du_secteur")] == "1" })
        let audit = try LanterneProcess.run(
            [
                "audit", "appel.csv", "--label", "appele_sans_taux", "--prediction", "appele", "--protected",
                "boursier", "--min-group", "30", "--format", "json",
            ], in: folder)
        #expect(audit.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(audit.standardOutput.utf8)) as! [String: Any]
        let groups = json["groups"] as! [[String: Any]]
        let holders = groups.first { $0["group"] as? String == "1" }!
        let others = groups.first { $0["group"] as? String == "0" }!
        let promotedHolders = promoted.filter { $0[column("boursier")] == "1" }.count
        let holderCount = rows.filter { $0[column("boursier")] == "1" }.count
        let holdersOutside = rows.filter { $0[column("boursier")] == "1" && $0[column("appele_sans_taux")] == "0" }
        #expect(holders["count"] as? Int == holderCount)
        #expect(holders["fpr"] as? Double == Double(promotedHolders) / Double(holdersOutside.count))
        #expect(others["fpr"] as? Double == 0)
    }
}

@Suite("lanterne select campagne")
struct SelectCampaignTests {
    @Test("Candidate 155's days, as docs/selection.md quotes them; the daily summary adds up")
    func campaign() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "candidats", "--rows", "200", "--seed", "1", "--out", "candidats.csv", "--schema-out", "s.json"],
            in: folder)
        let base = [
            "select", "campagne", "candidats.csv", "--scholarship-rate", "20", "--in-sector-rate", "30", "--places",
            "40", "--days", "6", "--beds", "10", "--boarding-percent", "30",
        ]
        let story = try LanterneProcess.run(base + ["--id", "155"], in: folder)
        #expect(story.status == 0)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/selection.md"), encoding: .utf8)
        let quoted = story.standardOutput.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")
        #expect(page.contains(quoted))
        let summary = try LanterneProcess.run(base, in: folder)
        let lines = summary.standardOutput.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(
            lines[0]
                == "Jour 1 : 40 proposition(s), dernier rang appelé 45 ; 20 acceptée(s), 20 refusée(s), 11 désistement(s) ; 149 en attente."
        )
        let again = try LanterneProcess.run(base, in: folder)
        #expect(again.standardOutput == summary.standardOutput)
        // The outcomes: one row per candidate; the proposals and acceptances of the six days, for the audit.
        _ = try LanterneProcess.run(base + ["--outcomes", "campagne.csv"], in: folder)
        let rows = try String(contentsOf: folder.appendingPathComponent("campagne.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let proposed = rows.dropFirst().filter { $0[header.firstIndex(of: "propose")!] == "1" }
        let accepted = rows.dropFirst().filter { $0[header.firstIndex(of: "accepte")!] == "1" }
        #expect(rows.count == 201)
        // 40 + 20 + 10 + 4 + 3 + 1 proposals, 20 + 10 + 6 + 1 + 2 + 0 accepted.
        #expect(proposed.count == 78)
        #expect(accepted.count == 39)
        #expect(proposed.filter { $0[header.firstIndex(of: "jour_proposition")!] == "4" }.count == 4)
    }
}
