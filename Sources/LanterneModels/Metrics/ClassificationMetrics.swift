#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Metrics of a score against binary outcomes: ranking (AUC), probability quality (log loss, Brier, calibration) and
/// the view of a service that can check only `k` cases (precision and recall at k).
public enum ClassificationMetrics {
    /// The area under the ROC curve, exact with ties (a tied positive–negative pair counts one half).
    /// - Parameters:
    ///   - scores: one score per case (higher means more likely positive).
    ///   - labels: one outcome per case, `true` for positive.
    /// - Returns: the AUC, or NaN when one class is absent.
    public static func auc(scores: [Double], labels: [Bool]) -> Double {
        precondition(scores.count == labels.count)
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var positives = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let midRank = Double(i + j) / 2 + 1
            for k in i...j where labels[order[k]] {
                rankSumPositive += midRank
                positives += 1
            }
            i = j + 1
        }
        let negatives = Double(scores.count) - positives
        guard positives > 0, negatives > 0 else { return .nan }
        return (rankSumPositive - positives * (positives + 1) / 2) / (positives * negatives)
    }

    /// The mean negative log-likelihood of the outcomes, probabilities clipped to [1e-15, 1 - 1e-15].
    /// - Parameters:
    ///   - probabilities: predicted probabilities of the positive class.
    ///   - labels: outcomes.
    /// - Returns: the log loss.
    public static func logLoss(probabilities: [Double], labels: [Bool]) -> Double {
        precondition(probabilities.count == labels.count)
        var total = 0.0
        for (p, y) in zip(probabilities, labels) {
            let clipped = min(max(p, 1e-15), 1 - 1e-15)
            total -= y ? log(clipped) : log(1 - clipped)
        }
        return total / Double(max(1, labels.count))
    }

    /// The mean squared difference between probability and outcome.
    /// - Parameters:
    ///   - probabilities: predicted probabilities.
    ///   - labels: outcomes.
    /// - Returns: the Brier score.
    public static func brier(probabilities: [Double], labels: [Bool]) -> Double {
        precondition(probabilities.count == labels.count)
        var total = 0.0
        for (p, y) in zip(probabilities, labels) {
            let d = p - (y ? 1 : 0)
            total += d * d
        }
        return total / Double(max(1, labels.count))
    }

    /// One bin of a calibration table.
    public struct CalibrationBin: Sendable, Equatable, Codable {
        /// The bin's probability range, lower bound included.
        public var lower: Double
        /// The upper bound, excluded except for the last bin.
        public var upper: Double
        /// Cases in the bin.
        public var count: Int
        /// Their mean predicted probability.
        public var meanPredicted: Double
        /// Their observed positive rate.
        public var observedRate: Double
    }

    /// Observed versus predicted rates in `bins` equal-width probability bins (empty bins left out).
    /// - Parameters:
    ///   - probabilities: predicted probabilities.
    ///   - labels: outcomes.
    ///   - bins: how many bins over [0, 1].
    /// - Returns: the non-empty bins, in order.
    public static func calibration(probabilities: [Double], labels: [Bool], bins: Int = 10) -> [CalibrationBin] {
        var counts = [Int](repeating: 0, count: bins)
        var predicted = [Double](repeating: 0, count: bins)
        var observed = [Double](repeating: 0, count: bins)
        for (p, y) in zip(probabilities, labels) {
            let bin = min(bins - 1, max(0, Int(p * Double(bins))))
            counts[bin] += 1
            predicted[bin] += p
            observed[bin] += y ? 1 : 0
        }
        return (0..<bins).compactMap { bin in
            guard counts[bin] > 0 else { return nil }
            let n = Double(counts[bin])
            return CalibrationBin(
                lower: Double(bin) / Double(bins), upper: Double(bin + 1) / Double(bins), count: counts[bin],
                meanPredicted: predicted[bin] / n, observedRate: observed[bin] / n)
        }
    }

    /// Precision and recall when the `k` highest scores are checked (ties broken by row order, first rows first).
    /// - Parameters:
    ///   - scores: one score per case.
    ///   - labels: outcomes.
    ///   - k: how many cases can be checked.
    /// - Returns: the share of positives among the k checked, and the share of all positives they find.
    public static func precisionRecall(atTop k: Int, scores: [Double], labels: [Bool]) -> (
        precision: Double, recall: Double
    ) {
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let taken = min(k, order.count)
        let found = order.prefix(taken).filter { labels[$0] }.count
        let positives = labels.filter { $0 }.count
        return (
            taken > 0 ? Double(found) / Double(taken) : .nan,
            positives > 0 ? Double(found) / Double(positives) : .nan
        )
    }
}
