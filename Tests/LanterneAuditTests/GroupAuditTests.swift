import Foundation
import LanterneAudit
import LanterneData
import Testing

/// The shared real cases folder, found by walking up from this file to the package, then to its parent.
func auditRealCases() -> URL? {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    let folder = url.deletingLastPathComponent().appendingPathComponent("shared/realcases")
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
}

/// Whether the real cases are here: the tests that read them are skipped, and reported as skipped, without.
let auditRealCasesPresent = auditRealCases() != nil
/// Why those tests are skipped when the real cases are absent.
let auditRealCasesAbsent: Comment = "../shared/realcases is absent: COMPAS is not checked"

@Suite("Group metrics")
struct GroupAuditTests {
    @Test("Hand-computed: two groups, rates, ratio and difference against the majority, four-fifths rule")
    func handComputed() {
        // Group a (6 cases): selected 4 (3 positive), not selected 2 (1 positive). Group b (4): selected 1 (0
        // positive), not selected 3 (2 positive).
        let values: [String?] = ["a", "a", "a", "a", "a", "a", "b", "b", "b", "b", nil]
        let selected = [true, true, true, true, false, false, true, false, false, false, true]
        let positive = [true, true, true, false, true, false, false, true, true, false, true]
        let audit = GroupAudit(attribute: "g", values: values, selected: selected, positive: positive, minimumGroup: 1)
        #expect(audit.reference == "a")
        let a = audit.groups[0]
        let b = audit.groups[1]
        #expect(a.counts == ConfusionCounts(truePositives: 3, falsePositives: 1, trueNegatives: 1, falseNegatives: 1))
        #expect(a.counts.selectionRate == 4.0 / 6)
        #expect(a.counts.falsePositiveRate == 0.5)
        #expect(b.counts.truePositiveRate == 0)
        #expect(b.counts.falseNegativeRate == 1)
        #expect(audit.ratio(b, "selection_rate") == (1.0 / 4) / (4.0 / 6))
        #expect(audit.difference(b, "fpr") == 0.5 - 0.5)
        #expect(!audit.passesFourFifths)
    }

    @Test("Groups under the minimum are suppressed and give no ratio")
    func suppression() {
        let audit = GroupAudit(
            attribute: "g", values: ["a", "a", "a", "b"], selected: [true, false, true, true],
            positive: [true, false, false, true], minimumGroup: 2)
        #expect(audit.groups.map(\.suppressed) == [false, true])
        #expect(audit.ratio(audit.groups[1], "selection_rate") == nil)
    }

    @Test(
        "ProPublica's COMPAS audit: the 6,172-row filter, and false positive and negative rates by race",
        .enabled(if: auditRealCasesPresent, auditRealCasesAbsent))
    func compas() throws {
        let folder = try #require(auditRealCases())
        let table = try CSVReader(path: folder.appendingPathComponent("compas/compas-scores-two-years.csv").path)
            .readTable()
        func cell(_ name: String, _ row: Int) -> String? {
            let column = table.column(named: name)!
            return column.isMissing(row) ? nil : column.formatted(row)
        }
        // The filter of ProPublica's regression sample.
        let filters = [
            "days_b_screening_arrest <= 30", "days_b_screening_arrest >= -30", "is_recid != -1",
            "c_charge_degree != O", "score_text != N/A",
        ].map { RowCondition.parse($0)! }
        let kept = (0..<table.rowCount).filter { row in filters.allSatisfy { $0.holds(cell($0.column, row)) } }
        #expect(kept.count == 6172)
        // On the filtered sample, every race's counts and its selection rate, FPR, FNR and PPV, as counted once with
        // Python's csv module (TP, FP, TN, FN).
        let filteredAudit = GroupAudit(
            attribute: "race", values: kept.map { cell("race", $0) },
            selected: kept.map { RowCondition.parse("score_text != Low")!.holds(cell("score_text", $0)) },
            positive: kept.map { cell("two_year_recid", $0) == "1" }, minimumGroup: 1)
        let counted: [(String, Int, Int, Int, Int, Double, Double, Double, Double)] = [
            (
                "African-American", 1188, 641, 873, 473, 0.5760629921259842, 0.4233817701453104, 0.2847682119205298,
                0.6495352651722253
            ),
            ("Asian", 5, 2, 21, 3, 0.22580645161290322, 0.08695652173913043, 0.375, 0.7142857142857143),
            (
                "Caucasian", 414, 282, 999, 408, 0.3309557774607703, 0.22014051522248243, 0.49635036496350365,
                0.5948275862068966
            ),
            ("Hispanic", 79, 62, 258, 110, 0.2770137524557957, 0.19375, 0.582010582010582, 0.5602836879432624),
            ("Native American", 5, 3, 3, 0, 0.7272727272727273, 0.5, 0.0, 0.625),
            ("Other", 42, 28, 191, 82, 0.20408163265306123, 0.1278538812785388, 0.6612903225806451, 0.6),
        ]
        #expect(filteredAudit.groups.count == counted.count)
        for (race, tp, fp, tn, fn, selection, fpr, fnr, ppv) in counted {
            let line = try #require(filteredAudit.groups.first { $0.value == race })
            #expect(
                line.counts
                    == ConfusionCounts(truePositives: tp, falsePositives: fp, trueNegatives: tn, falseNegatives: fn))
            #expect(abs(line.counts.selectionRate! - selection) < 1e-15, "\(race)")
            #expect(abs(line.counts.falsePositiveRate! - fpr) < 1e-15, "\(race)")
            #expect(abs(line.counts.falseNegativeRate! - fnr) < 1e-15, "\(race)")
            #expect(abs(line.counts.positivePredictiveValue! - ppv) < 1e-15, "\(race)")
        }
        // The contingency tables ProPublica published ("How We Analyzed the COMPAS Recidivism Algorithm", 2016) use
        // every defendant of the file, "high risk" meaning a score text other than Low.
        let highRisk = RowCondition.parse("score_text != Low")!
        let rows = Array(0..<table.rowCount)
        let audit = GroupAudit(
            attribute: "race", values: rows.map { cell("race", $0) },
            selected: rows.map { highRisk.holds(cell("score_text", $0)) },
            positive: rows.map { cell("two_year_recid", $0) == "1" })
        let black = try #require(audit.groups.first { $0.value == "African-American" })
        let white = try #require(audit.groups.first { $0.value == "Caucasian" })
        #expect(
            black.counts
                == ConfusionCounts(truePositives: 1369, falsePositives: 805, trueNegatives: 990, falseNegatives: 532))
        #expect(
            white.counts
                == ConfusionCounts(truePositives: 505, falsePositives: 349, trueNegatives: 1139, falseNegatives: 461))
        // 44.85 % and 23.45 % false positives, 27.99 % and 47.72 % false negatives.
        #expect(abs(black.counts.falsePositiveRate! - 0.4485) < 5e-5)
        #expect(abs(white.counts.falsePositiveRate! - 0.2345) < 5e-5)
        #expect(abs(black.counts.falseNegativeRate! - 0.2799) < 5e-5)
        #expect(abs(white.counts.falseNegativeRate! - 0.4772) < 5e-5)
        #expect(audit.reference == "African-American")
        #expect(abs(audit.ratio(white, "fpr")! - 0.23454301075268819 / 0.44846796657381616) < 1e-12)
    }

    @Test("Conditions: numbers compare as numbers, text as text, quotes are removed, a missing cell fails but for !=")
    func conditions() {
        #expect(RowCondition.parse("age >= 25") == RowCondition(column: "age", operation: .greaterOrEqual, value: "25"))
        #expect(RowCondition.parse("age >= 25")!.holds("100"))
        #expect(!RowCondition.parse("age >= 25")!.holds("9"))
        #expect(RowCondition.parse("score_text != 'N/A'")!.value == "N/A")
        #expect(RowCondition.parse("race == Caucasian")!.holds("Caucasian"))
        #expect(RowCondition.parse("x != 1")!.holds(nil))
        #expect(!RowCondition.parse("x == 1")!.holds(nil))
        #expect(RowCondition.parse("no operator") == nil)
    }
}
