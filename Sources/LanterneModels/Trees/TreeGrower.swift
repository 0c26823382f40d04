import Dispatch

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
    let rows: Int
    let parameters: BoostingParameters
    let offsets: [Int]
    let totalBins: Int
    let allowedFeatures: [Int]

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

    /// Builds the histograms of the rows `indices[start..<start+count]`, features split across threads.
    func histogram(indices: [Int32], start: Int, count: Int, gradients: [Double], hessians: [Double]) -> NodeHistogram {
        var histogram = NodeHistogram(total: totalBins)
        let features = allowedFeatures
        let threads = max(1, min(parameters.threads, features.count))
        histogram.bins.withUnsafeMutableBufferPointer { output in
            let out = SharedPointer(output.baseAddress!)
            indices.withUnsafeBufferPointer { indexBuffer in
                bins.withUnsafeBufferPointer { binBuffer in
                    gradients.withUnsafeBufferPointer { gBuffer in
                        hessians.withUnsafeBufferPointer { hBuffer in
                            let idx = SharedPointer(UnsafeMutablePointer(mutating: indexBuffer.baseAddress!))
                            let binBase = SharedPointer(UnsafeMutablePointer(mutating: binBuffer.baseAddress!))
                            let gBase = SharedPointer(UnsafeMutablePointer(mutating: gBuffer.baseAddress!))
                            let hBase = SharedPointer(UnsafeMutablePointer(mutating: hBuffer.baseAddress!))
                            let rows = self.rows
                            let offsets = self.offsets
                            let work: @Sendable (Int) -> Void = { part in
                                var position = part
                                while position < features.count {
                                    let feature = features[position]
                                    let column = binBase.pointer + feature * rows
                                    let target = out.pointer + offsets[feature]
                                    for r in start..<(start + count) {
                                        let row = Int(idx.pointer[r])
                                        let bin = Int(column[row])
                                        target[bin].gradient += gBase.pointer[row]
                                        target[bin].hessian += hBase.pointer[row]
                                        target[bin].count += 1
                                    }
                                    position += threads
                                }
                            }
                            if threads == 1 || count < 2048 {
                                for part in 0..<threads { work(part) }
                            } else {
                                DispatchQueue.concurrentPerform(iterations: threads, execute: work)
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    /// The best split of a leaf, or `nil` when none gains enough or respects the limits.
    func bestSplit(_ leaf: Leaf) -> Split? {
        if parameters.maxDepth > 0 && leaf.depth >= parameters.maxDepth { return nil }
        if leaf.count < 2 * parameters.minLeaf { return nil }
        let parentScore = output(leaf.sums, lower: leaf.lower, upper: leaf.upper).score
        var best: Split? = nil
        for feature in allowedFeatures {
            let candidate =
                binning.categorical[feature]
                ? bestCategorical(feature, leaf, parentScore) : bestNumeric(feature, leaf, parentScore)
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
        for missingLeft in missing.count > 0 ? [true, false] : [false] {
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
                        missingLeft: missing.count > 0 ? missingLeft : left.hessian >= right.hessian, left: left,
                        right: right, leftValue: l.value, rightValue: r.value)
                }
            }
        }
        return best
    }

    private func bestCategorical(_ feature: Int, _ leaf: Leaf, _ parentScore: Double) -> Split? {
        let offset = offsets[feature]
        let histogram = leaf.histogram.bins
        let smoothing = 10.0
        var present = (1..<binning.binCounts[feature]).filter { histogram[offset + $0].count > 0 }
        guard present.count >= 2 else { return nil }
        present.sort { a, b in
            let x = histogram[offset + a]
            let y = histogram[offset + b]
            let rx = x.gradient / (x.hessian + smoothing)
            let ry = y.gradient / (y.hessian + smoothing)
            return rx != ry ? rx < ry : a < b
        }
        var best: Split? = nil
        let limit = min(present.count - 1, 64)
        for reversed in [false, true] {
            let order = reversed ? Array(present.reversed()) : present
            var left = HistogramBin()
            for k in 0..<limit {
                left = left + histogram[offset + order[k]]
                let right = leaf.sums - left
                guard acceptable(left), acceptable(right) else { continue }
                let l = output(left, lower: leaf.lower, upper: leaf.upper)
                let r = output(right, lower: leaf.lower, upper: leaf.upper)
                let gain = l.score + r.score - parentScore
                if gain > (best?.gain ?? 0) {
                    best = Split(
                        feature: feature, gain: gain, thresholdBin: 0, categoryBins: Array(order[0...k]).sorted(),
                        missingLeft: false, left: left, right: right, leftValue: l.value, rightValue: r.value)
                }
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

    /// Grows a tree over `indices` (the rows of this round) and returns it, with each row's leaf.
    /// - Returns: the tree (leaf values already shrunk) and, for every position of `indices`, its leaf node.
    func grow(indices: inout [Int32], gradients: [Double], hessians: [Double]) -> DecisionTree {
        var tree = DecisionTree()
        var total = HistogramBin()
        for r in indices {
            total.gradient += gradients[Int(r)]
            total.hessian += hessians[Int(r)]
        }
        total.count = indices.count
        let rootValue = output(total, lower: -.infinity, upper: .infinity).value
        tree.appendNode(
            feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
            value: rootValue * parameters.learningRate, cover: total.hessian, count: total.count)
        var root = Leaf(
            start: 0, count: indices.count, sums: total, depth: 0, node: 0, lower: -.infinity, upper: .infinity,
            histogram: histogram(
                indices: indices, start: 0, count: indices.count, gradients: gradients, hessians: hessians),
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
            // Partition the leaf's rows: left ones first, order kept on both sides.
            var leftRows: [Int32] = []
            var rightRows: [Int32] = []
            leftRows.reserveCapacity(split.left.count)
            rightRows.reserveCapacity(split.right.count)
            let column = split.feature * rows
            bins.withUnsafeBufferPointer { binBuffer in
                for r in leaf.start..<(leaf.start + leaf.count) {
                    let row = indices[r]
                    if TreeGrower.goesLeft(Int(binBuffer[column + Int(row)]), split) {
                        leftRows.append(row)
                    } else {
                        rightRows.append(row)
                    }
                }
            }
            indices.replaceSubrange(leaf.start..<(leaf.start + leaf.count), with: leftRows + rightRows)
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
                value: split.leftValue * parameters.learningRate, cover: split.left.hessian, count: split.left.count)
            let rightNode = tree.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
                value: split.rightValue * parameters.learningRate, cover: split.right.hessian, count: split.right.count)
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
            let rightStart = leaf.start + leftRows.count
            let smallerIsLeft = leftRows.count <= rightRows.count
            let small = histogram(
                indices: indices, start: smallerIsLeft ? leftStart : rightStart,
                count: smallerIsLeft ? leftRows.count : rightRows.count, gradients: gradients, hessians: hessians)
            let large = leaf.histogram.subtracting(small)
            var leftLeaf = Leaf(
                start: leftStart, count: leftRows.count, sums: split.left, depth: leaf.depth + 1, node: leftNode,
                lower: leftBounds.0, upper: leftBounds.1, histogram: smallerIsLeft ? small : large, best: nil)
            var rightLeaf = Leaf(
                start: rightStart, count: rightRows.count, sums: split.right, depth: leaf.depth + 1, node: rightNode,
                lower: rightBounds.0, upper: rightBounds.1, histogram: smallerIsLeft ? large : small, best: nil)
            leftLeaf.best = bestSplit(leftLeaf)
            rightLeaf.best = bestSplit(rightLeaf)
            leaves[chosen] = leftLeaf
            leaves.append(rightLeaf)
        }
        return tree
    }
}
