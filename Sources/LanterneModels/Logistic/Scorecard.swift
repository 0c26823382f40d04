#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A logistic model shown the way administrations present scoring grids: a base number of points and the points each
/// situation adds, with the convention that `pointsToDoubleOdds` more points double the odds.
///
/// The grid is exact: for every case, the base plus the points of the lines that apply to it (`points(_:)`) equal
/// `base + pointsToDoubleOdds / ln 2 × log-odds`. A number adds its points per unit counted from its training mean,
/// and, for a model that kept its training quintiles, the grid also reads them for five ranges of as many cases, as
/// administrations present grids; a number that can be missing also has a line for "given" and one for "missing"; a
/// category has a line per level and one for a missing or unknown level.
public struct Scorecard: Sendable, Equatable {
    /// What a line applies to.
    public enum Situation: Sendable, Equatable {
        /// Each unit of the number above `mean` (below it, the points are negative).
        case perUnit(above: Double)
        /// A number from `from` to `to` (one of the five groups of as many training cases): the line's points are
        /// those at `from`, `pointsAtTo` those at `to`, the number's points running linearly in between. A reading
        /// aid: the exact points come from the per-unit line.
        case range(from: Double, to: Double, pointsAtTo: Double)
        /// The number is given (a feature that can be missing).
        case given
        /// The number is missing.
        case missing
        /// The category has this level.
        case level(String)
        /// The category is missing, or a level the model never saw.
        case missingOrUnknownLevel
    }

    /// One line of the grid.
    public struct Line: Sendable, Equatable {
        /// The feature.
        public var feature: String
        /// What the line applies to.
        public var situation: Situation
        /// The points it adds (for `perUnit`, points per unit).
        public var points: Double
    }

    /// The points every case starts from.
    public var basePoints: Double
    /// Points that double the odds.
    public var pointsToDoubleOdds: Double
    /// The grid's lines, feature by feature.
    public var lines: [Line]
    /// The model's features, in order.
    public let features: [ModelFeature]

    /// Builds the grid of a model.
    /// - Parameters:
    ///   - model: the logistic model.
    ///   - base: the points given to odds of 1:1.
    ///   - pointsToDoubleOdds: the points that double the odds.
    public init(model: LogisticModel, base: Double = 500, pointsToDoubleOdds: Double = 20) {
        let factor = pointsToDoubleOdds / log(2)
        self.pointsToDoubleOdds = pointsToDoubleOdds
        basePoints = base + factor * model.intercept
        features = model.features
        var lines: [Line] = []
        for (index, feature) in model.features.enumerated() {
            let inputs = model.inputs.filter { $0.feature == index }
            guard !inputs.isEmpty else { continue }
            // Each input adds weight × (raw − mean) / scale; with every raw value at 0 it adds `offset`.
            let offset = inputs.reduce(0.0) { $0 - $1.weight * $1.mean / $1.scale }
            if let levels = feature.levels {
                for (level, name) in levels.enumerated() {
                    var total = offset
                    for input in inputs where input.encoding == .level(level) { total += input.weight / input.scale }
                    lines.append(Line(feature: feature.name, situation: .level(name), points: factor * total))
                }
                lines.append(Line(feature: feature.name, situation: .missingOrUnknownLevel, points: factor * offset))
                continue
            }
            let number = inputs.first { $0.encoding == .number }
            let missing = inputs.first { $0.encoding == .missing }
            if let number {
                let perUnit = factor * number.weight / number.scale
                lines.append(Line(feature: feature.name, situation: .perUnit(above: number.mean), points: perUnit))
                let bounds = model.quintiles?[index] ?? []
                for (from, to) in zip(bounds, bounds.dropFirst()) {
                    lines.append(
                        Line(
                            feature: feature.name,
                            situation: .range(from: from, to: to, pointsAtTo: perUnit * (to - number.mean)),
                            points: perUnit * (from - number.mean)))
                }
            }
            if let missing {
                // Given: the indicator at 0; missing: at 1, the number counting as its mean (no points per unit).
                lines.append(
                    Line(
                        feature: feature.name, situation: .given,
                        points: -factor * missing.weight * missing.mean / missing.scale))
                lines.append(
                    Line(
                        feature: feature.name, situation: .missing,
                        points: factor * missing.weight * (1 - missing.mean) / missing.scale))
            }
        }
        self.lines = lines
    }

    /// The points of a case: the base plus the points of every line that applies to it.
    /// - Parameter row: the case's feature values (NaN when missing; a category's level code).
    /// - Returns: the total, equal to `base + pointsToDoubleOdds / ln 2 × log-odds`.
    public func points(_ row: UnsafeBufferPointer<Double>) -> Double {
        var total = basePoints
        for line in lines {
            guard let index = features.firstIndex(where: { $0.name == line.feature }) else { continue }
            let x = row[index]
            switch line.situation {
            case .perUnit(let mean): if !x.isNaN { total += line.points * (x - mean) }
            case .range: break  // a reading aid; the per-unit line counts
            case .given: if !x.isNaN { total += line.points }
            case .missing: if x.isNaN { total += line.points }
            case .level(let name):
                let levels = features[index].levels ?? []
                if x >= 0, x < Double(levels.count), levels[Int(x)] == name { total += line.points }
            case .missingOrUnknownLevel:
                // Compared as numbers: a value too large for an integer is an unknown level, not a crash.
                if !(x >= 0 && x < Double(features[index].levels?.count ?? 0)) { total += line.points }
            }
        }
        return total
    }
}
