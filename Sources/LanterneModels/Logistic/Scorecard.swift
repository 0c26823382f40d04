#if canImport(Glibc)
    import Glibc
#endif

/// A logistic model shown the way administrations present scoring grids: a base number of points and the points each
/// situation adds, with the convention that `pointsToDoubleOdds` more points double the odds.
public struct Scorecard: Sendable, Equatable {
    /// One line of the grid.
    public struct Line: Sendable, Equatable {
        /// The feature.
        public var feature: String
        /// The situation: a level, "valeur manquante", or "par unité" for a number.
        public var situation: String
        /// The points it adds (for "par unité": points per unit above the training mean).
        public var points: Double
    }

    /// The points of a case at the training means (every number at its mean, every indicator at its share).
    public var basePoints: Double
    /// Points that double the odds.
    public var pointsToDoubleOdds: Double
    /// The grid's lines, feature by feature.
    public var lines: [Line]

    /// Builds the grid of a model.
    /// - Parameters:
    ///   - model: the logistic model.
    ///   - base: the points given to odds of 1:1.
    ///   - pointsToDoubleOdds: the points that double the odds.
    public init(model: LogisticModel, base: Double = 500, pointsToDoubleOdds: Double = 20) {
        let factor = pointsToDoubleOdds / log(2)
        self.pointsToDoubleOdds = pointsToDoubleOdds
        basePoints = base + factor * model.intercept
        var lines: [Line] = []
        for (index, feature) in model.features.enumerated() {
            let inputs = model.inputs.filter { $0.feature == index }
            guard !inputs.isEmpty else { continue }
            if let levels = feature.levels {
                // Points of each level relative to the base: that level's indicator at 1, the others at 0.
                let offset = inputs.reduce(0.0) { $0 - $1.weight * $1.mean / $1.scale }
                for (level, name) in levels.enumerated() {
                    var total = offset
                    for input in inputs where input.encoding == .level(level) { total += input.weight / input.scale }
                    lines.append(Line(feature: feature.name, situation: name, points: factor * total))
                }
            } else {
                for input in inputs {
                    switch input.encoding {
                    case .number:
                        lines.append(
                            Line(
                                feature: feature.name, situation: "par unité",
                                points: factor * input.weight / input.scale))
                    case .missing:
                        lines.append(
                            Line(
                                feature: feature.name, situation: "valeur manquante",
                                points: factor * input.weight * (1 - input.mean) / input.scale))
                    case .level:
                        break
                    }
                }
            }
        }
        self.lines = lines
    }
}
