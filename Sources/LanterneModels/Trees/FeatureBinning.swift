import LanterneData

/// Training data cut into bins, one byte per value, the way histogram-based boosting reads it.
///
/// Bin 0 holds missing values. A numeric feature's values go to bins 1...k by ascending upper bounds chosen from the
/// quantiles of its distinct values (every distinct value has its own bin when there are few); a categorical feature's
/// level `i` goes to bin `i + 1`.
public struct FeatureBinning: Sendable {
    /// For each feature, the inclusive upper bound of each value bin (index 0 unused for numeric features); empty for a
    /// categorical feature.
    public let upperBounds: [[Double]]
    /// Whether each feature is categorical.
    public let categorical: [Bool]
    /// The number of bins of each feature, bin 0 included.
    public let binCounts: [Int]

    /// Chooses the bins of each feature from the training rows, features shared between `threads` threads.
    /// - Parameters:
    ///   - matrix: the training rows.
    ///   - features: the features (categorical ones have levels).
    ///   - maxBins: the most value bins per numeric feature (up to 255).
    ///   - threads: the threads to use.
    public init(matrix: FeatureMatrix, features: [ModelFeature], maxBins: Int, threads: Int = 1) {
        let maxBins = min(255, max(2, maxBins))
        let count = features.count
        let results = ForkJoin.map(chunks: count, threads: threads) { index in
            features[index].levels == nil ? Self.upperBounds(matrix: matrix, feature: index, maxBins: maxBins) : []
        }
        upperBounds = results
        categorical = features.map { $0.levels != nil }
        binCounts = features.indices.map { index in
            features[index].levels.map { min(256, $0.count + 1) } ?? results[index].count
        }
    }

    /// The upper bounds of a numeric feature's bins, bound 0 (missing values) included.
    private static func upperBounds(matrix: FeatureMatrix, feature index: Int, maxBins: Int) -> [Double] {
        // Bounds come from at most 200,000 rows taken at a fixed stride (LightGBM also bins from a sample).
        let step = max(1, matrix.rowCount / 200_000)
        var values: [Double] = []
        values.reserveCapacity(matrix.rowCount / step + 1)
        for row in stride(from: 0, to: matrix.rowCount, by: step) {
            let x = matrix[row, index]
            if !x.isNaN { values.append(x) }
        }
        Self.radixSort(&values)
        // Distinct values and their counts.
        var distinct: [Double] = []
        var counts: [Int] = []
        for x in values {
            if let last = distinct.last, last == x {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(x)
                counts.append(1)
            }
        }
        var bounds: [Double] = [-.infinity]
        if distinct.count <= maxBins {
            // One bin per value; the bound is the midpoint to the next value, as LightGBM does.
            for i in distinct.indices {
                bounds.append(i + 1 < distinct.count ? (distinct[i] + distinct[i + 1]) / 2 : .infinity)
            }
        } else {
            // Equal-count bins over the distinct values, never splitting a value.
            let perBin = Double(values.count) / Double(maxBins)
            var accumulated = 0
            var nextCut = perBin
            for i in distinct.indices {
                accumulated += counts[i]
                let last = i + 1 == distinct.count
                if last {
                    bounds.append(.infinity)
                } else if Double(accumulated) >= nextCut && bounds.count < maxBins {
                    bounds.append((distinct[i] + distinct[i + 1]) / 2)
                    while nextCut <= Double(accumulated) { nextCut += perBin }
                }
            }
        }
        if bounds.count == 1 { bounds.append(.infinity) }
        return bounds
    }

    /// Sorts numbers (no NaN) in ascending order, least significant byte first on their bits turned into unsigned keys
    /// that order as the numbers do; bytes that every key shares are skipped. −0 comes before +0, which the callers
    /// count as one value, as `sort()` does (which keeps them in the order found).
    static func radixSort(_ values: inout [Double]) {
        let count = values.count
        guard count > 1 else { return }
        // Sign set: all bits flipped (more negative is smaller); sign clear: the sign bit set.
        var keys = values.map { x -> UInt64 in
            let bits = x.bitPattern
            return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        var spare = [UInt64](repeating: 0, count: count)
        let first = keys[0]
        var differing: UInt64 = 0
        for key in keys { differing |= key ^ first }
        keys.withUnsafeMutableBufferPointer { source in
            spare.withUnsafeMutableBufferPointer { target in
                var from = source.baseAddress!
                var to = target.baseAddress!
                var counts = [Int](repeating: 0, count: 256)
                for shift in stride(from: 0, to: 64, by: 8) where (differing >> UInt64(shift)) & 0xFF != 0 {
                    for i in 0..<256 { counts[i] = 0 }
                    for i in 0..<count { counts[Int((from[i] >> UInt64(shift)) & 0xFF)] += 1 }
                    var position = 0
                    for i in 0..<256 {
                        let n = counts[i]
                        counts[i] = position
                        position += n
                    }
                    for i in 0..<count {
                        let key = from[i]
                        let digit = Int((key >> UInt64(shift)) & 0xFF)
                        to[counts[digit]] = key
                        counts[digit] += 1
                    }
                    swap(&from, &to)
                }
                for i in 0..<count {
                    let key = from[i]
                    let bits = key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key
                    values[i] = Double(bitPattern: bits)
                }
            }
        }
    }

    /// The bin of a value of feature `feature`.
    /// - Parameters:
    ///   - x: the value (NaN when missing).
    ///   - feature: the feature index.
    /// - Returns: the bin.
    @inlinable
    public func bin(_ x: Double, feature: Int) -> UInt8 {
        if x.isNaN { return 0 }
        if categorical[feature] {
            let code = Int(x)
            return code >= 0 && code + 1 < binCounts[feature] ? UInt8(code + 1) : 0
        }
        return upperBounds[feature].withUnsafeBufferPointer { Self.numericBin(x, bounds: $0) }
    }

    /// The first bin from 1 whose upper bound is at least `x` (the last bound is infinite), found without branches
    /// that depend on the value: the range is halved a fixed number of times and each step is a conditional move.
    @inlinable
    static func numericBin(_ x: Double, bounds: UnsafeBufferPointer<Double>) -> UInt8 {
        var base = 1
        var length = bounds.count - 1
        while length > 1 {
            let half = length >> 1
            // The comparison's byte, 0 or 1, multiplied rather than branched on.
            base &+= half &* Int((bounds[base &+ half &- 1] < x).byte)
            length &-= half
        }
        return UInt8(truncatingIfNeeded: base &+ Int((bounds[base] < x).byte))
    }

    /// Every value of `matrix` binned, row after row (`bins[row * features + feature]`), blocks of rows binned on
    /// `threads` threads.
    /// - Parameters:
    ///   - matrix: the rows.
    ///   - threads: the threads to use.
    /// - Returns: the bins.
    public func binnedByRow(_ matrix: FeatureMatrix, threads: Int = 1) -> [UInt8] {
        let rows = matrix.rowCount
        let width = matrix.featureCount
        var bins = [UInt8](repeating: 0, count: rows * width)
        let blocks = max(1, min(threads, rows / 16_384))
        // Every numeric feature's bounds one after the other, read through one pointer in the loop.
        var flatBounds: [Double] = []
        var starts: [Int] = []
        for feature in 0..<width {
            starts.append(flatBounds.count)
            flatBounds += upperBounds[feature]
        }
        let boundStarts = starts
        let boundCounts = upperBounds.map(\.count)
        bins.withUnsafeMutableBufferPointer { output in
            matrix.values.withUnsafeBufferPointer { values in
                flatBounds.withUnsafeBufferPointer { allBounds in
                    // Block `b` writes the bins of its own rows.
                    let target = SharedPointer(output.baseAddress!)
                    let source = SharedPointer(readOnly: values.baseAddress!)
                    let bounds = SharedPointer(readOnly: allBounds.baseAddress ?? UnsafePointer(bitPattern: 8)!)
                    ForkJoin.run(chunks: blocks, threads: blocks) { [self] block in
                        for row in (rows * block / blocks)..<(rows * (block + 1) / blocks) {
                            for feature in 0..<width {
                                let x = source.pointer[row &* width &+ feature]
                                let value: UInt8
                                if x.isNaN {
                                    value = 0
                                } else if categorical[feature] {
                                    value = bin(x, feature: feature)
                                } else {
                                    value = Self.numericBin(
                                        x,
                                        bounds: UnsafeBufferPointer(
                                            start: bounds.pointer + boundStarts[feature],
                                            count: boundCounts[feature]))
                                }
                                target.pointer[row &* width &+ feature] = value
                            }
                        }
                    }
                }
            }
        }
        return bins
    }

    /// Every value of `matrix` binned, feature after feature (`bins[feature * rows + row]`).
    /// - Parameter matrix: the rows.
    /// - Returns: the bins.
    public func binned(_ matrix: FeatureMatrix) -> [UInt8] {
        let rows = matrix.rowCount
        let width = matrix.featureCount
        var bins = [UInt8](repeating: 0, count: rows * width)
        bins.withUnsafeMutableBufferPointer { output in
            matrix.values.withUnsafeBufferPointer { values in
                for feature in 0..<width {
                    let target = output.baseAddress! + feature * rows
                    for row in 0..<rows { target[row] = bin(values[row * width + feature], feature: feature) }
                }
            }
        }
        return bins
    }
}
