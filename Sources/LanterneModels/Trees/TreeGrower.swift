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
    /// Threads kept for the whole training, handed each step in turn; `ForkJoin` without it.
    var team: WorkerTeam? = nil
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

    /// What the split search reads of a node: its histograms, totals and bounds.
    struct NodeView {
        /// The node's histograms (`totalBins` bins, feature after feature).
        var bins: UnsafePointer<HistogramBin>
        var sums: HistogramBin
        var lower: Double
        var upper: Double
        /// The score of the node left whole, which a split must beat.
        var parentScore: Double
    }

    /// Whether a node of `count` rows at `depth` may be split at all.
    func maySplit(count: Int, depth: Int) -> Bool {
        !(parameters.maxDepth > 0 && depth >= parameters.maxDepth) && count >= 2 * parameters.minLeaf
    }

    /// The view of a node for the split search.
    func view(_ bins: UnsafePointer<HistogramBin>, sums: HistogramBin, lower: Double, upper: Double) -> NodeView {
        let unbounded = lower == -.infinity && upper == .infinity
        return NodeView(
            bins: bins, sums: sums, lower: lower, upper: upper,
            parentScore: unbounded
                ? Self.unboundedScore(sums, l2: parameters.l2) : output(sums, lower: lower, upper: upper).score)
    }

    /// `output(sums).score` when the value is not bounded: −(2 G w + H w²) at w = −G / H is G² / H (H with λ).
    @inline(__always)
    static func unboundedScore(_ sums: HistogramBin, l2: Double) -> Double {
        let h = sums.hessian + l2
        return h > 0 ? sums.gradient * sums.gradient / h : 0
    }

    /// The best split of a node on one feature, or `nil`.
    func bestSplit(_ feature: Int, _ node: NodeView) -> Split? {
        binning.categorical[feature] ? bestCategorical(feature, node) : bestNumeric(feature, node)
    }

    /// The best of the features' candidates, taken in feature order (the first of equal gains), or `nil` when none
    /// gains enough.
    func choose(_ candidates: some Sequence<Split?>) -> Split? {
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

    private func bestNumeric(_ feature: Int, _ leaf: NodeView) -> Split? {
        let offset = offsets[feature]
        let binCount = binning.binCounts[feature]
        let histogram = leaf.bins
        let missing = histogram[offset]
        let constraint = parameters.monotone[feature] ?? 0
        let parentScore = leaf.parentScore
        // Without bounds on the leaf values, a side's score is G² / (H + λ): no clamping, no value to compute.
        let unbounded = constraint == 0 && leaf.lower == -.infinity && leaf.upper == .infinity
        let l2 = parameters.l2
        let minLeaf = parameters.minLeaf
        let minHessian = parameters.minHessian
        var best: Split? = nil
        var bestGain = 0.0
        let hasMissing = missing.hessian > 0
        for pass in 0..<(hasMissing ? 2 : 1) {
            // With missing values, first sent left, then right.
            let missingLeft = hasMissing && pass == 0
            var left = missingLeft ? missing : HistogramBin()
            for k in 1..<(binCount - 1) {
                let bin = histogram[offset + k]
                // An empty bin leaves the sides as at `k - 1`, whose equal gain came first: nothing to look at.
                if k > 1 && bin.count == 0 && bin.hessian == 0 && bin.gradient == 0 { continue }
                left = left + bin
                let right = leaf.sums - left
                if left.count < minLeaf { continue }
                if right.count < minLeaf { break }
                guard left.hessian >= minHessian, right.hessian >= minHessian else { continue }
                let gain: Double
                if unbounded {
                    gain = Self.unboundedScore(left, l2: l2) + Self.unboundedScore(right, l2: l2) - parentScore
                } else {
                    let l = output(left, lower: leaf.lower, upper: leaf.upper)
                    let r = output(right, lower: leaf.lower, upper: leaf.upper)
                    if constraint > 0 && l.value > r.value { continue }
                    if constraint < 0 && l.value < r.value { continue }
                    gain = l.score + r.score - parentScore
                }
                if gain > bestGain {
                    bestGain = gain
                    let l = output(left, lower: leaf.lower, upper: leaf.upper)
                    let r = output(right, lower: leaf.lower, upper: leaf.upper)
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
    private func bestCategorical(_ feature: Int, _ leaf: NodeView) -> Split? {
        let offset = offsets[feature]
        let histogram = leaf.bins
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
        // Room for a node's row shares, used by one node after the other.
        let partial = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: shareCapacity)
        defer { partial.deallocate() }
        var root = Leaf(
            start: 0, count: indices.count, sums: total, depth: 0, node: 0, lower: -.infinity, upper: .infinity,
            histogram: NodeHistogram(total: 0), best: nil)
        let rootShares = sumShares(
            indices: indices, start: 0, count: indices.count, sequential: inOrder, derivatives: derivatives,
            into: partial)
        var rootHistogram = newHistogram()
        var none = NodeHistogram(total: 0)
        root.best =
            finishAndSearch(rootShares, built: root, histogram: &rootHistogram, sibling: nil, siblingHistogram: &none)
            .built
        root.histogram = rootHistogram
        var leaves = [root]
        while leaves.count < parameters.leaves {
            guard
                let chosen = leaves.indices.filter({ leaves[$0].best != nil }).max(by: { a, b in
                    let ga = leaves[a].best!.gain
                    let gb = leaves[b].best!.gain
                    return ga != gb ? ga < gb : a > b
                })
            else { break }
            // The parent's histogram leaves its leaf: the larger child's is written over it.
            var parentHistogram = NodeHistogram(total: 0)
            swap(&parentHistogram, &leaves[chosen].histogram)
            let leaf = leaves[chosen]
            let split = leaf.best!
            // Partition the leaf's rows in place: left ones first, order kept on both sides.
            let column = split.feature * rows
            // Which bins go left, as a table: one lookup per row whatever the kind of split.
            let goesLeft = (0..<256).map { UInt8(TreeGrower.goesLeft($0, split) ? 1 : 0) }
            let leftCount = partition(
                &indices, start: leaf.start, count: leaf.count, column: column, goesLeft: goesLeft)
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
            // Histograms: sum the smaller child's rows, the larger child's is the parent's minus the smaller's.
            let leftStart = leaf.start
            let rightStart = leaf.start + leftCount
            let smallerIsLeft = leftCount <= rightCount
            // Both leaves start without histograms: the search writes them (a copy of a leaf passed along would
            // otherwise hold its histogram's storage and force a copy of it).
            var leftLeaf = Leaf(
                start: leftStart, count: leftCount, sums: split.left, depth: leaf.depth + 1, node: leftNode,
                lower: leftBounds.0, upper: leftBounds.1, histogram: NodeHistogram(total: 0), best: nil)
            var rightLeaf = Leaf(
                start: rightStart, count: rightCount, sums: split.right, depth: leaf.depth + 1, node: rightNode,
                lower: rightBounds.0, upper: rightBounds.1, histogram: NodeHistogram(total: 0), best: nil)
            var smallHistogram = newHistogram()
            let shares = sumShares(
                indices: indices, start: smallerIsLeft ? leftStart : rightStart,
                count: smallerIsLeft ? leftCount : rightCount, derivatives: derivatives, into: partial)
            let found = finishAndSearch(
                shares, built: smallerIsLeft ? leftLeaf : rightLeaf, histogram: &smallHistogram,
                sibling: smallerIsLeft ? rightLeaf : leftLeaf, siblingHistogram: &parentHistogram)
            leftLeaf.best = smallerIsLeft ? found.built : found.sibling
            rightLeaf.best = smallerIsLeft ? found.sibling : found.built
            leftLeaf.histogram = smallerIsLeft ? smallHistogram : parentHistogram
            rightLeaf.histogram = smallerIsLeft ? parentHistogram : smallHistogram
            leaves[chosen] = leftLeaf
            leaves.append(rightLeaf)
        }
        return (tree, leaves.map { LeafRange(node: $0.node, start: $0.start, count: $0.count) })
    }

    /// Room for a node's histogram: unzeroed when every feature is allowed (finishing writes every bin), zeroed
    /// otherwise.
    func newHistogram() -> NodeHistogram {
        allowedFeatures.count == binning.binCounts.count
            ? NodeHistogram(unwritten: totalBins) : NodeHistogram(total: totalBins)
    }

    /// Runs `body` for every chunk on the team's threads, or through `ForkJoin` without a team.
    func parallel(chunks: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        if let team {
            team.run(chunks: chunks, body)
        } else {
            ForkJoin.run(chunks: chunks, threads: threads, body)
        }
    }

    /// The result of `body` for every chunk, in chunk order, on the team's threads or through `ForkJoin`.
    func parallelMap<Result: Sendable>(chunks: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        if let team { return team.map(chunks: chunks, body) }
        return ForkJoin.map(chunks: chunks, threads: parameters.threads, body)
    }

    /// Finishes the histograms of a node whose rows were just summed (`shares`) and, with its parent's, those of its
    /// sibling (the parent's minus the node's), then finds the best split of each, in one pass shared between
    /// threads feature by feature. Each feature is finished and searched by one thread in a fixed order and the best
    /// split is then chosen in feature order, so the result does not depend on the threads.
    /// - Returns: the best splits of the node and of its sibling (`nil` when none gains enough or the node may not
    ///   be split).
    /// - Parameters:
    ///   - built: the node whose rows were summed (its histogram is not read).
    ///   - histogram: where its histogram is written.
    ///   - sibling: the other child; `nil` for the root.
    ///   - siblingHistogram: the parent's histogram, turned into the sibling's in place.
    func finishAndSearch(
        _ shares: HistogramShares, built: Leaf, histogram: inout NodeHistogram, sibling: Leaf?,
        siblingHistogram: inout NodeHistogram
    ) -> (built: Split?, sibling: Split?) {
        let features = allowedFeatures
        let searchBuilt = maySplit(count: built.count, depth: built.depth)
        let searchSibling = sibling.map { maySplit(count: $0.count, depth: $0.depth) } ?? false
        let builtSums = built.sums
        let builtBounds = (built.lower, built.upper)
        let siblingSums = sibling?.sums ?? HistogramBin()
        let siblingBounds = (sibling?.lower ?? 0, sibling?.upper ?? 0)
        let candidates = histogram.bins.withUnsafeMutableBufferPointer { builtBuffer in
            siblingHistogram.bins.withUnsafeMutableBufferPointer { siblingBuffer in
                // Feature `f`'s chunk writes that feature's bins of both histograms, and nothing else.
                let builtBins = SharedPointer(builtBuffer.baseAddress!)
                // An empty array may still give an address (the shared empty storage): never write there.
                let siblingBins = sibling != nil ? siblingBuffer.baseAddress.map { SharedPointer($0) } : nil
                return parallelMap(chunks: features.count) { [self] index -> (Split?, Split?) in
                    let feature = features[index]
                    finishHistogram(shares, feature: feature, into: builtBins.pointer)
                    if let siblingBins {
                        // The parent's bins minus the node's.
                        let first = offsets[feature]
                        for bin in first..<(first + binning.binCounts[feature]) {
                            siblingBins.pointer[bin] = siblingBins.pointer[bin] - builtBins.pointer[bin]
                        }
                    }
                    let builtSplit =
                        searchBuilt
                        ? bestSplit(
                            feature,
                            view(builtBins.pointer, sums: builtSums, lower: builtBounds.0, upper: builtBounds.1))
                        : nil
                    var siblingSplit: Split? = nil
                    if searchSibling, let siblingBins {
                        siblingSplit = bestSplit(
                            feature,
                            view(
                                siblingBins.pointer, sums: siblingSums, lower: siblingBounds.0,
                                upper: siblingBounds.1))
                    }
                    return (builtSplit, siblingSplit)
                }
            }
        }
        return (choose(candidates.lazy.map(\.0)), choose(candidates.lazy.map(\.1)))
    }
}
