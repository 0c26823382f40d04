import Dispatch
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

    /// Computes the intervals of an audit.
    /// - Parameters:
    ///   - audit: the audit (its groups and reference).
    ///   - values: each case's group, as given to the audit.
    ///   - selected: each case's decision.
    ///   - positive: each case's outcome.
    ///   - replicates: how many replicates.
    ///   - seed: the seed.
    ///   - threads: how many threads.
    public init(
        audit: GroupAudit, values: [String?], selected: [Bool], positive: [Bool], replicates: Int, seed: UInt64,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        let published = audit.groups.filter { !$0.suppressed }.map(\.value)
        // Each group's cases as cell codes: 0 TP, 1 FP, 2 TN, 3 FN.
        var cells: [[UInt8]] = published.map { _ in [] }
        let position = Dictionary(uniqueKeysWithValues: published.enumerated().map { ($1, $0) })
        for index in values.indices {
            guard let value = values[index], let group = position[value] else { continue }
            let code: UInt8 = selected[index] ? (positive[index] ? 0 : 1) : (positive[index] ? 3 : 2)
            cells[group].append(code)
        }
        let names = ConfusionCounts().rates.map(\.name)
        let referenceIndex = audit.reference.flatMap { position[$0] }
        // Draws: replicates × groups × rates.
        let count = max(1, replicates)
        let results = UnsafeMutableBufferPointer<Double>.allocate(capacity: count * published.count * names.count)
        results.initialize(repeating: .nan)
        defer { results.deallocate() }
        let address = Int(bitPattern: results.baseAddress!)
        let groupCells = cells
        let workers = max(1, min(threads, count))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let output = UnsafeMutablePointer<Double>(bitPattern: address)!
            var replicate = worker
            while replicate < count {
                // Each replicate's generator depends on the seed and its number only.
                var random = SeededRandom(seed: seed, row: replicate)
                for (group, cases) in groupCells.enumerated() {
                    var counts = ConfusionCounts()
                    for _ in 0..<cases.count {
                        switch cases[Int(random.next() % UInt64(cases.count))] {
                        case 0: counts.truePositives += 1
                        case 1: counts.falsePositives += 1
                        case 2: counts.trueNegatives += 1
                        default: counts.falseNegatives += 1
                        }
                    }
                    for (rate, value) in counts.rates.enumerated() {
                        output[(replicate * groupCells.count + group) * names.count + rate] = value.1 ?? .nan
                    }
                }
                replicate += workers
            }
        }
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
