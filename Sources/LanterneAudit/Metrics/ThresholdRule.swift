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
        selected(scores: scores, rule: rule, order: nil)
    }

    /// The decisions for scores, reusing the cases' order when it is already known.
    /// - Parameters:
    ///   - scores: one score per case.
    ///   - rule: the rule.
    ///   - order: the cases sorted by score, if at hand (a capacity needs it).
    /// - Returns: one decision per case.
    public static func selected(scores: [Double], rule: ThresholdRule, order: ScoreOrder?) -> [Bool] {
        switch rule {
        case .threshold(let limit): return scores.map { $0 >= limit }
        case .topK(let count): return top(scores, count, order)
        case .topPercent(let percent):
            return top(scores, Int((Double(scores.count) * percent / 100).rounded(.up)), order)
        }
    }

    private static func top(_ scores: [Double], _ count: Int, _ order: ScoreOrder?) -> [Bool] {
        let descending = (order ?? ScoreOrder(scores: scores)).descending(scores: scores)
        var selected = [Bool](repeating: false, count: scores.count)
        for index in descending.prefix(max(0, count)) { selected[Int(index)] = true }
        return selected
    }
}
