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
    /// The same bins row after row (`rowBins[row * featureCount + feature]`), when the trainer provides them: a node's
    /// histograms then read each row's bins from one cache line instead of one per feature.
    var rowBins: [UInt8]? = nil
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

    /// Builds the histograms of the rows `indices[start..<start+count]`, features split across threads.
    ///
    /// The rows' gradients and hessians are first gathered in row order (so each feature's pass reads them
    /// sequentially), and each feature accumulates into two interleaved histograms, even and odd rows, which breaks
    /// the chain of dependent additions when consecutive rows fall in the same bin.
    func histogram(indices: [Int32], start: Int, count: Int, gradients: [Double], hessians: [Double]) -> NodeHistogram {
        var histogram = NodeHistogram(total: totalBins)
        let features = allowedFeatures
        let ordered = UnsafeMutablePointer<Double>.allocate(capacity: 2 * max(1, count))
        defer { ordered.deallocate() }
        let orderedRows = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count))
        defer { orderedRows.deallocate() }
        var hessianTotal = 0.0
        var gradientTotal = 0.0
        var sequential = count == rows
        indices.withUnsafeBufferPointer { indexBuffer in
            gradients.withUnsafeBufferPointer { g in
                hessians.withUnsafeBufferPointer { h in
                    for r in 0..<count {
                        let row = Int(indexBuffer[start + r])
                        if row != r { sequential = false }
                        orderedRows[r] = Int32(row)
                        ordered[2 * r] = g[row]
                        ordered[2 * r + 1] = h[row]
                        gradientTotal += g[row]
                        hessianTotal += h[row]
                    }
                }
            }
        }
        let countPerHessian = hessianTotal > 0 ? Double(count) / hessianTotal : 0
        let maxBins = binning.binCounts.max() ?? 1
        // Large nodes are cut into a fixed number of row shares (whatever the thread count, so that sums are always
        // added in the same order); each thread sums whole shares over every feature, then the shares are added.
        let parts = count >= 16_384 ? 8 : 1
        let workers = max(1, min(parameters.threads, parts))
        // Each share's sums as (gradient, hessian) pairs: 16 bytes a bin.
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: 2 * totalBins * parts)
        defer { partial.deallocate() }
        partial.initialize(repeating: 0, count: 2 * totalBins * parts)
        let rowMajor = rowBins ?? []
        bins.withUnsafeBufferPointer { binBuffer in
            rowMajor.withUnsafeBufferPointer { rowBuffer in
                let binBase = SharedPointer(UnsafeMutablePointer(mutating: binBuffer.baseAddress!))
                let gh = SharedPointer(ordered)
                let idx = SharedPointer(orderedRows)
                let out = SharedPointer(partial)
                let rows = self.rows
                let offsets = self.offsets
                let binCounts = binning.binCounts
                let sequential = sequential
                let totalBins = self.totalBins
                let rowWise = rowBuffer.baseAddress.map { SharedPointer(UnsafeMutablePointer(mutating: $0)) }
                let featureCount = binCounts.count
                let sparse = features.count == featureCount ? sparseRows : nil
                let share: @Sendable (Int) -> Void = { part in
                    let from = count * part / parts
                    let to = count * (part + 1) / parts
                    if let sparse {
                        let target = out.pointer + 2 * part * totalBins
                        sparse.entries.withUnsafeBufferPointer { entries in
                            sparse.starts.withUnsafeBufferPointer { starts in
                                for r in from..<to {
                                    let row = sequential ? r : Int(idx.pointer[r])
                                    let g = gh.pointer[2 * r]
                                    let h = gh.pointer[2 * r + 1]
                                    for e in Int(starts[row])..<Int(starts[row + 1]) {
                                        let bin = 2 * Int(entries[e])
                                        target[bin] += g
                                        target[bin + 1] += h
                                    }
                                }
                            }
                        }
                        return
                    }
                    if let rowWise, features.count == featureCount, featureCount > 1 {
                        // Every feature: sums as (gradient, hessian) pairs, 16 bytes a bin instead of 24, so more of
                        // the histogram stays in the first-level cache; copied into the bins at the end.
                        let pairs = out.pointer + 2 * part * totalBins
                        offsets.withUnsafeBufferPointer { offsets in
                            for r in from..<to {
                                let row = sequential ? r : Int(idx.pointer[r])
                                let g = gh.pointer[2 * r]
                                let h = gh.pointer[2 * r + 1]
                                let rowStart = rowWise.pointer + row * featureCount
                                for k in 0..<featureCount {
                                    let bin = 2 * (offsets[k] + Int(rowStart[k]))
                                    pairs[bin] += g
                                    pairs[bin + 1] += h
                                }
                            }
                        }
                        return
                    }
                    if let rowWise, features.count > 1 {
                        let target = out.pointer + 2 * part * totalBins
                        let featureOffsets = features.map { offsets[$0] }
                        featureOffsets.withUnsafeBufferPointer { featureOffsets in
                            features.withUnsafeBufferPointer { featureList in
                                for r in from..<to {
                                    let row = sequential ? r : Int(idx.pointer[r])
                                    let g = gh.pointer[2 * r]
                                    let h = gh.pointer[2 * r + 1]
                                    let rowStart = rowWise.pointer + row * featureCount
                                    for k in 0..<featureList.count {
                                        let bin = 2 * (featureOffsets[k] + Int(rowStart[featureList[k]]))
                                        target[bin] += g
                                        target[bin + 1] += h
                                    }
                                }
                            }
                        }
                        return
                    }
                    let even = UnsafeMutablePointer<HistogramBin>.allocate(capacity: maxBins)
                    let odd = UnsafeMutablePointer<HistogramBin>.allocate(capacity: maxBins)
                    defer {
                        even.deallocate()
                        odd.deallocate()
                    }
                    for feature in features {
                        let binCount = binCounts[feature]
                        even.initialize(repeating: HistogramBin(), count: binCount)
                        odd.initialize(repeating: HistogramBin(), count: binCount)
                        let column = binBase.pointer + feature * rows
                        var r = from
                        if sequential {
                            // All rows in order (the root without subsampling): the bins are read contiguously.
                            while r + 1 < to {
                                let a = Int(column[r])
                                let b = Int(column[r + 1])
                                even[a].gradient += gh.pointer[2 * r]
                                even[a].hessian += gh.pointer[2 * r + 1]
                                odd[b].gradient += gh.pointer[2 * r + 2]
                                odd[b].hessian += gh.pointer[2 * r + 3]
                                r += 2
                            }
                        } else {
                            while r + 1 < to {
                                let a = Int(column[Int(idx.pointer[r])])
                                let b = Int(column[Int(idx.pointer[r + 1])])
                                even[a].gradient += gh.pointer[2 * r]
                                even[a].hessian += gh.pointer[2 * r + 1]
                                odd[b].gradient += gh.pointer[2 * r + 2]
                                odd[b].hessian += gh.pointer[2 * r + 3]
                                r += 2
                            }
                        }
                        if r < to {
                            let a = Int(column[Int(idx.pointer[r])])
                            even[a].gradient += gh.pointer[2 * r]
                            even[a].hessian += gh.pointer[2 * r + 1]
                        }
                        let target = out.pointer + 2 * (part * totalBins + offsets[feature])
                        for bin in 0..<binCount {
                            let sum = even[bin] + odd[bin]
                            target[2 * bin] = sum.gradient
                            target[2 * bin + 1] = sum.hessian
                        }
                    }
                }
                if workers == 1 {
                    for part in 0..<parts { share(part) }
                } else {
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        var part = worker
                        while part < parts {
                            share(part)
                            part += workers
                        }
                    }
                }
            }
        }
        // Shares added in a fixed order, so the result does not depend on the thread count's scheduling; counts are
        // not accumulated but estimated from the hessians, as LightGBM does.
        let sparse = features.count == binning.binCounts.count ? sparseRows : nil
        for feature in features {
            var others = HistogramBin()
            for bin in offsets[feature]..<(offsets[feature] + binning.binCounts[feature]) {
                var sum = HistogramBin(gradient: partial[2 * bin], hessian: partial[2 * bin + 1])
                for part in 1..<max(1, parts) {
                    let at = 2 * (part * totalBins + bin)
                    sum = sum + HistogramBin(gradient: partial[at], hessian: partial[at + 1])
                }
                others = others + sum
                histogram.bins[bin] = sum
            }
            if let sparse {
                // The most frequent bin: the node's total minus the feature's other bins.
                let bin = offsets[feature] + sparse.mostFrequent[feature]
                histogram.bins[bin].gradient = gradientTotal - (others.gradient - histogram.bins[bin].gradient)
                histogram.bins[bin].hessian = hessianTotal - (others.hessian - histogram.bins[bin].hessian)
            }
            for bin in offsets[feature]..<(offsets[feature] + binning.binCounts[feature]) {
                histogram.bins[bin].count = Int((histogram.bins[bin].hessian * countPerHessian).rounded())
            }
        }
        return histogram
    }

    /// The best split of a leaf, or `nil` when none gains enough or respects the limits.
    func bestSplit(_ leaf: Leaf) -> Split? {
        if parameters.maxDepth > 0 && leaf.depth >= parameters.maxDepth { return nil }
        if leaf.count < 2 * parameters.minLeaf { return nil }
        let parentScore = output(leaf.sums, lower: leaf.lower, upper: leaf.upper).score
        // Each feature's best split, features shared between threads; the best is then chosen in feature order, so
        // the result does not depend on the threads.
        let features = allowedFeatures
        let candidates = UnsafeMutableBufferPointer<Split?>.allocate(capacity: features.count)
        candidates.initialize(repeating: nil)
        defer { candidates.deallocate() }
        let slots = SharedPointer(candidates.baseAddress!)
        let find: @Sendable (Int) -> Void = { [self] index in
            let feature = features[index]
            slots.pointer[index] =
                binning.categorical[feature]
                ? bestCategorical(feature, leaf, parentScore) : bestNumeric(feature, leaf, parentScore)
        }
        let workers = max(1, min(parameters.threads, features.count))
        if workers == 1 {
            for index in features.indices { find(index) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < features.count {
                    find(index)
                    index += workers
                }
            }
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

    /// Reorders `indices[start..<start+count]` so that rows going left come first, each side keeping its order, and
    /// returns how many go left. Large ranges are cut in fixed halves partitioned in parallel, then joined; the
    /// result is the same as a sequential stable partition.
    static func partition(
        _ indices: inout [Int32], start: Int, count: Int, bins: [UInt8], column: Int, goesLeft: [Bool], threads: Int
    ) -> Int {
        let parts = count >= 65_536 && threads > 1 ? 2 : 1
        var leftCounts = [Int](repeating: 0, count: parts)
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count))
        defer { scratch.deallocate() }
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            bins.withUnsafeBufferPointer { binBuffer in
                goesLeft.withUnsafeBufferPointer { leftTable in
                    leftCounts.withUnsafeMutableBufferPointer { countBuffer in
                        let idx = SharedPointer(indexBuffer.baseAddress! + start)
                        let binBase = SharedPointer(UnsafeMutablePointer(mutating: binBuffer.baseAddress! + column))
                        let table = SharedPointer(UnsafeMutablePointer(mutating: leftTable.baseAddress!))
                        let counts = SharedPointer(countBuffer.baseAddress!)
                        let spare = SharedPointer(scratch)
                        let work: @Sendable (Int) -> Void = { part in
                            let from = count * part / parts
                            let to = count * (part + 1) / parts
                            var write = from
                            var right = from
                            for r in from..<to {
                                let row = idx.pointer[r]
                                if table.pointer[Int(binBase.pointer[Int(row)])] {
                                    idx.pointer[write] = row
                                    write += 1
                                } else {
                                    spare.pointer[right] = row
                                    right += 1
                                }
                            }
                            // Right rows after the left ones of this part.
                            (idx.pointer + write).update(from: spare.pointer + from, count: right - from)
                            counts.pointer[part] = write - from
                        }
                        if parts == 1 {
                            work(0)
                        } else {
                            DispatchQueue.concurrentPerform(iterations: parts, execute: work)
                        }
                        if parts == 2 {
                            // [L0 R0 L1 R1] -> [L0 L1 R0 R1]: move R0 after L1.
                            let half = count / 2
                            let r0 = half - counts.pointer[0]
                            let l1 = counts.pointer[1]
                            spare.pointer.update(from: idx.pointer + counts.pointer[0], count: r0)
                            (idx.pointer + counts.pointer[0]).update(from: idx.pointer + half, count: l1)
                            (idx.pointer + counts.pointer[0] + l1).update(from: spare.pointer, count: r0)
                        }
                    }
                }
            }
        }
        return leftCounts.reduce(0, +)
    }

    /// A final leaf: its node and the range of `indices` holding its rows.
    struct LeafRange {
        var node: Int
        var start: Int
        var count: Int
    }

    /// Grows a tree over `indices` (the rows of this round).
    /// - Returns: the tree (leaf values already shrunk) and its leaves' row ranges in the reordered `indices`.
    func grow(indices: inout [Int32], gradients: [Double], hessians: [Double]) -> (
        tree: DecisionTree, leaves: [LeafRange]
    ) {
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
            // Partition the leaf's rows in place: left ones first, order kept on both sides.
            let column = split.feature * rows
            // Which bins go left, as a table: one lookup per row whatever the kind of split.
            var goesLeft = [Bool](repeating: false, count: 256)
            for bin in 0..<256 { goesLeft[bin] = TreeGrower.goesLeft(bin, split) }
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
                count: smallerIsLeft ? leftCount : rightCount, gradients: gradients, hessians: hessians)
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
