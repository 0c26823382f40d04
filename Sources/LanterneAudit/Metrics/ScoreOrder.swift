/// The cases sorted by score, increasing, ties kept in file order: computed once and shared by everything that needs
/// an order (AUC, calibration bins, the K best scores, the capacity sweep).
///
/// Millions of scores are sorted by a least-significant-digit radix sort on the scores' bits (11 bits at a time,
/// skipping the digits every score shares), which is stable, so ties stay in file order without comparing indices.
public struct ScoreOrder: Sendable {
    /// Case indices by increasing score; equal scores in file order.
    public let ascending: [UInt32]
    /// The scores in that order.
    public let sortedScores: [Double]

    /// Sorts the cases.
    /// - Parameter scores: one score per case (no NaN).
    public init(scores: [Double]) {
        precondition(scores.count < Int(UInt32.max), "too many cases for one score order")
        if scores.count > 4_096 {
            ascending = Self.radixSorted(scores)
        } else {
            ascending = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }.map {
                UInt32($0)
            }
        }
        sortedScores = gathered(scores, by: ascending)
    }

    /// Values of the cases, in this order (so that later passes read memory in sequence).
    /// - Parameter values: one value per case.
    /// - Returns: the values by increasing score.
    public func gather<Value>(_ values: [Value]) -> [Value] { gathered(values, by: ascending) }

    /// Case indices by decreasing score; equal scores in file order (the first in the file is selected first).
    public func descending(scores: [Double]) -> [UInt32] {
        var order = [UInt32]()
        order.reserveCapacity(ascending.count)
        var end = ascending.count
        while end > 0 {
            var start = end - 1
            while start > 0 && sortedScores[start - 1] == sortedScores[end - 1] { start -= 1 }
            order.append(contentsOf: ascending[start..<end])
            end = start
        }
        return order
    }

    /// The exact AUC of the scores in each group, ties counted half (Mann–Whitney).
    /// - Parameters:
    ///   - scores: the scores this order was made from.
    ///   - positive: each case's outcome.
    ///   - codes: each case's group (`-1`: left out).
    ///   - groupCount: the number of groups.
    /// - Returns: one AUC per group, `nil` where the group lacks one of the outcomes.
    public func auc(scores: [Double], positive: [Bool], codes: [Int32], groupCount: Int) -> [Double?] {
        let groups = GroupColumn(codes: codes, names: (0..<groupCount).map(String.init))
        return ScoreSummary.measures(groups: groups, order: self, sortedPositive: gather(positive), bins: 1).summary
            .map { $0?.auc }
    }

    /// A key whose unsigned order is the order of the doubles (−0 and +0 are equal, as they compare).
    @inline(__always)
    private static func key(_ value: Double) -> UInt64 {
        let bits = (value == 0 ? 0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Sorts by the keys' high 32 bits (three stable passes of 11, 11 and 10 bits), then settles each run of equal
    /// high bits by the whole score and the position: half the memory of sorting 64-bit keys, and half the passes.
    private static func radixSorted(_ scores: [Double]) -> [UInt32] {
        let count = scores.count
        var keys = scores.map { UInt32(truncatingIfNeeded: key($0) >> 32) }
        var indices = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = UInt32(index) }
            initialized = count
        }
        var keysOut = [UInt32](repeating: 0, count: count)
        var indicesOut = [UInt32](repeating: 0, count: count)
        for (shift, bits) in [(UInt32(0), UInt32(11)), (11, 11), (22, 10)] {
            let buckets = 1 << Int(bits)
            let mask = UInt32(buckets - 1)
            var histogram = [Int](repeating: 0, count: buckets)
            keys.withUnsafeBufferPointer { keys in
                for key in keys { histogram[Int((key >> shift) & mask)] += 1 }
            }
            // A digit every key shares does not reorder anything.
            if histogram.contains(count) { continue }
            var offset = 0
            for bucket in 0..<buckets {
                let size = histogram[bucket]
                histogram[bucket] = offset
                offset += size
            }
            keys.withUnsafeBufferPointer { keysIn in
                indices.withUnsafeBufferPointer { indicesIn in
                    keysOut.withUnsafeMutableBufferPointer { keysOut in
                        indicesOut.withUnsafeMutableBufferPointer { indicesOut in
                            histogram.withUnsafeMutableBufferPointer { next in
                                for position in 0..<count {
                                    let key = keysIn[position]
                                    let bucket = Int((key >> shift) & mask)
                                    let target = next[bucket]
                                    next[bucket] = target + 1
                                    keysOut[target] = key
                                    indicesOut[target] = indicesIn[position]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &keysOut)
            swap(&indices, &indicesOut)
        }
        keysOut = []
        indicesOut = []
        // Runs of equal high bits are in file order (the passes are stable); order them by the whole score.
        scores.withUnsafeBufferPointer { scores in
            indices.withUnsafeMutableBufferPointer { indices in
                var start = 0
                while start < count {
                    var end = start + 1
                    while end < count && keys[end] == keys[start] { end += 1 }
                    if end - start > 1 {
                        var sorted = true
                        for position in (start + 1)..<end
                        where scores[Int(indices[position - 1])] > scores[Int(indices[position])] {
                            sorted = false
                            break
                        }
                        if !sorted {
                            indices[start..<end].sort {
                                let left = scores[Int($0)]
                                let right = scores[Int($1)]
                                return left != right ? left < right : $0 < $1
                            }
                        }
                    }
                    start = end
                }
            }
        }
        return indices
    }
}

/// `values` read at `indices`.
private func gathered<Value>(_ values: [Value], by indices: [UInt32]) -> [Value] {
    values.withUnsafeBufferPointer { values in
        indices.map { values[Int($0)] }
    }
}
