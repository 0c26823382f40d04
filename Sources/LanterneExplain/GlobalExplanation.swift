import LanterneModels

/// How a model behaves over many cases: each feature's importance (mean absolute contribution) and its effect curve
/// (the mean contribution for each value or range of values), both derived from exact per-case contributions.
///
/// For logistic and additive models a feature's contribution depends on its value alone, so the curve is the model's
/// own shape; for trees it is the average of the exact Shapley values of the cases with that value (a dependence
/// curve).
public struct GlobalExplanation: Sendable, Equatable {
    /// One point of an effect curve.
    public struct Point: Sendable, Equatable {
        /// The value (a level's code for categories; the mean value of the range for numbers).
        public var value: Double
        /// The smallest and largest values gathered in this point.
        public var range: ClosedRange<Double>
        /// The mean contribution, in log-odds.
        public var meanContribution: Double
        /// How many cases the point gathers.
        public var count: Int
    }

    /// One feature's effect curve.
    public struct Curve: Sendable, Equatable {
        /// The feature's index.
        public var feature: Int
        /// Whether values are levels (a category), not numbers.
        public var levels: Bool
        /// The points, by increasing value.
        public var points: [Point]
        /// The mean contribution of cases where the value is missing, and their number, if any.
        public var missing: (meanContribution: Double, count: Int)?

        /// Whether two curves have the same points and missing-value summary.
        public static func == (a: Curve, b: Curve) -> Bool {
            a.feature == b.feature && a.levels == b.levels && a.points == b.points
                && a.missing?.meanContribution == b.missing?.meanContribution && a.missing?.count == b.missing?.count
        }
    }

    /// The number of cases explained.
    public var rows: Int
    /// Each feature's mean absolute contribution, in feature order.
    public var importance: [Double]
    /// Each feature's curve, in feature order.
    public var curves: [Curve]

    /// Summarises exact contributions.
    /// - Parameters:
    ///   - matrix: the encoded cases.
    ///   - rows: the rows explained.
    ///   - contributions: their contributions, in the order of `rows`.
    ///   - features: the model's features.
    ///   - bins: the most points of a numeric curve (values are gathered in ranges of equal counts beyond it).
    public init(
        matrix: FeatureMatrix, rows: [Int], contributions: [Contributions], features: [ModelFeature], bins: Int = 20
    ) {
        self.rows = rows.count
        importance = GlobalImportance.meanAbsolute(contributions)
        curves = features.indices.map { feature in
            var pairs: [(value: Double, contribution: Double)] = []
            var missingTotal = 0.0
            var missingCount = 0
            for (position, row) in rows.enumerated() {
                let value = matrix[row, feature]
                let contribution = contributions[position].values[feature]
                if value.isNaN {
                    missingTotal += contribution
                    missingCount += 1
                } else {
                    pairs.append((value, contribution))
                }
            }
            pairs.sort { $0.value < $1.value }
            // Runs of equal values; gathered into ranges of about equal counts when there are many.
            var runs: [(start: Int, end: Int)] = []
            var start = 0
            for index in 1...max(1, pairs.count) where index == pairs.count || pairs[index].value != pairs[start].value
            {
                if !pairs.isEmpty { runs.append((start, index)) }
                start = index
            }
            let isLevels = features[feature].levels != nil
            var groups: [(start: Int, end: Int)] = runs
            if !isLevels && runs.count > bins {
                groups = []
                var first = 0
                for (index, run) in runs.enumerated() {
                    let target = (groups.count + 1) * pairs.count / bins
                    if run.end >= target || index == runs.count - 1 {
                        groups.append((runs[first].start, run.end))
                        first = index + 1
                    }
                }
            }
            let points = groups.map { group -> Point in
                let slice = pairs[group.start..<group.end]
                let count = slice.count
                return Point(
                    value: isLevels ? slice.first!.value : slice.reduce(0) { $0 + $1.value } / Double(count),
                    range: slice.first!.value...slice.last!.value,
                    meanContribution: slice.reduce(0) { $0 + $1.contribution } / Double(count), count: count)
            }
            return Curve(
                feature: feature, levels: isLevels, points: points,
                missing: missingCount > 0 ? (missingTotal / Double(missingCount), missingCount) : nil)
        }
    }
}
