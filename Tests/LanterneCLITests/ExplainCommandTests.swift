import Foundation
import Testing

@Suite("lanterne explain --counterfactual")
struct ExplainCommandTests {
    static let immutable: Set<String> = [
        "age", "situation_familiale", "nb_enfants", "nb_parts", "departement", "region", "zone",
        "rectifications_passees",
    ]
    static let actionable = [
        "declaration_en_ligne", "declaration_tardive", "salaires", "pensions", "revenus_independants",
        "micro_entrepreneur", "revenus_fonciers", "revenus_capitaux", "frais_reels", "pension_alimentaire_versee",
        "credit_emploi_domicile", "credit_garde_enfants", "reduction_dons", "revenu_fiscal_reference", "impot_net",
        "variation_revenu", "comptes_etranger",
    ]

    static func trainedFolder() throws -> URL {
        let folder = try temporaryFolder()
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "1500", "--seed", "5", "--out", "f.csv", "--schema-out", "s.json"], in: folder
        )
        let trained = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "logistic", "--label", "irregularite_reelle", "--out",
                "m.json",
            ], in: folder)
        #expect(trained.status == 0)
        return folder
    }

    @Test("Every answer goes under the threshold, changes at most --max-changes features, never an immutable one")
    func answers() throws {
        let folder = try Self.trainedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try LanterneProcess.run(
            ["explain", "m.json", "f.csv", "--counterfactual", "--threshold", "0.05", "--max-changes", "2"], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        let rows = json["rows"] as! [[String: Any]]
        #expect(rows.count == 1500)
        var counts: [String: Int] = [:]
        for row in rows {
            let answer = row["counterfactual"] as! [String: Any]
            let status = answer["status"] as! String
            counts[status, default: 0] += 1
            #expect(answer["method"] as? String == "exact")
            let changes = answer["changes"] as! [[String: Any]]
            switch status {
            case "found":
                #expect((answer["score"] as! Double) < 0.05)
                #expect((1...2).contains(changes.count))
                for change in changes { #expect(!Self.immutable.contains(change["feature"] as! String)) }
                #expect((answer["sentence"] as! String).hasPrefix("Avec « "))
            case "not_needed":
                #expect((row["score"] as! Double) < 0.05)
                #expect(changes.isEmpty)
            default:
                #expect(status == "none")
                #expect(changes.isEmpty)
            }
        }
        #expect(counts["found", default: 0] > 0)
        #expect(counts["not_needed", default: 0] > 0)
    }

    @Test("With every changeable feature fixed, the answer says plainly that nothing can be proposed")
    func nothingActionable() throws {
        let folder = try Self.trainedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixed = Self.actionable.flatMap { ["--fixed", $0] }
        let outcome = try LanterneProcess.run(
            ["explain", "m.json", "f.csv", "--id", "3", "--counterfactual", "--threshold", "0.001", "--format", "text"]
                + fixed, in: folder)
        #expect(outcome.status == 0)
        #expect(
            outcome.standardOutput.hasSuffix(
                "  Aucune donnée utilisée ne peut être modifiée : aucun changement ne peut être proposé.\n"))
    }

    @Test("Bad options exit 2 with one line: no threshold, a threshold outside (0, 1), an unknown --fixed feature")
    func badOptions() throws {
        let folder = try Self.trainedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let noThreshold = try LanterneProcess.run(["explain", "m.json", "f.csv", "--counterfactual"], in: folder)
        #expect(noThreshold.status == 2)
        #expect(noThreshold.standardError.contains("--counterfactual demande --threshold (ex. 0.5)."))
        let outside = try LanterneProcess.run(
            ["explain", "m.json", "f.csv", "--counterfactual", "--threshold", "1.5"], in: folder)
        #expect(outside.status == 2)
        #expect(outside.standardError.contains("--threshold doit être strictement entre 0 et 1 (reçu 1.5)."))
        let unknown = try LanterneProcess.run(
            ["explain", "m.json", "f.csv", "--counterfactual", "--threshold", "0.5", "--fixed", "couleur"], in: folder)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.hasPrefix("--fixed : « couleur » n'est pas une variable du modèle (age, "))
        #expect(unknown.standardOutput.isEmpty)
    }

    @Test("--global: importance by decreasing mean |contribution|, curves as JSON, an HTML page with charts and tables")
    func global() throws {
        let folder = try Self.trainedFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try LanterneProcess.run(["explain", "m.json", "f.csv", "--global"], in: folder)
        #expect(outcome.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as! [String: Any]
        #expect(json["rows"] as? Int == 1500)
        let importance = (json["importance"] as! [[String: Any]]).map { $0["mean_abs"] as! Double }
        #expect(importance.count == 25)
        #expect(importance == importance.sorted(by: >))
        let curves = json["curves"] as! [[String: Any]]
        for curve in curves {
            let points = curve["points"] as! [[String: Any]]
            let counted = points.reduce(0) { $0 + ($1["count"] as! Int) }
            let missing = (curve["missing"] as? [String: Any])?["count"] as? Int ?? 0
            #expect(counted + missing == 1500, "\(curve["feature"]!)")
        }
        let situation = curves.first { $0["feature"] as? String == "situation_familiale" }!
        #expect(situation["kind"] as? String == "levels")
        #expect(((situation["points"] as! [[String: Any]]).first!["value"] as? String) != nil)

        let page = try LanterneProcess.run(
            ["explain", "m.json", "f.csv", "--global", "--sample", "500", "--format", "html", "--out", "g.html"],
            in: folder)
        #expect(page.status == 0)
        let html = try String(contentsOf: folder.appendingPathComponent("g.html"), encoding: .utf8)
        #expect(html.contains("<h1>Comment le modèle utilise les données</h1>"))
        #expect(html.contains("Ces graphiques résument 500 dossiers."))
        #expect(html.components(separatedBy: "<svg ").count == 27)
        #expect(html.components(separatedBy: "<caption>").count == 26)
        #expect(!html.contains("<script"))

        let perCase = try LanterneProcess.run(["explain", "m.json", "f.csv", "--format", "html"], in: folder)
        #expect(perCase.status == 2)
        #expect(perCase.standardError.contains("--format html demande --global."))
    }
}
