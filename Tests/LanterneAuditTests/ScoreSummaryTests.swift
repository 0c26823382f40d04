import LanterneAudit
import Testing

@Suite("Scores by group and the capacity sweep")
struct ScoreSummaryTests {
    @Test("Each group's mean score and AUC (ties counted half), unfolded")
    func byGroup() {
        let values: [String?] = ["a", "a", "a", "a", "a", "b", "b", nil]
        let scores = [3.0, 5, 1, 3, 4, 0.2, 0.8, 9]
        let positive = [true, true, false, false, false, false, true, true]
        let summary = ScoreSummary.byGroup(values: values, scores: scores, positive: positive)
        #expect(summary["a"]?.mean == 3.2)
        #expect(summary["a"]?.auc == 0.75)
        #expect(summary["b"]?.auc == 1)
        #expect(summary.count == 2)
        // A score that ranks positives last has an AUC of 0, not folded to 1.
        #expect(ProxyStrength.auc([1, 2], [true, false]) == 0)
    }

    @Test("The sweep selects more as the capacity grows, everyone at 100 %")
    func sweep() {
        let values: [String?] = (0..<20).map { $0 < 10 ? "a" : "b" }
        let scores = (0..<20).map { Double($0) }
        let positive = (0..<20).map { $0 % 2 == 0 }
        let steps = ScoreSummary.sweep(
            values: values, scores: scores, positive: positive, percents: [10, 50, 100], minimumGroup: 1)
        #expect(steps.map(\.percent) == [10, 50, 100])
        // The two best scores (19, 18) are in b; at 50 % all of b; at 100 % everyone.
        #expect(steps[0].groups.map { $0.counts.selectionRate! } == [0, 0.2])
        #expect(steps[1].groups.map { $0.counts.selectionRate! } == [0, 1])
        #expect(steps[2].groups.map { $0.counts.selectionRate! } == [1, 1])
    }
}

@Suite("Calibration by group")
struct CalibrationTests {
    @Test("Bins of equal size over all cases; each group's mean score against its observed rate in each bin")
    func bins() {
        let values: [String?] = ["a", "b", "a", "b"]
        let scores = [0.1, 0.2, 0.8, 0.9]
        let positive = [false, false, true, false]
        let table = ScoreSummary.calibration(values: values, scores: scores, positive: positive, bins: 2)
        #expect(
            table["a"]
                == [
                    .init(low: 0.1, high: 0.2, count: 1, meanScore: 0.1, observedRate: 0),
                    .init(low: 0.8, high: 0.9, count: 1, meanScore: 0.8, observedRate: 1),
                ])
        #expect(table["b"]?.map(\.observedRate) == [0, 0])
    }
}
