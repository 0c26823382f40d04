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

    /// The parent's histogram minus a child's: the other child's, without reading its rows.
    func subtracting(_ child: NodeHistogram) -> NodeHistogram {
        var result = self
        for i in bins.indices { result.bins[i] = bins[i] - child.bins[i] }
        return result
    }
}
