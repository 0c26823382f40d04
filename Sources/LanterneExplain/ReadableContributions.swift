import LanterneData

/// Contributions in the form people read: grouped by theme, as probability points, the largest first and the rest
/// gathered as "autres éléments".
public struct ReadableContributions: Sendable, Equatable {
    /// One line: a feature or a theme, and how it moved the probability.
    public struct Effect: Sendable, Equatable {
        /// The feature's or theme's name.
        public var name: String
        /// The contribution in log-odds.
        public var logit: Double
        /// The probability before this line's effect.
        public var from: Double
        /// The probability after it.
        public var to: Double
    }

    /// The probability before any feature is known.
    public var baseProbability: Double
    /// The effects, largest first; the last one may gather the others.
    public var effects: [Effect]
    /// The final probability (the case's score).
    public var probability: Double

    /// Builds the readable form of contributions.
    ///
    /// Contributions are summed by theme (features without a theme stand alone), sorted by absolute size, and applied
    /// one after the other from the base: each line's probability effect is exact, and the lines end exactly at the
    /// case's score.
    /// - Parameters:
    ///   - contributions: the contributions.
    ///   - names: the model's feature names.
    ///   - groups: the theme of each feature name, if any.
    ///   - top: how many lines to show before "others".
    ///   - othersName: the name of the gathered line.
    public init(
        _ contributions: Contributions, names: [String], groups: [String: String] = [:], top: Int = 5,
        othersName: String = "autres éléments"
    ) {
        var totals: [String: Double] = [:]
        var order: [String] = []
        for (name, value) in zip(names, contributions.values) {
            let key = groups[name] ?? name
            if totals[key] == nil { order.append(key) }
            totals[key, default: 0] += value
        }
        let ranked = order.enumerated().sorted { a, b in
            let x = abs(totals[a.element]!)
            let y = abs(totals[b.element]!)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        var lines = ranked.prefix(top).map { ($0, totals[$0]!) }
        let rest = ranked.dropFirst(top).reduce(0.0) { $0 + totals[$1]! }
        if ranked.count > top { lines.append((othersName, rest)) }
        var logit = contributions.base
        var effects: [Effect] = []
        for (name, value) in lines {
            let from = LanterneData.logistic(logit)
            logit += value
            effects.append(Effect(name: name, logit: value, from: from, to: LanterneData.logistic(logit)))
        }
        baseProbability = LanterneData.logistic(contributions.base)
        self.effects = effects
        probability = LanterneData.logistic(contributions.total)
    }
}

/// How much each feature matters over many cases: the mean absolute contribution.
public enum GlobalImportance {
    /// The mean absolute contribution of each feature, in feature order.
    /// - Parameter explanations: the contributions of many cases.
    /// - Returns: one value per feature.
    public static func meanAbsolute(_ explanations: [Contributions]) -> [Double] {
        guard let width = explanations.first?.values.count else { return [] }
        var totals = [Double](repeating: 0, count: width)
        for explanation in explanations {
            for (index, value) in explanation.values.enumerated() { totals[index] += abs(value) }
        }
        return totals.map { $0 / Double(explanations.count) }
    }
}
