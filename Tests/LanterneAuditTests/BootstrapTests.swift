import LanterneAudit
import Testing

@Suite("Bootstrap intervals and threshold rules")
struct BootstrapTests {
    static let values: [String?] = (0..<400).map { $0 % 4 == 0 ? "b" : "a" }
    static let selected = (0..<400).map { $0 % 3 == 0 }
    static let positive = (0..<400).map { $0 % 5 < 2 }

    @Test("Intervals hold the estimate, are the same on one or two threads, and move with the seed")
    func intervals() {
        let audit = GroupAudit(
            attribute: "g", values: Self.values, selected: Self.selected, positive: Self.positive)
        let one = BootstrapIntervals(
            audit: audit, values: Self.values, selected: Self.selected, positive: Self.positive, replicates: 500,
            seed: 7, threads: 1)
        let two = BootstrapIntervals(
            audit: audit, values: Self.values, selected: Self.selected, positive: Self.positive, replicates: 500,
            seed: 7, threads: 2)
        #expect(one.rates == two.rates)
        #expect(one.ratios == two.ratios)
        for group in audit.groups {
            for (rate, value) in group.counts.rates {
                guard let value, let interval = one.rates[group.value]?[rate] else { continue }
                #expect(interval.lower <= value && value <= interval.upper, "\(group.value) \(rate)")
            }
        }
        // The reference group's ratio to itself is exactly 1 in every replicate.
        #expect(one.ratios["a"]?["selection_rate"] == BootstrapIntervals.Interval(lower: 1, upper: 1))
        let other = BootstrapIntervals(
            audit: audit, values: Self.values, selected: Self.selected, positive: Self.positive, replicates: 500,
            seed: 8, threads: 2)
        #expect(other.rates != one.rates)
    }

    @Test("A group whose cases are all alike has an interval of zero width")
    func degenerate() {
        let values: [String?] = Array(repeating: "a", count: 50)
        let selected = Array(repeating: true, count: 50)
        let positive = Array(repeating: false, count: 50)
        let audit = GroupAudit(attribute: "g", values: values, selected: selected, positive: positive)
        let intervals = BootstrapIntervals(
            audit: audit, values: values, selected: selected, positive: positive, replicates: 100, seed: 1)
        #expect(intervals.rates["a"]?["selection_rate"] == BootstrapIntervals.Interval(lower: 1, upper: 1))
        #expect(intervals.rates["a"]?["fpr"] == BootstrapIntervals.Interval(lower: 1, upper: 1))
        #expect(intervals.rates["a"]?["tpr"] == nil)
    }

    @Test("Thresholds the way controls work: a score, a capacity of K cases, a share of P %")
    func rules() {
        let scores = [0.9, 0.1, 0.5, 0.5, 0.7]
        #expect(ThresholdRule.selected(scores: scores, rule: .threshold(0.5)) == [true, false, true, true, true])
        #expect(ThresholdRule.selected(scores: scores, rule: .topK(3)) == [true, false, true, false, true])
        // 30 % of 5 is 1.5: two cases.
        #expect(ThresholdRule.selected(scores: scores, rule: .topPercent(30)) == [true, false, false, false, true])
        #expect(ThresholdRule.selected(scores: scores, rule: .topK(0)) == [false, false, false, false, false])
    }
}
