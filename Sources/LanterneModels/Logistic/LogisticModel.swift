/// A logistic regression over encoded inputs: numbers standardised, labels one-hot, missing values flagged.
///
/// log-odds = intercept + Σ weight × (value − mean) / scale, where each encoded input is a number, a one-hot
/// indicator of a label, or a missing-value indicator (the missing number itself then counts as its mean).
public struct LogisticModel: ScoringModel, Codable, Equatable {
    /// One encoded input.
    public struct Input: Codable, Sendable, Equatable {
        /// What the input encodes.
        public enum Encoding: Codable, Sendable, Equatable {
            /// The feature's number (the mean where missing).
            case number
            /// 1 when the feature's label index equals `level`.
            case level(Int)
            /// 1 when the feature is missing.
            case missing
        }

        /// The feature index.
        public var feature: Int
        /// What it encodes.
        public var encoding: Encoding
        /// The training mean subtracted before scaling.
        public var mean: Double
        /// The training standard deviation (population) it is divided by.
        public var scale: Double
        /// The weight on the standardised scale.
        public var weight: Double

        /// Creates an input.
        public init(feature: Int, encoding: Encoding, mean: Double, scale: Double, weight: Double) {
            self.feature = feature
            self.encoding = encoding
            self.mean = mean
            self.scale = scale
            self.weight = weight
        }

        /// The raw (unstandardised) encoded value for a row.
        @inlinable
        public func raw(_ row: UnsafeBufferPointer<Double>) -> Double {
            let x = row[feature]
            switch encoding {
            case .number: return x.isNaN ? mean : x
            // A level code converts to an integer; a number too large for one (numbers read as codes) is no level.
            case .level(let level): return x > -1 && x < 0x1p62 && Int(x) == level ? 1 : 0
            case .missing: return x.isNaN ? 1 : 0
            }
        }
    }

    /// The features read from the data.
    public var features: [ModelFeature]
    /// The intercept (log-odds at the training means).
    public var intercept: Double
    /// The encoded inputs and their weights.
    public var inputs: [Input]
    /// For each feature, the bounds that cut its training values into five groups of as many cases (minimum, the four
    /// quintiles, maximum); empty for a category. The scorecard reads the points of each group from them; `nil` in
    /// files written before they were kept, or for imported models.
    public var quintiles: [[Double]]?

    /// Creates a model.
    /// - Parameters:
    ///   - features: the features.
    ///   - intercept: the intercept.
    ///   - inputs: the encoded inputs.
    ///   - quintiles: each feature's training quintiles, for the scorecard.
    public init(features: [ModelFeature], intercept: Double, inputs: [Input], quintiles: [[Double]]? = nil) {
        self.features = features
        self.intercept = intercept
        self.inputs = inputs
        self.quintiles = quintiles
    }

    /// `.logistic`.
    public var kind: ModelKind { .logistic }

    /// The log-odds of one row.
    /// - Parameter row: the row's feature values.
    /// - Returns: the log-odds.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        var total = intercept
        for input in inputs { total += input.weight * (input.raw(row) - input.mean) / input.scale }
        return total
    }
}
