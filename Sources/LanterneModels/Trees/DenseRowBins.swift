/// The bins of every row, row after row (`bins[row * width + feature]`): a node's histograms then read each row's
/// bins from one or two cache lines instead of one per feature.
struct DenseRowBins: Sendable {
    /// The bins, one byte each.
    let bins: [UInt8]
    /// Where each feature's bins start in a node's histogram.
    let offsets: [Int]
    /// The number of features.
    var width: Int { offsets.count }
}
