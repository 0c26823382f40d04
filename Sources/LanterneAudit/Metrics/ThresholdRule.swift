/// How a score becomes a decision, the way controls work: a threshold, a capacity (the K best scores), or a share.
public enum ThresholdRule: Sendable, Equatable {
    /// Selected when the score reaches the value.
    case threshold(Double)
    /// The K best scores are selected (ties broken by position in the file).
    case topK(Int)
    /// The best P % of scores are selected (rounded up).
    case topPercent(Double)

    /// The decisions for scores.
    /// - Parameters:
    ///   - scores: one score per case.
    ///   - rule: the rule.
    /// - Returns: one decision per case.
    public static func selected(scores: [Double], rule: ThresholdRule) -> [Bool] {
        switch rule {
        case .threshold(let limit): return scores.map { $0 >= limit }
        case .topK(let count): return top(scores, count)
        case .topPercent(let percent):
            return top(scores, Int((Double(scores.count) * percent / 100).rounded(.up)))
        }
    }

    private static func top(_ scores: [Double], _ count: Int) -> [Bool] {
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var selected = [Bool](repeating: false, count: scores.count)
        for index in order.prefix(max(0, count)) { selected[index] = true }
        return selected
    }
}
