import Foundation
import Testing

/// `lanterne audit`'s standard output: text for people by default, the JSON document with `--format json`.
@Suite("lanterne audit: text and JSON on standard output")
struct AuditTextTests {
    /// A no-break space, as French numbers and percentages are written.
    static let nbsp = "\u{00A0}"

    @Test("Without --format, the findings, the groups' table with aligned columns and the gates, in French")
    func frenchText() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AuditCommandTests.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try #"{"gates": [{"name": "quatre cinquièmes", "metric": "ratio.selection_rate", "min": 0.8, "max": 1.25}]}"#
            .write(to: folder.appendingPathComponent("p.json"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(
            [
                "audit", "d.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision",
                "--min-group", "2", "--policy", "p.json",
            ], in: folder)
        // a: 4 cases, 2 selected (50 %), 2 with the outcome (50 %); of its 2 negatives 1 is selected (50 %), of its 2
        // positives 1 is left (50 %), 1 of its 2 selected is positive (50 %). b: 3 cases, 1 selected (33,3 %), who
        // is its one positive: no false positive, no false negative, precision 100 %; 1/3 against 1/2 is 0,67.
        // c has 1 case, under --min-group 2. The gate's minimum fails (0,67 < 0,8): exit 1.
        #expect(outcome.status == 1)
        let pct = Self.nbsp + "%"
        let expected = [
            "Audit d'équité : d.csv",
            "8 dossiers audités.",
            "",
            "Constats :",
            "- Le groupe « b » (groupe) est sélectionné 1,5 fois moins souvent que le groupe « a », un chiffre peu "
                + "fiable (moins de 30 cas).",
            "",
            "Par « groupe » (groupe de référence : « a ») :",
            "groupe          dossiers  sélection  taux de base  faux positifs  faux négatifs  précision  "
                + "rapport de sélection",
            "a (peu fiable)         4       50\(pct)          50\(pct)           50\(pct)           50\(pct)       "
                + "50\(pct)                     1",
            "b (peu fiable)         3     33,3\(pct)        33,3\(pct)            0\(pct)            0\(pct)      "
                + "100\(pct)                  0,67",
            "c               moins de 2 dossiers : non publié",
            "Règle des quatre cinquièmes : non respectée.",
            "",
            "Portes :",
            "- quatre cinquièmes : plus petite valeur 0,67 (minimum 0,8) — échouée",
            "- quatre cinquièmes : plus grande valeur 0,67 (maximum 1,25) — franchie",
        ]
        #expect(outcome.standardOutput == expected.joined(separator: "\n") + "\n")
    }

    @Test("--lang en with a score: the mean score and AUC columns, and why a rate is « — »")
    func englishTextWithScore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "groupe,score,issue\na,0.9,1\na,0.2,0\na,0.8,1\nb,0.1,0\nb,0.3,1\nb,0.7,0\n"
        try csv.write(to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(
            [
                "audit", "s.csv", "--label", "issue", "--protected", "groupe", "--score", "score", "--top-k", "2",
                "--min-group", "1", "--lang", "en",
            ], in: folder)
        #expect(outcome.status == 0)
        // The two best scores (0.9, 0.8) are a's two positives: a 2 of 3 selected, b none. Mean scores 1.9/3 and
        // 1.1/3; a's positives outrank its negative (AUC 1), b's positive 0.3 sits between 0.1 and 0.7 (AUC 0.5). No
        // sentence: b's selection ratio is 0 and a has no false positive to compare with.
        #expect(
            outcome.standardOutput == """
                Fairness audit: s.csv
                6 cases audited.

                By “groupe” (reference group: “a”):
                group           cases  selection  base rate  false positives  false negatives  precision  \
                selection ratio  mean score  AUC
                a (unreliable)      3      66.7%      66.7%               0%               0%       100%  \
                              1       63.3%    1
                b (unreliable)      3         0%      33.3%               0%             100%          —  \
                              0       36.7%  0.5
                “—”: no case of the group “b” is selected; its precision is undefined.
                Four-fifths rule: not met.

                """)
    }

    @Test("--format json prints the very bytes --json FILE writes; --json FILE alone leaves standard output empty")
    func jsonFormat() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AuditCommandTests.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let arguments = [
            "audit", "d.csv", "--label", "issue", "--protected", "groupe", "--prediction", "decision", "--min-group",
            "2", "--bootstrap", "50", "--seed", "4",
        ]
        let printed = try LanterneProcess.run(arguments + ["--format", "json"], in: folder)
        let written = try LanterneProcess.run(arguments + ["--json", "a.json"], in: folder)
        #expect(printed.status == 0 && written.status == 0)
        let file = try String(contentsOf: folder.appendingPathComponent("a.json"), encoding: .utf8)
        #expect(printed.standardOutput == file)
        #expect(file.hasPrefix(#"{"rows":8,"min_group":2,"groups":[{"attribute":"groupe","group":"a","#))
        #expect(written.standardOutput.isEmpty)
        // Both: the file, and the chosen format on standard output.
        let both = try LanterneProcess.run(arguments + ["--json", "b.json", "--format", "text"], in: folder)
        #expect(both.standardOutput.hasPrefix("Audit d'équité : d.csv\n8 dossiers audités.\n"))
        #expect(try String(contentsOf: folder.appendingPathComponent("b.json"), encoding: .utf8) == file)
        let unknown = try LanterneProcess.run(arguments + ["--format", "xml"], in: folder)
        #expect(unknown.status == 2)
    }
}
