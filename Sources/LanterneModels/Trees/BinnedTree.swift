/// A tree's splits expressed on bins, to route binned rows without comparing values.
struct BinnedTree: Sendable {
    let feature: [Int32]
    let left: [Int32]
    let right: [Int32]
    let thresholdBin: [Int32]
    let defaultLeft: [Bool]
    /// For a categorical split, where its bins' left/right flags start in `categoryFlags`; -1 otherwise.
    let categoryStart: [Int32]
    let categoryFlags: [Bool]
    /// The same splits, one 16-byte step each, for walking blocks of rows level by level.
    let steps: [Step]

    /// One node for the level-by-level walk.
    struct Step: Sendable {
        /// The feature, or -1 for a leaf.
        var feature: Int32
        /// The children; a leaf's are itself.
        var left: Int32
        var right: Int32
        /// Numeric split: the last bin going left.
        var thresholdBin: UInt8
        /// Bit 0: missing values (bin 0) go left; bit 1: a category split (its flags in `categoryFlags`).
        var flags: UInt8
    }

    init(tree: DecisionTree, binning: FeatureBinning) {
        feature = tree.feature
        left = tree.left
        right = tree.right
        defaultLeft = tree.defaultLeft
        var thresholds: [Int32] = []
        var starts: [Int32] = []
        var flags: [Bool] = []
        for node in 0..<tree.nodeCount {
            let f = Int(tree.feature[node])
            guard f >= 0 else {
                thresholds.append(0)
                starts.append(-1)
                continue
            }
            if tree.categorySet[node] >= 0 {
                var mask = [Bool](repeating: false, count: binning.binCounts[f])
                for level in tree.categorySets[Int(tree.categorySet[node])] where Int(level) + 1 < mask.count {
                    mask[Int(level) + 1] = true
                }
                starts.append(Int32(flags.count))
                flags += mask
                thresholds.append(0)
            } else {
                starts.append(-1)
                thresholds.append(Int32(binning.upperBounds[f].firstIndex(of: tree.threshold[node]) ?? 0))
            }
        }
        thresholdBin = thresholds
        categoryStart = starts
        categoryFlags = flags
        steps = (0..<tree.nodeCount).map { node in
            guard tree.feature[node] >= 0 else {
                return Step(feature: -1, left: Int32(node), right: Int32(node), thresholdBin: 0, flags: 0)
            }
            return Step(
                feature: tree.feature[node], left: tree.left[node], right: tree.right[node],
                thresholdBin: UInt8(clamping: thresholds[node]),
                flags: (tree.defaultLeft[node] ? 1 : 0) | (starts[node] >= 0 ? 2 : 0))
        }
    }

    /// Adds to `scores[r]` the value of the leaf of each of `count` rows whose bins start at `rows` (row after row,
    /// `width` bins each). Blocks of 64 rows go down the tree together: each pass moves the rows still on a split one
    /// level, the child chosen by arithmetic rather than a branch, and drops the rows that reached a leaf.
    func addLeafValues(
        _ values: [Double], rows: UnsafePointer<UInt8>, width: Int, count: Int, to scores: UnsafeMutablePointer<Double>
    ) {
        let blockSize = 64
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * blockSize) { buffer in
            steps.withUnsafeBufferPointer { steps in
                categoryFlags.withUnsafeBufferPointer { categoryFlags in
                    categoryStart.withUnsafeBufferPointer { categoryStart in
                        var start = 0
                        while start < count {
                            let size = min(blockSize, count - start)
                            let block = rows + start * width
                            let positions = buffer.baseAddress!
                            let active = buffer.baseAddress! + blockSize
                            for r in 0..<size {
                                positions[r] = 0
                                active[r] = Int32(r)
                            }
                            var remaining = steps[0].feature >= 0 ? size : 0
                            while remaining > 0 {
                                var kept = 0
                                for i in 0..<remaining {
                                    let r = Int(active[i])
                                    let at = Int(positions[r])
                                    let step = steps[at]
                                    let bin = block[r &* width &+ Int(step.feature)]
                                    var left: UInt8
                                    if step.flags & 2 == 0 {
                                        let missing = (bin == 0).byte
                                        left =
                                            (missing & step.flags) | ((missing ^ 1) & (bin <= step.thresholdBin).byte)
                                    } else {
                                        left = (bin != 0 && categoryFlags[Int(categoryStart[at]) &+ Int(bin)]).byte
                                    }
                                    let next = child(left: step.left, right: step.right, goesLeft: left)
                                    positions[r] = next
                                    active[kept] = Int32(truncatingIfNeeded: r)
                                    kept &+= Int((steps[Int(next)].feature >= 0).byte)
                                }
                                remaining = kept
                            }
                            for r in 0..<size { scores[start + r] += values[Int(positions[r])] }
                            start += size
                        }
                    }
                }
            }
        }
    }

    /// The leaf of a row whose bins are read through `bin(feature)`.
    @inline(__always)
    func leaf(_ bin: (Int) -> Int) -> Int {
        feature.withUnsafeBufferPointer { feature in
            var node = 0
            while feature[node] >= 0 {
                let value = bin(Int(feature[node]))
                let goLeft: Bool
                let start = categoryStart[node]
                if start >= 0 {
                    goLeft = value != 0 && categoryFlags[Int(start) + value]
                } else if value == 0 {
                    goLeft = defaultLeft[node]
                } else {
                    goLeft = value <= Int(thresholdBin[node])
                }
                node = Int(goLeft ? left[node] : right[node])
            }
            return node
        }
    }

    /// The leaf of `row` in bins stored feature after feature.
    @inline(__always)
    func leaf(_ bins: UnsafeBufferPointer<UInt8>, row: Int, rows: Int) -> Int {
        leaf { Int(bins[$0 * rows + row]) }
    }
}
