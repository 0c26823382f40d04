import LanterneData

/// An additive (glass-box) model: log-odds = intercept + the sum of one shape function per term.
public struct AdditiveModel: ScoringModel, Codable, Equatable {
    /// The features read from the data.
    public var features: [ModelFeature]
    /// The intercept, in log-odds.
    public var intercept: Double
    /// The shape functions.
    public var terms: [AdditiveTerm]
    /// Pairwise interactions, added after the terms (none for Lanterne's own models).
    public var pairs: [AdditivePair] = []

    /// Creates a model.
    /// - Parameters:
    ///   - features: the features read from the data.
    ///   - intercept: the intercept.
    ///   - terms: the terms.
    ///   - pairs: pairwise interactions.
    public init(features: [ModelFeature], intercept: Double, terms: [AdditiveTerm], pairs: [AdditivePair] = []) {
        self.features = features
        self.intercept = intercept
        self.terms = terms
        self.pairs = pairs
    }

    enum CodingKeys: String, CodingKey {
        case features, intercept, terms, pairs
    }

    /// Reads a model; files without pairs have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        features = try container.decode([ModelFeature].self, forKey: .features)
        intercept = try container.decode(Double.self, forKey: .intercept)
        terms = try container.decode([AdditiveTerm].self, forKey: .terms)
        pairs = try container.decodeIfPresent([AdditivePair].self, forKey: .pairs) ?? []
    }

    /// Writes a model; `pairs` only when there are some, so models without them keep their bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(features, forKey: .features)
        try container.encode(intercept, forKey: .intercept)
        try container.encode(terms, forKey: .terms)
        if !pairs.isEmpty { try container.encode(pairs, forKey: .pairs) }
    }

    /// `.additive`.
    public var kind: ModelKind { .additive }

    /// The log-odds of one row: the intercept plus each term's score, added in term order.
    /// - Parameter row: the row's feature values.
    /// - Returns: the log-odds.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        var total = intercept
        for term in terms { total += term.score(row) }
        for pair in pairs { total += pair.score(row) }
        return total
    }

    /// Each term's score for one row, in term order, then each pair's.
    /// - Parameter row: the row's feature values.
    /// - Returns: the scores.
    public func termScores(_ row: UnsafeBufferPointer<Double>) -> [Double] {
        terms.map { $0.score(row) } + pairs.map { $0.score(row) }
    }
}
