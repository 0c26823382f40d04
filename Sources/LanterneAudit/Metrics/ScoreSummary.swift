/// What a score does in each group: its mean, and how well it ranks the group's positive cases first (AUC).
public enum ScoreSummary {
    /// Each group's mean score and AUC.
    /// - Parameters:
    ///   - values: each case's group (nil: left out).
    ///   - scores: each case's score.
    ///   - positive: each case's outcome.
    /// - Returns: group value → (mean, AUC when the group has both outcomes).
    public static func byGroup(values: [String?], scores: [Double], positive: [Bool]) -> [String: (
        mean: Double, auc: Double?
    )] {
        var members: [String: [Int]] = [:]
        for (index, value) in values.enumerated() {
            if let value { members[value, default: []].append(index) }
        }
        return members.mapValues { indices in
            let groupScores = indices.map { scores[$0] }
            let mean = groupScores.reduce(0, +) / Double(max(1, indices.count))
            return (mean, ProxyStrength.auc(groupScores, indices.map { positive[$0] }))
        }
    }

    /// How the selection moves with the capacity: for each share of the best scores selected, each published group's
    /// selection rate, false positive rate and false negative rate.
    /// - Parameters:
    ///   - values: each case's group.
    ///   - scores: each case's score.
    ///   - positive: each case's outcome.
    ///   - percents: the shares of cases selected.
    ///   - minimumGroup: groups smaller than this are left out.
    /// - Returns: one entry per share: the share and each group's counts.
    public static func sweep(
        values: [String?], scores: [Double], positive: [Bool], percents: [Double], minimumGroup: Int
    ) -> [(percent: Double, groups: [(value: String, counts: ConfusionCounts)])] {
        percents.map { percent in
            let selected = ThresholdRule.selected(scores: scores, rule: .topPercent(percent))
            let audit = GroupAudit(
                attribute: "", values: values, selected: selected, positive: positive, minimumGroup: minimumGroup)
            return (percent, audit.groups.filter { !$0.suppressed }.map { ($0.value, $0.counts) })
        }
    }
}

extension ScoreSummary {
    /// One bin of a calibration table.
    public struct CalibrationBin: Sendable, Equatable {
        /// The bin's smallest score over all cases.
        public var low: Double
        /// The largest score of the bin.
        public var high: Double
        /// The group's cases in the bin.
        public var count: Int
        /// Their mean score.
        public var meanScore: Double
        /// Their share of positive outcomes.
        public var observedRate: Double

        /// Creates a bin.
        public init(low: Double, high: Double, count: Int, meanScore: Double, observedRate: Double) {
            self.low = low
            self.high = high
            self.count = count
            self.meanScore = meanScore
            self.observedRate = observedRate
        }
    }

    /// Calibration by group: the cases are cut into `bins` bins of equal size over all groups (by score), and each
    /// group's mean score is set against its observed rate in each bin, so that groups can be compared bin by bin.
    /// - Parameters:
    ///   - values: each case's group.
    ///   - scores: each case's score (a probability, for the comparison to mean anything).
    ///   - positive: each case's outcome.
    ///   - bins: how many bins.
    /// - Returns: group value → its non-empty bins, by increasing score.
    public static func calibration(values: [String?], scores: [Double], positive: [Bool], bins: Int = 10)
        -> [String: [CalibrationBin]]
    {
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        var bin = [Int](repeating: 0, count: scores.count)
        var bounds: [(Double, Double)] = []
        let count = max(1, bins)
        for part in 0..<count {
            let slice = order[(part * order.count / count)..<((part + 1) * order.count / count)]
            guard let first = slice.first, let last = slice.last else {
                bounds.append((.nan, .nan))
                continue
            }
            for index in slice { bin[index] = part }
            bounds.append((scores[first], scores[last]))
        }
        var sums: [String: [(count: Int, score: Double, positives: Int)]] = [:]
        for index in scores.indices {
            guard let value = values[index] else { continue }
            if sums[value] == nil { sums[value] = Array(repeating: (0, 0, 0), count: count) }
            sums[value]![bin[index]].count += 1
            sums[value]![bin[index]].score += scores[index]
            sums[value]![bin[index]].positives += positive[index] ? 1 : 0
        }
        return sums.mapValues { parts in
            parts.enumerated().compactMap { part, sum in
                guard sum.count > 0 else { return nil }
                return CalibrationBin(
                    low: bounds[part].0, high: bounds[part].1, count: sum.count,
                    meanScore: sum.score / Double(sum.count), observedRate: Double(sum.positives) / Double(sum.count))
            }
        }
    }
}
