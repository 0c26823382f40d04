/// Sums of gradients, hessians and counts of the rows falling in one bin.
struct HistogramBin {
    var gradient = 0.0
    var hessian = 0.0
    var count = 0

    static func - (lhs: HistogramBin, rhs: HistogramBin) -> HistogramBin {
        HistogramBin(
            gradient: lhs.gradient - rhs.gradient, hessian: lhs.hessian - rhs.hessian, count: lhs.count - rhs.count)
    }

    static func + (lhs: HistogramBin, rhs: HistogramBin) -> HistogramBin {
        HistogramBin(
            gradient: lhs.gradient + rhs.gradient, hessian: lhs.hessian + rhs.hessian, count: lhs.count + rhs.count)
    }
}

/// The histograms of every feature for one node, laid out one after the other.
struct NodeHistogram {
    var bins: [HistogramBin]

    init(total: Int) {
        bins = [HistogramBin](repeating: HistogramBin(), count: total)
    }

    /// Room for `total` bins whose values are all written before they are read; nothing is zeroed.
    init(unwritten total: Int) {
        bins = [HistogramBin](unsafeUninitializedCapacity: total) { _, count in count = total }
    }

    /// The parent's histogram minus a child's: the other child's, without reading its rows.
    func subtracting(_ child: NodeHistogram) -> NodeHistogram {
        var result = self
        for i in bins.indices { result.bins[i] = bins[i] - child.bins[i] }
        return result
    }
}
