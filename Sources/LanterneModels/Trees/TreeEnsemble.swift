/// A sum of decision trees: log-odds = base score + the value of the leaf each tree sends the row to.
public struct TreeEnsemble: ScoringModel, Codable, Equatable {
    /// The features read from the data.
    public var features: [ModelFeature]
    /// The log-odds before any tree.
    public var baseScore: Double
    /// How numeric splits compare.
    public var rule: SplitRule
    /// The trees.
    public var trees: [DecisionTree]
    /// Whether leaf values are summed in single precision (XGBoost does), to reproduce its scores exactly.
    public var sumsInFloat32: Bool

    /// Creates an ensemble.
    /// - Parameters:
    ///   - features: the features.
    ///   - baseScore: the starting log-odds.
    ///   - rule: how numeric splits compare.
    ///   - trees: the trees.
    ///   - sumsInFloat32: whether to sum in single precision.
    public init(
        features: [ModelFeature], baseScore: Double, rule: SplitRule, trees: [DecisionTree], sumsInFloat32: Bool = false
    ) {
        self.features = features
        self.baseScore = baseScore
        self.rule = rule
        self.trees = trees
        self.sumsInFloat32 = sumsInFloat32
    }

    /// `.gbdt`.
    public var kind: ModelKind { .gbdt }

    /// The log-odds of one row.
    /// - Parameter row: the row's feature values.
    /// - Returns: the log-odds.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        if sumsInFloat32 {
            var total = Float(baseScore)
            for tree in trees { total += Float(tree.value[tree.leaf(row, rule: rule)]) }
            return Double(total)
        }
        var total = baseScore
        for tree in trees { total += tree.value[tree.leaf(row, rule: rule)] }
        return total
    }
}
