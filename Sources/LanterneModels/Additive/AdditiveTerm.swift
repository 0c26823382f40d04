/// What an additive term reads: a feature as it is, or a feature after mean imputation, or the indicator that the
/// feature was missing (the preprocessing InterpretML pipelines apply before the model).
public enum TermInput: Codable, Sendable, Equatable {
    /// The feature's value.
    case feature(Int)
    /// The feature's value, or `mean` where it is missing.
    case meanImputed(feature: Int, mean: Double)
    /// 1 where the feature is missing, 0 otherwise.
    case missingIndicator(feature: Int)

    /// The value this input takes for a row.
    /// - Parameter row: the row's feature values.
    /// - Returns: the input value (NaN when missing).
    @inlinable
    public func value(_ row: UnsafeBufferPointer<Double>) -> Double {
        switch self {
        case .feature(let index): return row[index]
        case .meanImputed(let index, let mean):
            let value = row[index]
            return value.isNaN ? mean : value
        case .missingIndicator(let index): return row[index].isNaN ? 1 : 0
        }
    }

    /// The feature the input is computed from.
    public var featureIndex: Int {
        switch self {
        case .feature(let index), .meanImputed(let index, _), .missingIndicator(let index): index
        }
    }
}

/// One shape function of an additive model: a score for each bin of one input.
///
/// Bin 0 holds missing values (and, for categorical terms, values never seen in training). A continuous term puts
/// `x` in bin `1 + (number of cuts <= x)`; a categorical term looks `x` up among `categories`.
public struct AdditiveTerm: Codable, Sendable, Equatable {
    /// The term's name as the model's author wrote it.
    public var name: String
    /// What the term reads.
    public var input: TermInput
    /// Ascending cut points of a continuous term (empty for a categorical term).
    public var cuts: [Double]
    /// The values of a categorical term, and the bin of each (`nil` for a continuous term).
    public var categories: [Double]?
    /// The bin of each category.
    public var categoryBins: [Int]?
    /// The score of each bin, bin 0 first.
    public var scores: [Double]
    /// The bin of a category never seen in training (InterpretML's last bin); `nil`: bin 0, as missing.
    public var unknownBin: Int?

    /// Creates a term.
    /// - Parameters:
    ///   - name: the term's name.
    ///   - input: what it reads.
    ///   - cuts: ascending cut points (continuous).
    ///   - categories: the category values (categorical).
    ///   - categoryBins: their bins.
    ///   - scores: the bin scores.
    ///   - unknownBin: the bin of unseen categories, when not the missing bin.
    public init(
        name: String, input: TermInput, cuts: [Double] = [], categories: [Double]? = nil, categoryBins: [Int]? = nil,
        scores: [Double], unknownBin: Int? = nil
    ) {
        self.name = name
        self.input = input
        self.cuts = cuts
        self.categories = categories
        self.categoryBins = categoryBins
        self.scores = scores
        self.unknownBin = unknownBin
    }

    /// The bin of a value.
    /// - Parameter x: the input value.
    /// - Returns: the bin index into ``scores``.
    @inlinable
    public func bin(_ x: Double) -> Int {
        AdditiveTerm.bin(x, cuts: cuts, categories: categories, categoryBins: categoryBins, unknownBin: unknownBin)
    }

    /// The bin of a value: 0 when missing; a category's bin (or the unknown bin, else 0, for a category not listed);
    /// `1 + (number of cuts <= x)` for a number.
    @inlinable
    public static func bin(
        _ x: Double, cuts: [Double], categories: [Double]?, categoryBins: [Int]?, unknownBin: Int?
    ) -> Int {
        if x.isNaN { return 0 }
        if let categories, let categoryBins {
            for (index, category) in categories.enumerated() where category == x { return categoryBins[index] }
            return unknownBin ?? 0
        }
        var low = 0
        var high = cuts.count
        while low < high {
            let middle = (low + high) / 2
            if cuts[middle] <= x { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }

    /// The term's score for a row.
    /// - Parameter row: the row's feature values.
    /// - Returns: the score.
    @inlinable
    public func score(_ row: UnsafeBufferPointer<Double>) -> Double {
        scores[bin(input.value(row))]
    }
}
