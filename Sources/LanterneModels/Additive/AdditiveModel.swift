import LanterneData

/// An additive (glass-box) model: log-odds = intercept + the sum of one shape function per term.
public struct AdditiveModel: ScoringModel, Codable, Equatable {
    /// The features read from the data.
    public var features: [ModelFeature]
    /// The intercept, in log-odds.
    public var intercept: Double
    /// The shape functions.
    public var terms: [AdditiveTerm]

    /// Creates a model.
    /// - Parameters:
    ///   - features: the features read from the data.
    ///   - intercept: the intercept.
    ///   - terms: the terms.
    public init(features: [ModelFeature], intercept: Double, terms: [AdditiveTerm]) {
        self.features = features
        self.intercept = intercept
        self.terms = terms
    }

    /// `.additive`.
    public var kind: ModelKind { .additive }

    /// The log-odds of one row: the intercept plus each term's score, added in term order.
    /// - Parameter row: the row's feature values.
    /// - Returns: the log-odds.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        var total = intercept
        for term in terms { total += term.score(row) }
        return total
    }

    /// Each term's score for one row, in term order.
    /// - Parameter row: the row's feature values.
    /// - Returns: the scores.
    public func termScores(_ row: UnsafeBufferPointer<Double>) -> [Double] {
        terms.map { $0.score(row) }
    }
}
