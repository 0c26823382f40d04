import LanterneData

/// Grows one tree leaf by leaf (best gain first) from gradients and hessians over binned rows.
struct TreeGrower {
    /// A possible split of a leaf.
    struct Split {
        var feature: Int
        var gain: Double
        /// Numeric: rows with bin <= thresholdBin go left.
        var thresholdBin: Int
        /// Categorical: the bins (level + 1) that go left.
        var categoryBins: [Int]?
        /// Where missing values (bin 0) go.
        var missingLeft: Bool
        var left: HistogramBin
        var right: HistogramBin
        var leftValue: Double
        var rightValue: Double
    }

    /// A leaf being grown.
    struct Leaf {
        var start: Int
        var count: Int
        var sums: HistogramBin
        var depth: Int
        var node: Int
        var lower: Double
        var upper: Double
        var histogram: NodeHistogram
        var best: Split?
    }

    let binning: FeatureBinning
    let bins: [UInt8]
    /// The same bins row after row, when the trainer provides them: a node's histograms then read each row's bins from
    /// one or two cache lines instead of one per feature.
    var denseRows: DenseRowBins? = nil
    /// The same bins without each feature's most frequent one, when the trainer provides them and every feature is
    /// allowed: histograms then add only the bins that differ from the usual.
    var sparseRows: SparseRowBins? = nil
    let rows: Int
    let parameters: BoostingParameters
    let offsets: [Int]
    let totalBins: Int
    let allowedFeatures: [Int]

    init(
        binning: FeatureBinning, bins: [UInt8], rows: Int, parameters: BoostingParameters, allowedFeatures: [Int],
        offsets: [Int], totalBins: Int
    ) {
        self.binning = binning
        self.bins = bins
        self.rows = rows
        self.parameters = parameters
        self.offsets = offsets
        self.totalBins = totalBins
        self.allowedFeatures = allowedFeatures
    }

    init(binning: FeatureBinning, bins: [UInt8], rows: Int, parameters: BoostingParameters, allowedFeatures: [Int]) {
        self.binning = binning
        self.bins = bins
        self.rows = rows
        self.parameters = parameters
        var offsets: [Int] = []
        var total = 0
        for count in binning.binCounts {
            offsets.append(total)
            total += count
        }
        self.offsets = offsets
        self.totalBins = total
        self.allowedFeatures = allowedFeatures
    }

    /// The leaf value (before shrinkage) minimising the penalised loss within bounds, and the loss reduction it
    /// brings: −(2 G w + (H + λ) w²).
    @inline(__always)
    func output(_ sums: HistogramBin, lower: Double, upper: Double) -> (value: Double, score: Double) {
        let h = sums.hessian + parameters.l2
        var w = h > 0 ? -sums.gradient / h : 0
        w = min(max(w, lower), upper)
        return (w, -(2 * sums.gradient * w + h * w * w))
    }

    /// The best split of a leaf, or `nil` when none gains enough or respects the limits.
    func bestSplit(_ leaf: Leaf) -> Split? {
        if parameters.maxDepth > 0 && leaf.depth >= parameters.maxDepth { return nil }
        if leaf.count < 2 * parameters.minLeaf { return nil }
        let parentScore = output(leaf.sums, lower: leaf.lower, upper: leaf.upper).score
        // Each feature's best split, features shared between threads; the best is then chosen in feature order, so
        // the result does not depend on the threads.
        let features = allowedFeatures
        let candidates = ForkJoin.map(chunks: features.count, threads: parameters.threads) { [self] index in
            let feature = features[index]
            return binning.categorical[feature]
                ? bestCategorical(feature, leaf, parentScore) : bestNumeric(feature, leaf, parentScore)
        }
        var best: Split? = nil
        for candidate in candidates {
            if let candidate, candidate.gain > (best?.gain ?? parameters.minGain), candidate.gain > 1e-12 {
                best = candidate
            }
        }
        return best
    }

    private func acceptable(_ side: HistogramBin) -> Bool {
        side.count >= parameters.minLeaf && side.hessian >= parameters.minHessian
    }

    private func bestNumeric(_ feature: Int, _ leaf: Leaf, _ parentScore: Double) -> Split? {
        let offset = offsets[feature]
        let binCount = binning.binCounts[feature]
        let histogram = leaf.histogram.bins
        let missing = histogram[offset]
        let constraint = parameters.monotone[feature] ?? 0
        var best: Split? = nil
        let hasMissing = missing.hessian > 0
        for missingLeft in hasMissing ? [true, false] : [false] {
            var left = missingLeft ? missing : HistogramBin()
            for k in 1..<(binCount - 1) {
                left = left + histogram[offset + k]
                let right = leaf.sums - left
                if left.count < parameters.minLeaf { continue }
                if right.count < parameters.minLeaf { break }
                guard acceptable(left), acceptable(right) else { continue }
                let l = output(left, lower: leaf.lower, upper: leaf.upper)
                let r = output(right, lower: leaf.lower, upper: leaf.upper)
                if constraint > 0 && l.value > r.value { continue }
                if constraint < 0 && l.value < r.value { continue }
                let gain = l.score + r.score - parentScore
                if gain > (best?.gain ?? 0) {
                    best = Split(
                        feature: feature, gain: gain, thresholdBin: k, categoryBins: nil,
                        missingLeft: hasMissing ? missingLeft : left.hessian >= right.hessian, left: left,
                        right: right, leftValue: l.value, rightValue: r.value)
                }
            }
        }
        return best
    }

    /// The best categorical split, LightGBM's way: one level against the rest for few levels; otherwise levels with
    /// enough rows ordered by their smoothed mean gradient, and the best prefix of that order (from either end), with
    /// an extra L2 penalty and a minimum of rows per group of levels.
    private func bestCategorical(_ feature: Int, _ leaf: Leaf, _ parentScore: Double) -> Split? {
        let offset = offsets[feature]
        let histogram = leaf.histogram.bins
        let levels = binning.binCounts[feature] - 1
        var best: Split? = nil
        func consider(_ chosen: [Int], _ left: HistogramBin, extraL2: Double) {
            let right = leaf.sums - left
            guard acceptable(left), acceptable(right) else { return }
            var lambda = parameters
            lambda.l2 += extraL2
            let penalised = TreeGrower(
                binning: binning, bins: [], rows: 0, parameters: lambda, allowedFeatures: [], offsets: offsets,
                totalBins: totalBins)
            let l = penalised.output(left, lower: leaf.lower, upper: leaf.upper)
            let r = penalised.output(right, lower: leaf.lower, upper: leaf.upper)
            let parent = penalised.output(leaf.sums, lower: leaf.lower, upper: leaf.upper).score
            let gain = l.score + r.score - parent
            if gain > (best?.gain ?? 0) {
                best = Split(
                    feature: feature, gain: gain, thresholdBin: 0, categoryBins: chosen.sorted(), missingLeft: false,
                    left: left, right: right, leftValue: l.value, rightValue: r.value)
            }
        }
        if levels <= parameters.maxCategoriesOneHot {
            for bin in 1...max(1, levels) where histogram[offset + bin].hessian > 0 {
                consider([bin], histogram[offset + bin], extraL2: 0)
            }
            return best
        }
        let smoothing = parameters.categorySmoothing
        var candidates = (1...levels).filter { Double(histogram[offset + $0].count) >= smoothing }
        guard candidates.count >= 2 else { return nil }
        candidates.sort { a, b in
            let x = histogram[offset + a]
            let y = histogram[offset + b]
            let rx = x.gradient / (x.hessian + smoothing)
            let ry = y.gradient / (y.hessian + smoothing)
            return rx != ry ? rx < ry : a < b
        }
        let limit = min(parameters.maxCategoryThreshold, (candidates.count + 1) / 2)
        for order in [candidates, candidates.reversed()] {
            var left = HistogramBin()
            var sinceLast = 0
            for k in 0..<min(limit, order.count - 1) {
                let bin = histogram[offset + order[k]]
                left = left + bin
                sinceLast += bin.count
                if left.count < parameters.minRowsPerCategoryGroup || sinceLast < parameters.minRowsPerCategoryGroup {
                    continue
                }
                if (leaf.sums - left).count < parameters.minRowsPerCategoryGroup { break }
                sinceLast = 0
                consider(Array(order[0...k]), left, extraL2: parameters.categoryL2)
            }
        }
        return best
    }

    /// Whether a row with `bin` goes left under `split`.
    @inline(__always)
    static func goesLeft(_ bin: Int, _ split: Split) -> Bool {
        if let categories = split.categoryBins { return bin != 0 && categories.contains(bin) }
        if bin == 0 { return split.missingLeft }
        return bin <= split.thresholdBin
    }

    /// A final leaf: its node and the range of `indices` holding its rows.
    struct LeafRange {
        var node: Int
        var start: Int
        var count: Int
    }

    /// Grows a tree over `indices` (the rows of this round).
    /// - Returns: the tree (leaf values already shrunk) and its leaves' row ranges in the reordered `indices`.
    func grow(indices: inout [Int32], derivatives: [SIMD2<Double>]) -> (
        tree: DecisionTree, leaves: [LeafRange]
    ) {
        var tree = DecisionTree()
        var total = HistogramBin()
        for r in indices {
            total.gradient += derivatives[Int(r)].x
            total.hessian += derivatives[Int(r)].y
        }
        total.count = indices.count
        // Every row in order (the root of a round without subsampling): its histogram reads them without the indices.
        let inOrder = indices.count == rows && indices.indices.allSatisfy { indices[$0] == Int32($0) }
        let rootValue = output(total, lower: -.infinity, upper: .infinity).value
        tree.appendNode(
            feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
            value: rootValue * parameters.learningRate, cover: total.hessian, count: total.count)
        var root = Leaf(
            start: 0, count: indices.count, sums: total, depth: 0, node: 0, lower: -.infinity, upper: .infinity,
            histogram: histogram(
                indices: indices, start: 0, count: indices.count, sequential: inOrder, derivatives: derivatives),
            best: nil)
        root.best = bestSplit(root)
        var leaves = [root]
        while leaves.count < parameters.leaves {
            guard
                let chosen = leaves.indices.filter({ leaves[$0].best != nil }).max(by: { a, b in
                    let ga = leaves[a].best!.gain
                    let gb = leaves[b].best!.gain
                    return ga != gb ? ga < gb : a > b
                })
            else { break }
            let leaf = leaves[chosen]
            let split = leaf.best!
            // Partition the leaf's rows in place: left ones first, order kept on both sides.
            let column = split.feature * rows
            // Which bins go left, as a table: one lookup per row whatever the kind of split.
            let goesLeft = (0..<256).map { UInt8(TreeGrower.goesLeft($0, split) ? 1 : 0) }
            let leftCount = TreeGrower.partition(
                &indices, start: leaf.start, count: leaf.count, bins: bins, column: column, goesLeft: goesLeft,
                threads: parameters.threads)
            let rightCount = leaf.count - leftCount
            // Children bounds (monotone constraints).
            var leftBounds = (leaf.lower, leaf.upper)
            var rightBounds = (leaf.lower, leaf.upper)
            if let constraint = parameters.monotone[split.feature], constraint != 0 {
                let middle = (split.leftValue + split.rightValue) / 2
                if constraint > 0 {
                    leftBounds.1 = min(leftBounds.1, middle)
                    rightBounds.0 = max(rightBounds.0, middle)
                } else {
                    leftBounds.0 = max(leftBounds.0, middle)
                    rightBounds.1 = min(rightBounds.1, middle)
                }
            }
            // Turn the leaf's node into a split and add two leaf nodes.
            let leftNode = tree.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
                value: split.leftValue * parameters.learningRate, cover: split.left.hessian, count: leftCount)
            let rightNode = tree.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
                value: split.rightValue * parameters.learningRate, cover: split.right.hessian, count: rightCount)
            tree.feature[leaf.node] = Int32(split.feature)
            tree.left[leaf.node] = Int32(leftNode)
            tree.right[leaf.node] = Int32(rightNode)
            tree.defaultLeft[leaf.node] = split.missingLeft
            if let categories = split.categoryBins {
                tree.categorySet[leaf.node] = Int32(tree.categorySets.count)
                tree.categorySets.append(categories.map { Int32($0 - 1) })
            } else {
                tree.threshold[leaf.node] = binning.upperBounds[split.feature][split.thresholdBin]
            }
            // Histograms: build the smaller child, subtract for the larger.
            let leftStart = leaf.start
            let rightStart = leaf.start + leftCount
            let smallerIsLeft = leftCount <= rightCount
            let small = histogram(
                indices: indices, start: smallerIsLeft ? leftStart : rightStart,
                count: smallerIsLeft ? leftCount : rightCount, derivatives: derivatives)
            let large = leaf.histogram.subtracting(small)
            var leftLeaf = Leaf(
                start: leftStart, count: leftCount, sums: split.left, depth: leaf.depth + 1, node: leftNode,
                lower: leftBounds.0, upper: leftBounds.1, histogram: smallerIsLeft ? small : large, best: nil)
            var rightLeaf = Leaf(
                start: rightStart, count: rightCount, sums: split.right, depth: leaf.depth + 1, node: rightNode,
                lower: rightBounds.0, upper: rightBounds.1, histogram: smallerIsLeft ? large : small, best: nil)
            leftLeaf.best = bestSplit(leftLeaf)
            rightLeaf.best = bestSplit(rightLeaf)
            leaves[chosen] = leftLeaf
            leaves.append(rightLeaf)
        }
        return (tree, leaves.map { LeafRange(node: $0.node, start: $0.start, count: $0.count) })
    }
}
