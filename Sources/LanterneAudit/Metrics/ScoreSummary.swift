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
        let groups = GroupColumn(values: values)
        let summary = byGroup(groups: groups, scores: scores, positive: positive, order: ScoreOrder(scores: scores))
        return Dictionary(uniqueKeysWithValues: zip(groups.names, summary).filter { $0.1 != nil }.map { ($0, $1!) })
    }

    /// Each group's mean score and AUC, from groups already encoded and the cases already sorted.
    /// - Returns: one entry per group name, `nil` for a group without cases.
    public static func byGroup(groups: GroupColumn, scores: [Double], positive: [Bool], order: ScoreOrder) -> [(
        mean: Double, auc: Double?
    )?] {
        measures(groups: groups, order: order, sortedPositive: order.gather(positive), bins: 1).summary
    }

    /// Each group's mean score, AUC and calibration bins in one pass over the cases in score order.
    /// - Parameters:
    ///   - groups: each case's group.
    ///   - order: the cases sorted by score.
    ///   - sortedPositive: the outcomes in that order (``ScoreOrder/gather(_:)``), shared by several attributes.
    ///   - bins: how many calibration bins.
    /// - Returns: per group name, its mean and AUC (`nil` without cases) and its non-empty bins.
    public static func measures(groups: GroupColumn, order: ScoreOrder, sortedPositive: [Bool], bins: Int = 10)
        -> (summary: [(mean: Double, auc: Double?)?], calibration: [[CalibrationBin]])
    {
        // One pass down the scores: each case's group is read where it lies (no copy of the groups in score order),
        // blocks of equal scores settle the AUC, positions fall into the calibration bins.
        let groupCount = groups.names.count
        let binCount = max(1, bins)
        let total = order.ascending.count
        // Per group: AUC wins, negatives below, positives; the current block's counts. Per group and bin: count,
        // score sum, positives. Plain buffers: this loop runs once per case.
        let wins = UnsafeMutableBufferPointer<Double>.allocate(capacity: groupCount)
        let negativesBelow = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount)
        let positives = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount)
        let blockPositives = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount)
        let blockNegatives = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount)
        let binCounts = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount * binCount)
        let binScores = UnsafeMutableBufferPointer<Double>.allocate(capacity: groupCount * binCount)
        let binPositives = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount * binCount)
        let touched = UnsafeMutableBufferPointer<Int>.allocate(capacity: groupCount)
        for buffer in [negativesBelow, positives, blockPositives, blockNegatives, binCounts, binPositives] {
            buffer.initialize(repeating: 0)
        }
        wins.initialize(repeating: 0)
        binScores.initialize(repeating: 0)
        defer {
            for buffer in [negativesBelow, positives, blockPositives, blockNegatives, binCounts, binPositives, touched]
            {
                buffer.deallocate()
            }
            wins.deallocate()
            binScores.deallocate()
        }
        /// The pass over one kind of code array (`none` marks a case left out).
        func pass<Code: FixedWidthInteger>(_ codes: UnsafeBufferPointer<Code>, none: Code) {
            order.sortedScores.withUnsafeBufferPointer { scores in
                order.ascending.withUnsafeBufferPointer { ascending in
                    sortedPositive.withUnsafeBufferPointer { positive in
                        var part = 0
                        var partEnd = total / binCount
                        var touchedCount = 0
                        var start = 0
                        while start < total {
                            let value = scores[start]
                            var end = start
                            while end < total && scores[end] == value {
                                while end >= partEnd && part < binCount - 1 {
                                    part += 1
                                    partEnd = (part + 1) * total / binCount
                                }
                                let code = codes[Int(ascending[end])]
                                if code != none {
                                    let group = Int(code)
                                    if blockPositives[group] == 0 && blockNegatives[group] == 0 {
                                        touched[touchedCount] = group
                                        touchedCount += 1
                                    }
                                    let isPositive = positive[end] ? 1 : 0
                                    blockPositives[group] += isPositive
                                    blockNegatives[group] += 1 - isPositive
                                    let cell = group * binCount + part
                                    binCounts[cell] += 1
                                    binScores[cell] += value
                                    binPositives[cell] += isPositive
                                }
                                end += 1
                            }
                            for slot in 0..<touchedCount {
                                let group = touched[slot]
                                // Each positive beats the negatives below it and ties with the negatives of its block.
                                wins[group] +=
                                    Double(blockPositives[group])
                                    * (Double(negativesBelow[group]) + Double(blockNegatives[group]) / 2)
                                negativesBelow[group] += blockNegatives[group]
                                positives[group] += blockPositives[group]
                                blockPositives[group] = 0
                                blockNegatives[group] = 0
                            }
                            touchedCount = 0
                            start = end
                        }
                    }
                }
            }
        }
        if groupCount < Int(UInt8.max) {
            // One byte per case: the codes read in score order (at random) stay in cache four times more often.
            let compact = groups.codes.map { $0 < 0 ? UInt8.max : UInt8(truncatingIfNeeded: $0) }
            compact.withUnsafeBufferPointer { pass($0, none: UInt8.max) }
        } else {
            groups.codes.withUnsafeBufferPointer { pass($0, none: -1) }
        }
        let aucs = (0..<groupCount).map { group -> Double? in
            guard positives[group] > 0, negativesBelow[group] > 0 else { return nil }
            return wins[group] / (Double(positives[group]) * Double(negativesBelow[group]))
        }
        let bounds = (0..<binCount).map { part -> (Double, Double) in
            let low = part * total / binCount
            let high = (part + 1) * total / binCount
            return low < high ? (order.sortedScores[low], order.sortedScores[high - 1]) : (.nan, .nan)
        }
        let table = (0..<groupCount).map { group in
            (0..<binCount).compactMap { part -> CalibrationBin? in
                let cell = group * binCount + part
                let count = binCounts[cell]
                guard count > 0 else { return nil }
                return CalibrationBin(
                    low: bounds[part].0, high: bounds[part].1, count: count, meanScore: binScores[cell] / Double(count),
                    observedRate: Double(binPositives[cell]) / Double(count))
            }
        }
        let summary = (0..<groupCount).map { group -> (mean: Double, auc: Double?)? in
            // The bins' sums, added in a fixed order.
            let cells = (group * binCount)..<((group + 1) * binCount)
            let count = cells.reduce(0) { $0 + binCounts[$1] }
            guard count > 0 else { return nil }
            return (cells.reduce(0.0) { $0 + binScores[$1] } / Double(count), aucs[group])
        }
        return (summary, table)
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
        sweep(
            groups: GroupColumn(values: values), scores: scores, positive: positive,
            order: ScoreOrder(scores: scores), percents: percents, minimumGroup: minimumGroup)
    }

    /// The sweep from groups already encoded and the cases already sorted: one walk down the scores, the counts read
    /// at each share's cut.
    public static func sweep(
        groups: GroupColumn, scores: [Double], positive: [Bool], order: ScoreOrder, percents: [Double],
        minimumGroup: Int
    ) -> [(percent: Double, groups: [(value: String, counts: ConfusionCounts)])] {
        let descending = order.descending(scores: scores)
        // Before any selection, every case is a negative decision.
        var counts = [ConfusionCounts](repeating: ConfusionCounts(), count: groups.names.count)
        for (row, code) in groups.codes.enumerated() where code >= 0 {
            counts[Int(code)].add(selected: false, positive: positive[row])
        }
        let published = counts.indices.filter { counts[$0].count >= minimumGroup }.sorted {
            counts[$0].count != counts[$1].count
                ? counts[$0].count > counts[$1].count : groups.names[$0] < groups.names[$1]
        }
        var taken = 0
        return percents.map { percent in
            let cut = min(descending.count, Int((Double(scores.count) * percent / 100).rounded(.up)))
            while taken < cut {
                let row = Int(descending[taken])
                let code = Int(groups.codes[row])
                if code >= 0 {
                    if positive[row] {
                        counts[code].falseNegatives -= 1
                        counts[code].truePositives += 1
                    } else {
                        counts[code].trueNegatives -= 1
                        counts[code].falsePositives += 1
                    }
                }
                taken += 1
            }
            return (percent, published.map { (groups.names[$0], counts[$0]) })
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
        let groups = GroupColumn(values: values)
        let table = calibration(
            groups: groups, scores: scores, positive: positive, order: ScoreOrder(scores: scores), bins: bins)
        return Dictionary(uniqueKeysWithValues: zip(groups.names, table).filter { !$0.1.isEmpty })
    }

    /// Calibration by group from groups already encoded and the cases already sorted.
    /// - Returns: one list of non-empty bins per group name, by increasing score.
    public static func calibration(
        groups: GroupColumn, scores: [Double], positive: [Bool], order: ScoreOrder, bins: Int = 10
    ) -> [[CalibrationBin]] {
        measures(groups: groups, order: order, sortedPositive: order.gather(positive), bins: bins).calibration
    }
}
