/// How well one feature alone tells a protected attribute: the area under the ROC curve for numbers (one group
/// against the others, the best group; 0.5 is chance, 1 perfect), Cramér's V for categories (0 none, 1 perfect).
public enum ProxyStrength {
    /// The exact AUC of `scores` for telling `positive` cases, ties counted half (Mann–Whitney), folded so that a
    /// feature that predicts the attribute the other way round counts as much: max(AUC, 1 − AUC).
    /// - Returns: the folded AUC, or `nil` without both classes.
    public static func foldedAUC(_ scores: [Double], _ positive: [Bool]) -> Double? {
        auc(scores, positive).map { max($0, 1 - $0) }
    }

    /// The exact AUC of `scores` for telling `positive` cases, ties counted half (Mann–Whitney).
    /// - Returns: the AUC, or `nil` without both classes.
    public static func auc(_ scores: [Double], _ positive: [Bool]) -> Double? {
        ScoreOrder(scores: scores).auc(
            scores: scores, positive: positive, codes: [Int32](repeating: 0, count: scores.count), groupCount: 1)[0]
    }

    /// Cramér's V of two categorical variables.
    /// - Returns: V, or `nil` when one variable takes a single value.
    public static func cramersV(_ a: [String], _ b: [String]) -> Double? {
        var table: [String: [String: Double]] = [:]
        var rows: [String: Double] = [:]
        var columns: [String: Double] = [:]
        for (x, y) in zip(a, b) {
            table[x, default: [:]][y, default: 0] += 1
            rows[x, default: 0] += 1
            columns[y, default: 0] += 1
        }
        let total = Double(a.count)
        guard rows.count > 1, columns.count > 1, total > 0 else { return nil }
        // Summed in a fixed order, so that the same data give the same bits in every process.
        var chiSquare = 0.0
        let columnTotals = columns.sorted { $0.key < $1.key }
        for (x, rowTotal) in rows.sorted(by: { $0.key < $1.key }) {
            for (y, columnTotal) in columnTotals {
                let expected = rowTotal * columnTotal / total
                let observed = table[x]?[y] ?? 0
                chiSquare += (observed - expected) * (observed - expected) / expected
            }
        }
        return (chiSquare / (total * Double(min(rows.count, columns.count) - 1))).squareRoot()
    }
}
