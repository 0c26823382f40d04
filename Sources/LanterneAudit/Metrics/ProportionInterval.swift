import Foundation

/// A 95 % interval for a proportion, by Wilson's score method: it stays inside [0, 1] and keeps its coverage for
/// the small counts of a random draw (20 controls, 4 irregularities), where the normal approximation fails.
public struct ProportionInterval: Sendable, Equatable {
    /// The observed proportion.
    public let estimate: Double
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double

    /// The interval of `successes` out of `trials`, or `nil` without trials.
    /// - Parameters:
    ///   - successes: how many cases had the property.
    ///   - trials: how many cases.
    ///   - z: the normal quantile (1.96 for 95 %).
    public init?(successes: Int, trials: Int, z: Double = 1.959_963_984_540_054) {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        estimate = p
        lower = max(0, center - half)
        upper = min(1, center + half)
    }
}
