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

    /// Chooses the bins of each feature from the training rows.
    /// - Parameters:
    ///   - matrix: the training rows.
    ///   - features: the features (categorical ones have levels).
    ///   - maxBins: the most value bins per numeric feature (up to 255).
    public init(matrix: FeatureMatrix, features: [ModelFeature], maxBins: Int) {
        let maxBins = min(255, max(2, maxBins))
        var upperBounds: [[Double]] = []
        var categorical: [Bool] = []
        var binCounts: [Int] = []
        for (index, feature) in features.enumerated() {
            if let levels = feature.levels {
                upperBounds.append([])
                categorical.append(true)
                binCounts.append(min(256, levels.count + 1))
                continue
            }
            // Bounds come from at most 200,000 rows taken at a fixed stride (LightGBM also bins from a sample).
            let step = max(1, matrix.rowCount / 200_000)
            var values: [Double] = []
            values.reserveCapacity(matrix.rowCount / step + 1)
            for row in stride(from: 0, to: matrix.rowCount, by: step) {
                let x = matrix[row, index]
                if !x.isNaN { values.append(x) }
            }
            values.sort()
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
            upperBounds.append(bounds)
            categorical.append(false)
            binCounts.append(bounds.count)
        }
        self.upperBounds = upperBounds
        self.categorical = categorical
        self.binCounts = binCounts
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
        let bounds = upperBounds[feature]
        var low = 1
        var high = bounds.count - 1
        while low < high {
            let middle = (low + high) / 2
            if x <= bounds[middle] { high = middle } else { low = middle + 1 }
        }
        return UInt8(low)
    }

    /// Every value of `matrix` binned, row after row (`bins[row * features + feature]`), reading the matrix once in
    /// order.
    /// - Parameter matrix: the rows.
    /// - Returns: the bins.
    public func binnedByRow(_ matrix: FeatureMatrix) -> [UInt8] {
        let rows = matrix.rowCount
        let width = matrix.featureCount
        var bins = [UInt8](repeating: 0, count: rows * width)
        bins.withUnsafeMutableBufferPointer { output in
            matrix.values.withUnsafeBufferPointer { values in
                for row in 0..<rows {
                    for feature in 0..<width {
                        output[row * width + feature] = bin(values[row * width + feature], feature: feature)
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
                    if categorical[feature] {
                        for row in 0..<rows { target[row] = bin(values[row * width + feature], feature: feature) }
                        continue
                    }
                    upperBounds[feature].withUnsafeBufferPointer { bounds in
                        let last = bounds.count - 1
                        for row in 0..<rows {
                            let x = values[row * width + feature]
                            if x.isNaN {
                                target[row] = 0
                                continue
                            }
                            var low = 1
                            var high = last
                            while low < high {
                                let middle = (low + high) >> 1
                                if x <= bounds[middle] { high = middle } else { low = middle + 1 }
                            }
                            target[row] = UInt8(truncatingIfNeeded: low)
                        }
                    }
                }
            }
        }
        return bins
    }
}
