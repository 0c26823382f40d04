/// A pairwise interaction of an additive model (InterpretML's `x1 & x2` terms): a score for each pair of bins of two
/// inputs, each input binned on its own (pairs use coarser bins than the main terms).
public struct AdditivePair: Codable, Sendable, Equatable {
    /// How one side of the pair bins its input; its `scores` are unused (the pair's table holds them).
    public typealias Axis = AdditiveTerm

    /// The term's name (`x1 & x2`).
    public var name: String
    /// The first input's binning (rows of the table).
    public var first: Axis
    /// The second input's binning (columns of the table).
    public var second: Axis
    /// The number of bins of the second input (the table's row length).
    public var width: Int
    /// The scores, row after row: `scores[firstBin * width + secondBin]`.
    public var scores: [Double]

    /// Creates a pair.
    public init(name: String, first: Axis, second: Axis, width: Int, scores: [Double]) {
        self.name = name
        self.first = first
        self.second = second
        self.width = width
        self.scores = scores
    }

    /// The pair's score for a row.
    /// - Parameter row: the row's feature values.
    /// - Returns: the score.
    @inlinable
    public func score(_ row: UnsafeBufferPointer<Double>) -> Double {
        scores[first.bin(first.input.value(row)) * width + second.bin(second.input.value(row))]
    }
}
