import LanterneModels

/// What values a feature takes in the observed population, and whether a person could change it: the bounds inside
/// which counterfactuals search.
public struct FeatureDomain: Sendable, Equatable {
    /// The values a feature can be moved to.
    public enum Values: Sendable, Equatable {
        /// A number between the observed minimum and maximum; `integral` when every observed value is a whole
        /// number; `grid` holds observed values spread over the range (every distinct value when there are few,
        /// else the percentiles).
        case numbers(minimum: Double, maximum: Double, integral: Bool, grid: [Double])
        /// One of the observed levels (codes of the model's categorical feature).
        case levels([Double])
        /// Nothing observed: the feature cannot be moved.
        case none
    }

    /// The observed values.
    public var values: Values
    /// Whether counterfactuals may change the feature (the schema does not mark it immutable).
    public var actionable: Bool

    /// Creates a domain.
    /// - Parameters:
    ///   - values: the observed values.
    ///   - actionable: whether the feature may change.
    public init(values: Values, actionable: Bool) {
        self.values = values
        self.actionable = actionable
    }

    /// The domains of a model's features over observed cases.
    /// - Parameters:
    ///   - matrix: the observed cases, encoded for the model.
    ///   - features: the model's features.
    ///   - immutable: the names of features that must not change.
    /// - Returns: one domain per feature, in the model's order.
    public static func observed(in matrix: FeatureMatrix, features: [ModelFeature], immutable: Set<String>)
        -> [FeatureDomain]
    {
        features.enumerated().map { index, feature in
            var seen: [Double] = []
            seen.reserveCapacity(matrix.rowCount)
            for row in 0..<matrix.rowCount {
                let value = matrix[row, index]
                if !value.isNaN { seen.append(value) }
            }
            seen.sort()
            var distinct: [Double] = []
            for value in seen where distinct.last != value { distinct.append(value) }
            let values: Values
            if distinct.isEmpty {
                values = .none
            } else if feature.levels != nil {
                values = .levels(distinct)
            } else {
                let grid: [Double]
                if distinct.count <= 256 {
                    grid = distinct
                } else {
                    var percentiles: [Double] = []
                    for step in 0...100 {
                        let value = seen[(seen.count - 1) * step / 100]
                        if percentiles.last != value { percentiles.append(value) }
                    }
                    grid = percentiles
                }
                values = .numbers(
                    minimum: distinct[0], maximum: distinct[distinct.count - 1],
                    integral: distinct.allSatisfy { $0.rounded() == $0 }, grid: grid)
            }
            let movable: Bool
            switch values {
            case .numbers(let minimum, let maximum, _, _): movable = maximum > minimum
            case .levels(let levels): movable = levels.count > 1
            case .none: movable = false
            }
            return FeatureDomain(values: values, actionable: movable && !immutable.contains(feature.name))
        }
    }

    /// How far moving from `from` to `to` goes: the share of the observed range for numbers, 1 for a change of level
    /// or from a missing value.
    /// - Parameters:
    ///   - from: the current value (NaN when missing).
    ///   - to: the proposed value.
    /// - Returns: the distance, 0 when nothing changes.
    public func distance(from: Double, to: Double) -> Double {
        if from == to { return 0 }
        if from.isNaN { return 1 }
        switch values {
        case .numbers(let minimum, let maximum, _, _): return abs(to - from) / (maximum - minimum)
        case .levels, .none: return 1
        }
    }
}
