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
            let axes = additive.terms + additive.pairs.flatMap { [$0.first, $0.second] }
            for term in axes where term.categories == nil {
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
        Grid(domain: domain, breakpoints: breakpoints).values(current: current)
    }

    /// A feature's candidates prepared once: the values always tried, and for each region between split points the
    /// value nearest each of its edges.
    struct Grid: Sendable {
        /// Values always tried, sorted: levels, the observed bounds, round split points, the observed grid.
        let fixed: [Double]
        /// The regions in increasing order: a value near the low edge, one near the high edge, and the high edge.
        let regions: [(nearLow: Double, nearHigh: Double, high: Double)]

        init(domain: FeatureDomain, breakpoints: [Double]) {
            var fixed: [Double] = []
            var regions: [(Double, Double, Double)] = []
            switch domain.values {
            case .none: break
            case .levels(let levels): fixed = levels
            case .numbers(let minimum, let maximum, let integral, let grid):
                fixed = [minimum, maximum]
                let inside = breakpoints.filter { $0 > minimum && $0 < maximum }
                if breakpoints.isEmpty { fixed += grid }
                // The points themselves when they are round (a cut at 3 admits the value 3).
                for point in inside where isRound(point, integral: integral) { fixed.append(point) }
                let edges = [minimum] + inside + [maximum]
                for (low, high) in zip(edges, edges.dropFirst()) {
                    guard
                        let nearLow = roundValue(strictlyBetween: low, and: high, nearHigh: false, integral: integral),
                        let nearHigh = roundValue(strictlyBetween: low, and: high, nearHigh: true, integral: integral)
                    else { continue }
                    regions.append((nearLow, nearHigh, high))
                }
            }
            fixed.sort()
            self.fixed = fixed
            self.regions = regions
        }

        /// The candidates for a case whose value is `current`, sorted, distinct, without `current`.
        func values(current: Double) -> [Double] {
            var result: [Double] = []
            result.reserveCapacity(fixed.count + regions.count)
            var next = 0
            func append(_ value: Double) {
                if value != current && result.last != value { result.append(value) }
            }
            for region in regions {
                // Regions at or under the case's value are reached from above: the value near their high edge.
                let value = !current.isNaN && current >= region.high ? region.nearHigh : region.nearLow
                while next < fixed.count && fixed[next] <= value {
                    append(fixed[next])
                    next += 1
                }
                append(value)
            }
            while next < fixed.count {
                append(fixed[next])
                next += 1
            }
            return result
        }
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
