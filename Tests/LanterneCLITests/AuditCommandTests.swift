import Foundation
import Testing

@Suite("lanterne audit")
struct AuditCommandTests {
    static let csv = """
        id,groupe,decision,issue
        1,a,1,1
        2,a,1,0
        3,a,0,0
        4,a,0,1
        5,b,1,1
        6,b,0,0
        7,b,0,0
        8,c,1,1
        """

    @Test("Rates by group, ratios to the majority, a small group suppressed, the four-fifths rule")
    func groups() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(
            [
                "audit", "d.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision",
                "--min-group", "2", "--format", "json",
            ], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        #expect(json["rows"] as? Int == 8)
        let groups = json["groups"] as! [[String: Any]]
        #expect(groups.map { $0["group"] as! String } == ["a", "b", "c"])
        // a: selected 2 of 4 (0.5); b: 1 of 3; c (1 case) is suppressed.
        #expect(groups[0]["selection_rate"] as? Double == 0.5)
        #expect(abs((groups[1]["selection_rate"] as! Double) - 1.0 / 3) < 1e-15)
        let ratio = (groups[1]["ratio"] as! [String: Any])["selection_rate"] as! Double
        #expect(abs(ratio - 2.0 / 3) < 1e-15)
        #expect(groups[2]["suppressed"] as? Bool == true)
        #expect(groups[2]["selection_rate"] == nil)
        let rule = (json["four_fifths"] as! [[String: Any]])[0]
        #expect(rule["passed"] as? Bool == false)
    }

    @Test("A missing column and a malformed condition exit 2 with one line")
    func badInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let missing = try LanterneProcess.run(
            ["audit", "d.csv", "--label", "issue", "--protected", "race", "--prediction", "decision"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardError == "d.csv : colonne(s) absente(s) : race\n")
        let condition = try LanterneProcess.run(
            ["audit", "d.csv", "--label", "issue", "--protected", "groupe", "--positive", "decision"], in: folder)
        #expect(condition.status == 2)
        #expect(condition.standardError == "--positive : « decision » : il faut 'COLONNE OP VALEUR'\n")
    }

    @Test("A score and a capacity: the two best scores are selected; bootstrap intervals come with a seed")
    func scoreAndCapacity() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "groupe,score,issue\na,0.9,1\na,0.2,0\na,0.8,1\nb,0.1,0\nb,0.3,1\nb,0.7,0\n"
        try csv.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let arguments = [
            "audit", "s.csv", "--label", "issue", "--protected", "groupe", "--score", "score", "--top-k", "2",
            "--min-group", "1", "--bootstrap", "200", "--seed", "3", "--format", "json",
        ]
        let outcome = try LanterneProcess.run(arguments, in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let groups = json["groups"] as! [[String: Any]]
        // The two best scores (0.9, 0.8) are both in group a.
        #expect(groups.first { $0["group"] as? String == "a" }?["selection_rate"] as? Double == 2.0 / 3)
        #expect(groups.first { $0["group"] as? String == "b" }?["selection_rate"] as? Double == 0)
        #expect((groups[0]["ci"] as? [String: Any])?["selection_rate"] != nil)
        #expect(groups[0]["unreliable"] as? Bool == true)
        let again = try LanterneProcess.run(arguments, in: folder)
        #expect(again.standardOutput == outcome.standardOutput)
        let both = try LanterneProcess.run(
            ["audit", "s.csv", "--label", "issue", "--protected", "groupe", "--score", "score"], in: folder)
        #expect(both.status == 2)
        #expect(
            both.standardError.contains(
                "--score et --model demandent une seule règle : --threshold, --top-k ou --top-percent."))
    }

    @Test("A failed gate exits 1 and says which; passing gates exit 0")
    func gates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try "{\"gates\": [{\"metric\": \"ratio.selection_rate\", \"min\": 0.8}]}".write(
            to: folder.appendingPathComponent("strict.json"), atomically: true, encoding: .utf8)
        try "{\"gates\": [{\"metric\": \"ratio.selection_rate\", \"min\": 0.5}]}".write(
            to: folder.appendingPathComponent("loose.json"), atomically: true, encoding: .utf8)
        let base = [
            "audit", "d.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision", "--min-group",
            "1", "--format", "json",
        ]
        let strict = try LanterneProcess.run(base + ["--policy", "strict.json"], in: folder)
        #expect(strict.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(strict.standardOutput.utf8)) as! [String: Any]
        let gate = (json["gates"] as! [[String: Any]])[0]
        #expect(gate["passed"] as? Bool == false)
        // b is selected 1 time in 3 against 2 in 4 for a: 2/3.
        #expect(abs((gate["value"] as! Double) - 2.0 / 3) < 1e-15)
        let loose = try LanterneProcess.run(base + ["--policy", "loose.json"], in: folder)
        #expect(loose.status == 0)
    }

    @Test("Outcomes known only where someone checked: a warning, and the random draw measured apart")
    func labelBias() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = """
            groupe,controle,tirage,redressement
            a,1,0,1
            a,1,1,0
            a,0,0,
            b,1,1,1
            b,1,0,1
            b,0,0,
            """
        try csv.write(to: folder.appendingPathComponent("f.csv"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(
            [
                "audit", "f.csv", "--label", "redressement", "--protected", "groupe", "--prediction", "controle",
                "--random-draw", "tirage", "--min-group", "1", "--format", "json",
            ], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        #expect(json["rows"] as? Int == 4)
        #expect(json["unlabelled"] as? Int == 2)
        #expect(
            (json["warnings"] as! [String]).first
                == "L'issue « redressement » n'est connue que pour 4 des 6 dossiers : ceux qu'on a choisi de contrôler. "
                + "Les taux de base reflètent ces choix passés.")
        let draw = json["random_draw"] as! [String: Any]
        #expect(draw["rows"] as? Int == 2)
        let groups = draw["groups"] as! [[String: Any]]
        #expect(groups.map { $0["base_rate"] as? Double } == [0, 1])
    }

    @Test("--markdown writes the findings, a table per attribute with suppressed groups said plainly, and the gates")
    func markdown() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try "{\"gates\": [{\"metric\": \"ratio.selection_rate\", \"min\": 0.8}]}".write(
            to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(
            [
                "audit", "d.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision",
                "--min-group", "3", "--policy", "p.json", "--markdown", "r.md", "--json", "r.json",
            ], in: folder)
        #expect(outcome.status == 1)
        let report = try String(contentsOf: folder.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(report.hasPrefix("# Audit d'équité : d.csv\n\n8 dossiers audités.\n"))
        #expect(
            report.contains(
                "- Le groupe « b » (groupe) est sélectionné 1,5 fois moins souvent que le groupe « a », un chiffre peu "
                    + "fiable (moins de 30 cas)."))
        #expect(report.contains("| a (peu fiable) | 4 | 50\u{00A0}% | 50\u{00A0}% | 50\u{00A0}% | 1 |"))
        #expect(report.contains("| c | moins de 3 : non publié | | | | |"))
        #expect(report.contains("Règle des quatre cinquièmes : **non respectée**."))
        #expect(report.contains("- ratio.selection_rate : 0,67 (≥ 0,8) — **échouée**"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.json").path))
        let page = try LanterneProcess.run(
            [
                "audit", "d.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision",
                "--min-group", "3", "--report", "r.html",
            ], in: folder)
        #expect(page.status == 0)
        let html = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        #expect(html.contains("<caption>Mesures par groupe de « groupe »</caption>"))
        #expect(html.contains("<th scope=\"row\">c</th><td colspan=\"7\">moins de 3 dossiers : non publié</td>"))
        // Selection, false positive and false negative rates: three bar charts, no score charts without a score.
        #expect(html.components(separatedBy: "<svg ").count == 4)
        #expect(!html.contains("calibration-0"))
        #expect(html.contains("role=\"img\" aria-labelledby=\"selection-0-title selection-0-desc\""))
    }

    @Test("Bad input: a label that is not binary, a single group, missing protected values as their own group")
    func badGroups() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "groupe,decision,issue\na,1,1\nb,0,2\n".write(
            to: folder.appendingPathComponent("l.csv"), atomically: true, encoding: .utf8)
        let label = try LanterneProcess.run(
            ["audit", "l.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision"], in: folder)
        #expect(label.status == 2)
        #expect(label.standardError == "l.csv : la cible « issue » doit valoir 0/1 ou oui/non ; trouvé : 2\n")
        try "groupe,decision,issue\na,1,1\na,0,0\n".write(
            to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let single = try LanterneProcess.run(
            ["audit", "s.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision"], in: folder)
        #expect(single.status == 2)
        #expect(single.standardError == "s.csv : « groupe » n'a qu'un seul groupe (« a ») : rien à comparer\n")
        try "groupe,decision,issue\na,1,1\n,0,0\nb,1,0\n".write(
            to: folder.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        let missing = try LanterneProcess.run(
            [
                "audit", "m.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision",
                "--min-group", "1", "--format", "json",
            ], in: folder)
        #expect(missing.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(missing.standardOutput.utf8)) as! [String: Any]
        let names = (json["groups"] as! [[String: Any]]).map { $0["group"] as! String }
        #expect(names.sorted() == ["a", "b", "inconnu"])
        // Group b has no positive outcome: its TPR is null (shown as « — » in reports), never NaN.
        let b = (json["groups"] as! [[String: Any]]).first { $0["group"] as? String == "b" }!
        #expect(b["tpr"] is NSNull)
    }

    /// The bias `synth foyers` plants, as docs/synthetic-populations.md measures it (seed 2024, 200,000 households):
    /// single parents controlled 7.06 % against 3.71 % (ratio 1.90), truly irregular 5.24 % against 4.91 %.
    @Test("The synthetic households' planted bias is found: controlled 1.90 times as often, truly irregular alike")
    func plantedBias() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "200000", "--seed", "2024", "--out", "f.csv", "--schema-out", "s.json"],
            in: folder)
        let outcome = try LanterneProcess.run(
            [
                "audit", "f.csv", "--label", "irregularite_reelle", "--protected", "parent_isole", "--prediction",
                "controle_passe", "--random-draw", "tirage_aleatoire", "--format", "json",
            ], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let groups = json["groups"] as! [[String: Any]]
        let single = groups.first { $0["group"] as? String == "1" }!
        let others = groups.first { $0["group"] as? String == "0" }!
        func rounded(_ value: Any?, _ digits: Double) -> Double { ((value as! Double) * digits).rounded() / digits }
        #expect(rounded(single["selection_rate"], 10_000) == 0.0706)
        #expect(rounded(others["selection_rate"], 10_000) == 0.0371)
        #expect(rounded((single["ratio"] as! [String: Any])["selection_rate"], 100) == 1.90)
        #expect(rounded(single["base_rate"], 10_000) == 0.0524)
        #expect(rounded(others["base_rate"], 10_000) == 0.0491)
        // The random draw (1 %) is a sample without selection: single parents make the same share of it as of all
        // households (6.2 %), not the 11 % of the targeted controls.
        let draw = (json["random_draw"] as! [String: Any])["groups"] as! [[String: Any]]
        let drawnSingle = Double(draw.first { $0["group"] as? String == "1" }!["count"] as! Int)
        let drawnAll = Double(draw.reduce(0) { $0 + ($1["count"] as? Int ?? 0) })
        #expect(abs(drawnSingle / drawnAll - 0.062) < 0.012)
    }

    @Test("--reference best compares with the group selected most often; a strong proxy is named in a sentence")
    func bestReferenceAndProxySentence() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "groupe,x,decision,issue\na,1,1,1\na,2,0,0\na,3,0,1\na,4,0,0\nb,8,1,1\nb,9,1,0\n"
        try csv.write(to: folder.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(
            [
                "audit", "b.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision",
                "--min-group", "1", "--reference", "best", "--proxies", "x", "--format", "json",
            ], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let groups = json["groups"] as! [[String: Any]]
        // b is selected 2 times in 2, a 1 time in 4: against b, a's ratio is 0.25.
        let a = groups.first { $0["group"] as? String == "a" }!
        #expect((a["ratio"] as! [String: Any])["selection_rate"] as? Double == 0.25)
        let sentences = json["sentences"] as! [String]
        #expect(
            sentences.contains(
                "La variable « x » indique « groupe » avec une AUC de 1 : un modèle qui s'en sert peut reproduire les "
                    + "écarts liés à « groupe » sans l'utiliser."))
    }

    @Test(
        "--model scores in process exactly as `lanterne score` does; the report draws calibration, distribution, sweep")
    func modelAudit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "6000", "--seed", "5", "--out", "f.csv", "--schema-out", "s.json"],
            in: folder)
        let trained = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "logistic", "--label", "redressement", "--out",
                "m.json",
            ], in: folder)
        #expect(trained.status == 0)
        let common = [
            "--label", "irregularite_reelle", "--protected", "parent_isole,qpv", "--top-percent", "10", "--sweep",
            "--min-group", "30", "--format", "json",
        ]
        let direct = try LanterneProcess.run(
            ["audit", "f.csv", "--model", "m.json", "--report", "r.html"] + common, in: folder)
        #expect(direct.status == 0)
        // The same audit from the scores `lanterne score` writes, pasted beside the households.
        _ = try LanterneProcess.run(["score", "m.json", "f.csv", "--out", "scores.csv"], in: folder)
        let households = try String(contentsOf: folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n")
        let scores = try String(contentsOf: folder.appendingPathComponent("scores.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(households.count == scores.count)
        let joined = zip(households, scores).map { house, score in
            house + "," + score.split(separator: ",")[1]
        }.joined(separator: "\n")
        try joined.write(to: folder.appendingPathComponent("j.csv"), atomically: true, encoding: .utf8)
        // The same schema as the model's, whose words name the groups in the findings.
        let fromFile = try LanterneProcess.run(
            ["audit", "j.csv", "--score", "score", "--schema", "s.json"] + common, in: folder)
        #expect(fromFile.status == 0)
        #expect(fromFile.standardOutput == direct.standardOutput)
        let json = try JSONSerialization.jsonObject(with: Data(direct.standardOutput.utf8)) as! [String: Any]
        let groups = json["groups"] as! [[String: Any]]
        #expect(groups.allSatisfy { ($0["calibration"] as? [Any])?.isEmpty == false && $0["auc"] != nil })
        // 10 % of 6,000 households are selected.
        let selected = groups.filter { $0["attribute"] as? String == "qpv" }.reduce(0.0) {
            $0 + ($1["selection_rate"] as! Double) * Double($1["count"] as! Int)
        }
        #expect(abs(selected - 600) < 1e-9)
        let html = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        for chart in ["calibration-0", "distribution-0", "sweep-0", "calibration-1", "sweep-1"] {
            #expect(html.contains("aria-labelledby=\"\(chart)-title \(chart)-desc\""))
        }
        #expect(html.contains("<caption>Taux de sélection selon la capacité</caption>"))
        #expect(html.contains("<tr><th scope=\"row\">100\u{00A0}%</th><td class=\"n\">100\u{00A0}%</td>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
    }

    @Test(
        "A model trained on past adjustments, blanks read as none, selects single parents 1.59 times as often though their true irregularity is alike"
    )
    func modelLearnsPlantedBias() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "100000", "--seed", "2024", "--out", "f.csv", "--schema-out", "s.json"],
            in: folder)
        // Households never controlled have no `redressement`: read as 0, as docs/synthetic-populations.md warns.
        let lines = try String(contentsOf: folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let column = lines[0].split(separator: ",").firstIndex(of: "redressement")!
        let zeroed = lines.enumerated().map { index, line -> String in
            guard index > 0, !line.isEmpty else { return String(line) }
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[column].isEmpty { fields[column] = "0" }
            return fields.joined(separator: ",")
        }.joined(separator: "\n")
        try zeroed.write(to: folder.appendingPathComponent("z.csv"), atomically: true, encoding: .utf8)
        let trained = try LanterneProcess.run(
            [
                "train", "z.csv", "--schema", "s.json", "--kind", "logistic", "--label", "redressement", "--out",
                "m.json",
            ],
            in: folder)
        #expect(trained.status == 0)
        let outcome = try LanterneProcess.run(
            [
                "audit", "z.csv", "--model", "m.json", "--top-percent", "4", "--label", "irregularite_reelle",
                "--protected", "parent_isole", "--random-draw", "tirage_aleatoire", "--format", "json",
            ], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let single = (json["groups"] as! [[String: Any]]).first { $0["group"] as? String == "1" }!
        let ratio = single["ratio"] as! [String: Any]
        func rounded(_ value: Any?) -> Double { ((value as! Double) * 100).rounded() / 100 }
        // Selected 1.59 times as often, wrongly selected 1.60 times as often, truly irregular 1.04 times as often.
        #expect(rounded(ratio["selection_rate"]) == 1.59)
        #expect(rounded(ratio["fpr"]) == 1.60)
        #expect(rounded(ratio["base_rate"]) == 1.04)
    }

    @Test("A group without positive outcomes shows « — » with the reason, in Markdown and HTML, and null in JSON")
    func undefinedRates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "g,d,y\na,1,1\na,0,0\nb,1,0\nb,0,0\n".write(
            to: folder.appendingPathComponent("q.csv"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(
            [
                "audit", "q.csv", "--label", "y", "--protected", "g", "--prediction", "d", "--min-group", "1",
                "--markdown", "q.md", "--report", "q.html", "--format", "json",
            ], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let b = (json["groups"] as! [[String: Any]]).first { $0["group"] as? String == "b" }!
        #expect(b["fnr"] is NSNull && b["tpr"] is NSNull)
        let note =
            "« — » : le groupe « b » n'a aucune issue positive observée ; ses taux de vrais positifs et de faux "
            + "négatifs n'ont pas de sens."
        let markdown = try String(contentsOf: folder.appendingPathComponent("q.md"), encoding: .utf8)
        #expect(markdown.contains("| b (peu fiable) | 2 | 50\u{00A0}% | 50\u{00A0}% | — | 1 |"))
        #expect(markdown.contains(note))
        let html = try String(contentsOf: folder.appendingPathComponent("q.html"), encoding: .utf8)
        #expect(html.contains("aucune issue positive observée ; ses taux de vrais positifs et de faux négatifs"))
    }
}
