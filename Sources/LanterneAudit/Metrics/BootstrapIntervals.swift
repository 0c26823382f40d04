import Foundation
import LanterneData

/// Percentile bootstrap intervals for every rate and every ratio to the reference group: each replicate redraws, with
/// replacement, as many cases as each group has from that group alone (stratified by group), so groups keep their
/// sizes. Replicates are spread over the cores; each has its own generator derived from the seed, so the intervals do
/// not depend on the number of threads.
public struct BootstrapIntervals: Sendable {
    /// A rate's interval in one group.
    public struct Interval: Sendable, Equatable {
        /// The lower bound (2.5th percentile).
        public var lower: Double
        /// The upper bound (97.5th percentile).
        public var upper: Double

        /// Creates an interval.
        public init(lower: Double, upper: Double) {
            self.lower = lower
            self.upper = upper
        }
    }

    /// For each group value, each rate's interval.
    public var rates: [String: [String: Interval]]
    /// For each group value, each rate's ratio-to-reference interval.
    public var ratios: [String: [String: Interval]]

    /// Computes the intervals of an audit (the cases' values are not needed: a group's resample only depends on
    /// its four counts; this form is kept for callers that have them at hand).
    public init(
        audit: GroupAudit, values: [String?], selected: [Bool], positive: [Bool], replicates: Int, seed: UInt64,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.init(audit: audit, replicates: replicates, seed: seed, threads: threads)
    }

    /// Computes the intervals of an audit.
    ///
    /// Redrawing a case from a group only matters through its cell (selected or not, positive or not), so each
    /// draw is a uniform number below the group's size compared with the cells' cumulative counts: no case is read,
    /// and a replicate costs one random number per case.
    /// - Parameters:
    ///   - audit: the audit (its groups, their counts, and the reference).
    ///   - replicates: how many replicates.
    ///   - seed: the seed.
    ///   - threads: how many threads.
    ///   - progress: a bar advanced by one for each replicate drawn (its total is the caller's to set).
    public init(
        audit: GroupAudit, replicates: Int, seed: UInt64, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: ProgressBar? = nil
    ) {
        let publishedGroups = audit.groups.filter { !$0.suppressed }
        let published = publishedGroups.map(\.value)
        let position = Dictionary(uniqueKeysWithValues: published.enumerated().map { ($1, $0) })
        // Each group's size and the cumulative counts of its cells, in the order TP, FP, TN (then FN).
        let bounds = publishedGroups.map { group -> (size: UInt64, tp: UInt64, fp: UInt64, tn: UInt64) in
            let counts = group.counts
            let tp = UInt64(counts.truePositives)
            let fp = tp + UInt64(counts.falsePositives)
            return (UInt64(counts.count), tp, fp, fp + UInt64(counts.trueNegatives))
        }
        let names = ConfusionCounts().rates.map(\.name)
        let referenceIndex = audit.reference.flatMap { position[$0] }
        let count = max(1, replicates)
        let workers = max(1, min(threads, count))
        let perReplicate = ForkJoin.map(chunks: count, threads: workers) { replicate in
            var output = [Double](repeating: .nan, count: bounds.count * names.count)
            // Each replicate's generator depends on the seed and its number only.
            var random = SeededRandom(seed: seed, row: replicate)
            for (group, bound) in bounds.enumerated() {
                var tp = 0
                var fp = 0
                var tn = 0
                for _ in 0..<bound.size {
                    // A uniform integer below the size: the high half of a 64 × 64-bit product.
                    let draw = random.next().multipliedFullWidth(by: bound.size).high
                    if draw < bound.tp {
                        tp += 1
                    } else if draw < bound.fp {
                        fp += 1
                    } else if draw < bound.tn {
                        tn += 1
                    }
                }
                let counts = ConfusionCounts(
                    truePositives: tp, falsePositives: fp, trueNegatives: tn,
                    falseNegatives: Int(bound.size) - tp - fp - tn)
                for (rate, value) in counts.rates.enumerated() {
                    output[group * names.count + rate] = value.1 ?? .nan
                }
            }
            progress?.advance()
            return output
        }
        // Draws: replicates × groups × rates.
        let results = perReplicate.flatMap { $0 }
        func interval(_ draws: [Double]) -> Interval? {
            let sorted = draws.filter { $0.isFinite }.sorted()
            guard !sorted.isEmpty else { return nil }
            func quantile(_ q: Double) -> Double {
                let position = q * Double(sorted.count - 1)
                let low = Int(position.rounded(.down))
                let high = min(sorted.count - 1, low + 1)
                return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
            }
            return Interval(lower: quantile(0.025), upper: quantile(0.975))
        }
        var rates: [String: [String: Interval]] = [:]
        var ratios: [String: [String: Interval]] = [:]
        for (group, value) in published.enumerated() {
            for (rate, name) in names.enumerated() {
                let draws = (0..<count).map { results[($0 * published.count + group) * names.count + rate] }
                if let found = interval(draws) { rates[value, default: [:]][name] = found }
                if let reference = referenceIndex {
                    let ratioDraws = (0..<count).map { replicate -> Double in
                        let mine = results[(replicate * published.count + group) * names.count + rate]
                        let theirs = results[(replicate * published.count + reference) * names.count + rate]
                        return theirs == 0 ? .nan : mine / theirs
                    }
                    if let found = interval(ratioDraws) { ratios[value, default: [:]][name] = found }
                }
            }
        }
        self.rates = rates
        self.ratios = ratios
    }
}
