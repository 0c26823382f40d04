import LanterneModels

/// The values a counterfactual tries for one feature: one per region where the model behaves the same, as close to
/// the current value as possible and as round as possible, inside the observed range.
enum CandidateValues {
    /// The split points a model uses on each feature: tree thresholds, additive bin cuts; none for logistic models,
    /// whose effects are straight lines.
    static func breakpoints(of model: any ScoringModel) -> [[Double]] {
        var points = [[Double]](repeating: [], count: model.features.count)
        if let ensemble = model as? TreeEnsemble {
            for tree in ensemble.trees {
                for node in 0..<tree.nodeCount where tree.feature[node] >= 0 && tree.categorySet[node] < 0 {
                    points[Int(tree.feature[node])].append(tree.threshold[node])
                }
            }
        } else if let additive = model as? AdditiveModel {
            for term in additive.terms where term.categories == nil {
                if case .missingIndicator = term.input { continue }
                points[term.input.featureIndex].append(contentsOf: term.cuts)
            }
        }
        return points.map { values in
            var distinct: [Double] = []
            for value in values.sorted() where distinct.last != value { distinct.append(value) }
            return distinct
        }
    }

    /// The candidates for one feature, sorted ascending, without the current value.
    /// - Parameters:
    ///   - domain: the feature's observed domain.
    ///   - current: the case's value (NaN when missing).
    ///   - breakpoints: the model's split points on the feature, sorted.
    /// - Returns: the values to try.
    static func values(domain: FeatureDomain, current: Double, breakpoints: [Double]) -> [Double] {
        var values: [Double] = []
        switch domain.values {
        case .none: return []
        case .levels(let levels): values = levels
        case .numbers(let minimum, let maximum, let integral, let grid):
            values = [minimum, maximum]
            let inside = breakpoints.filter { $0 > minimum && $0 < maximum }
            if inside.isEmpty && breakpoints.isEmpty { values += grid }
            // The points themselves when they are round (a cut at 3 admits the value 3).
            for point in inside where isRound(point, integral: integral) { values.append(point) }
            // One value strictly inside each region between consecutive points, nearest the current value.
            let edges = [minimum] + inside + [maximum]
            for (low, high) in zip(edges, edges.dropFirst()) {
                let towardsHigh = !current.isNaN && current >= high
                if let value = roundValue(strictlyBetween: low, and: high, nearHigh: towardsHigh, integral: integral) {
                    values.append(value)
                }
            }
        }
        values.sort()
        var distinct: [Double] = []
        for value in values where distinct.last != value && value != current { distinct.append(value) }
        return distinct
    }

    private static func isRound(_ value: Double, integral: Bool) -> Bool {
        if integral { return value.rounded() == value }
        return (value * 10_000).rounded() == value * 10_000
    }

    /// A value between `low` and `high` (both excluded) near `high` or `low`, with few decimals.
    private static func roundValue(strictlyBetween low: Double, and high: Double, nearHigh: Bool, integral: Bool)
        -> Double?
    {
        var step = 1.0
        if !integral {
            // A power of ten about a tenth of the gap: a value near the edge, with few decimals.
            step = 1
            while step > (high - low) / 10 && step > 1e-12 { step /= 10 }
            while step * 100 < high - low && step < 1e15 { step *= 10 }
        }
        for _ in 0..<(integral ? 1 : 24) {
            let value = nearHigh ? ((high / step).rounded(.up) - 1) * step : ((low / step).rounded(.down) + 1) * step
            if value > low && value < high { return value }
            step /= 10
        }
        return nil
    }
}
