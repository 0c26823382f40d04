import LanterneData

/// An ensemble laid out to score blocks of rows one tree level at a time.
///
/// Walking one row down a tree is a chain of dependent loads and unpredictable branches. Here a block of 64 rows goes
/// down a tree together: each pass moves every row still on a split one level down, choosing the child with a
/// conditional move, so the walks are independent work the processor overlaps; a row that reaches a leaf leaves the
/// list of rows to move (most rows stop well above the deepest leaf). Category sets are read from `PackedForest`'s
/// bit sets. Trees with LightGBM's rule that reads zero as missing are walked row by row by `PackedForest`. Each row
/// adds its trees in order, so every sum is the same as ``TreeEnsemble/logit(_:)``'s.
struct LevelOrderForest: Sendable {
    /// One split, 24 bytes. A child that is a leaf is written `~i`, `i` its value's index in `leafValues`.
    struct Node: Sendable {
        /// The threshold (under `lessThanFloat32` already rounded to single precision), or for a category split the
        /// index of its set in `PackedForest`.
        var threshold: Double
        var feature: Int32
        var left: Int32
        var right: Int32
        /// Bit 0: a missing value goes left; bit 1: a category split.
        var flags: UInt8
    }

    /// Every tree's splits, one tree after the other.
    let nodes: [Node]
    /// Every tree's leaf values.
    let leafValues: [Double]
    /// Each tree's root: a split's index in `nodes`, or `~i` for a tree that is one leaf.
    let roots: [Int32]
    /// Whether each tree can be walked level by level.
    let levelWise: [Bool]
    /// The same trees for walking row by row, with each tree's root.
    let packed: PackedForest
    let base: Double
    let rule: SplitRule
    let float32: Bool

    init(_ ensemble: TreeEnsemble) {
        let packed = PackedForest(ensemble)
        var nodes: [Node] = []
        var leafValues: [Double] = []
        var roots: [Int32] = []
        var levelWise: [Bool] = []
        for tree in ensemble.trees {
            // Where each node of the tree goes: its split's index, or `~i` for a leaf.
            var position = [Int32](repeating: 0, count: tree.nodeCount)
            var splits = nodes.count
            for node in 0..<tree.nodeCount {
                if tree.feature[node] >= 0 {
                    position[node] = Int32(splits)
                    splits += 1
                } else {
                    position[node] = ~Int32(leafValues.count)
                    leafValues.append(tree.value[node])
                }
            }
            roots.append(position[0])
            var simple = true
            for node in 0..<tree.nodeCount where tree.feature[node] >= 0 {
                let missing = tree.missing[node]
                if missing == .zero { simple = false }
                let threshold = tree.threshold[node]
                let categorical = tree.categorySet[node] >= 0
                // A missing value follows the default direction, or, under `none`, is compared as 0; on a category
                // split it goes right unless the rule is XGBoost's.
                let missingLeft: Bool
                if categorical {
                    missingLeft = missing == .nanOnCategories && tree.defaultLeft[node]
                } else if missing == .none {
                    missingLeft = ensemble.rule == .lessOrEqual ? 0 <= threshold : Float(0) < Float(threshold)
                } else {
                    missingLeft = tree.defaultLeft[node]
                }
                let value: Double
                if categorical {
                    value = Double(packed.nodes[packed.roots[roots.count - 1] + node].set)
                } else {
                    value = ensemble.rule == .lessOrEqual ? threshold : Double(Float(threshold))
                }
                nodes.append(
                    Node(
                        threshold: value, feature: tree.feature[node], left: position[Int(tree.left[node])],
                        right: position[Int(tree.right[node])], flags: (missingLeft ? 1 : 0) | (categorical ? 2 : 0)))
            }
            levelWise.append(simple)
        }
        self.nodes = nodes
        self.leafValues = leafValues
        self.roots = roots
        self.levelWise = levelWise
        self.packed = packed
        self.base = ensemble.baseScore
        self.rule = ensemble.rule
        self.float32 = ensemble.sumsInFloat32
    }

    /// The rows a block holds.
    static let blockSize = 64

    /// The log-odds of every row, blocks of rows shared between threads.
    func logits(_ matrix: FeatureMatrix, threads: Int) -> [Double] {
        let rows = matrix.rowCount
        let width = matrix.featureCount
        var output = [Double](repeating: 0, count: rows)
        let blockSize = Self.blockSize
        let blocks = (rows + blockSize - 1) / blockSize
        matrix.values.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { out in
                guard let valueBase = values.baseAddress, let outBase = out.baseAddress else { return }
                // Block `b` writes rows `b * blockSize ..< (b + 1) * blockSize` of the output.
                let input = SharedPointer(readOnly: valueBase)
                let results = SharedPointer(outBase)
                ForkJoin.run(chunks: blocks, threads: threads) { [self] block in
                    let start = block * blockSize
                    let count = min(rows, start + blockSize) - start
                    scoreBlock(input.pointer + start * width, width: width, count: count, into: results.pointer + start)
                }
            }
        }
        return output
    }

    /// Scores `count` rows starting at `rows` (row-major, `width` values each) into `out`.
    private func scoreBlock(
        _ rows: UnsafePointer<Double>, width: Int, count: Int, into out: UnsafeMutablePointer<Double>
    ) {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * Self.blockSize) { buffer in
            let positions = UnsafeMutableBufferPointer(rebasing: buffer[0..<Self.blockSize])
            let active = UnsafeMutableBufferPointer(rebasing: buffer[Self.blockSize...])
            var sums = [Double](repeating: base, count: count)
            var singleSums = [Float](repeating: Float(base), count: count)
            nodes.withUnsafeBufferPointer { nodes in
                leafValues.withUnsafeBufferPointer { leafValues in
                    packed.nodes.withUnsafeBufferPointer { packedNodes in
                        for tree in roots.indices {
                            if levelWise[tree] {
                                let root = roots[tree]
                                for r in 0..<count { positions[r] = root }
                                if root >= 0 {
                                    if rule == .lessOrEqual {
                                        walk(
                                            nodes, rows, width: width, count: count, positions, active,
                                            singlePrecision: false)
                                    } else {
                                        walk(
                                            nodes, rows, width: width, count: count, positions, active,
                                            singlePrecision: true)
                                    }
                                }
                                for r in 0..<count {
                                    let value = leafValues[Int(~positions[r])]
                                    if float32 { singleSums[r] += Float(value) } else { sums[r] += value }
                                }
                            } else {
                                let root = packed.roots[tree]
                                for r in 0..<count {
                                    let row = UnsafeBufferPointer(start: rows + r * width, count: width)
                                    let value = packed.leafValue(root, row, packedNodes)
                                    if float32 { singleSums[r] += Float(value) } else { sums[r] += value }
                                }
                            }
                        }
                    }
                }
            }
            for r in 0..<count { out[r] = float32 ? Double(singleSums[r]) : sums[r] }
        }
    }

    /// Moves the block's rows down from their positions, one level per pass, until every row is on a leaf. Each pass
    /// moves only the rows still on a split (`active`), compacted without a branch. `x <= threshold` goes left, or
    /// with `singlePrecision` `x < threshold` in single precision (XGBoost's rule).
    @inline(__always)
    private func walk(
        _ nodes: UnsafeBufferPointer<Node>, _ rows: UnsafePointer<Double>, width: Int, count: Int,
        _ positions: UnsafeMutableBufferPointer<Int32>, _ active: UnsafeMutableBufferPointer<Int32>,
        singlePrecision: Bool
    ) {
        for r in 0..<count { active[r] = Int32(r) }
        var remaining = count
        while remaining > 0 {
            var kept = 0
            for i in 0..<remaining {
                let r = Int(active[i])
                let node = nodes[Int(positions[r])]
                let x = rows[r &* width &+ Int(node.feature)]
                var left = (x != x).byte & node.flags & 1  // x != x: NaN
                if node.flags & 2 == 0 {
                    left |= (singlePrecision ? Double(Float(x)) < node.threshold : x <= node.threshold).byte
                } else {
                    left |= packed.categorySet(Int(node.threshold), contains: x).byte
                }
                let next = child(left: node.left, right: node.right, goesLeft: left)
                positions[r] = next
                active[kept] = Int32(truncatingIfNeeded: r)
                kept &+= Int(truncatingIfNeeded: (next >> 31) &+ 1)
            }
            remaining = kept
        }
    }
}
