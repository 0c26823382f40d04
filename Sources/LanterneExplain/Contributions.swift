import LanterneModels

/// How each feature moved one case's log-odds away from the model's starting point: `base + Σ values == logit`.
public struct Contributions: Sendable, Equatable {
    /// The log-odds before any feature is known (the model's expected log-odds).
    public var base: Double
    /// One contribution per model feature, in the model's feature order, in log-odds.
    public var values: [Double]

    /// Creates contributions.
    /// - Parameters:
    ///   - base: the starting log-odds.
    ///   - values: one value per feature.
    public init(base: Double, values: [Double]) {
        self.base = base
        self.values = values
    }

    /// The log-odds these contributions add up to.
    public var total: Double { values.reduce(base, +) }
}
