import LanterneModels

/// Exact Shapley values of tree ensembles (Lundberg, Erion and Lee, "Consistent individualized feature attribution
/// for tree ensembles", 2018; "From local explanations to global understanding", 2020).
///
/// Path-dependent: the value of a set of known features is the tree's expectation over the unknown ones, following
/// the training data that reached each node (its cover, or its count for LightGBM models). Interventional: the
/// unknown features take the values of background cases, and the result is averaged over them.
public struct TreeSHAP: Sendable {
    /// The ensemble explained.
    public let ensemble: TreeEnsemble
    /// The expected log-odds over the training data: the base score plus each tree's leaf values weighted by the
    /// share of training weight that reached them.
    public let expectedValue: Double
    /// The deepest leaf over all trees.
    private let maximumDepth: Int
    /// The trees packed in one array of nodes, for the path-dependent walk.
    private let forest: PackedForest
    /// For each packed node, the share of its training weight that went left and right.
    private let shares: [(left: Double, right: Double)]
    /// 1 / n for n from 0 (unused) to the deepest path's length + 2.
    private let inverses: [Double]
    /// Per-leaf tables for the trees that fit in the memory limit.
    private let tables: LeafTables

    /// The default bound on the memory of the per-leaf tables: 256 MiB. A leaf whose path tests d distinct features
    /// takes 8 × 2^d bytes (2 KiB at d = 8); trees past the bound, or with a leaf testing more than 16 distinct
    /// features, are explained by the path walk, with the same values.
    public static let defaultTableLimit = 256 << 20

    /// The bytes the per-leaf tables take.
    public var tableBytes: Int { tables.tableBytes }
    /// How many trees are explained from per-leaf tables (the others by the path walk).
    public var treesWithTables: Int { tables.trees.count { $0 != nil } }

    /// Creates an explainer, computing once what every case needs.
    /// - Parameters:
    ///   - ensemble: the trees.
    ///   - tableLimit: the most bytes the per-leaf tables may take (0: the path walk for every tree).
    public init(ensemble: TreeEnsemble, tableLimit: Int = TreeSHAP.defaultTableLimit) {
        self.ensemble = ensemble
        var expected = ensemble.baseScore
        var deepest = 0
        for tree in ensemble.trees {
            let countsAsWeight = ensemble.explanationWeights == .count
            let root = countsAsWeight ? Double(tree.count[0]) : tree.cover[0]
            var stack = [(0, 0)]
            while let (node, depth) = stack.popLast() {
                deepest = max(deepest, depth)
                if tree.feature[node] >= 0 {
                    stack.append((Int(tree.left[node]), depth + 1))
                    stack.append((Int(tree.right[node]), depth + 1))
                } else if root > 0 {
                    let weight = countsAsWeight ? Double(tree.count[node]) : tree.cover[node]
                    expected += tree.value[node] * weight / root
                }
            }
        }
        expectedValue = expected
        maximumDepth = deepest
        forest = PackedForest(ensemble)
        var shares: [(left: Double, right: Double)] = []
        shares.reserveCapacity(forest.nodes.count)
        for tree in ensemble.trees {
            let countsAsWeight = ensemble.explanationWeights == .count
            func weight(_ node: Int) -> Double { countsAsWeight ? Double(tree.count[node]) : tree.cover[node] }
            for node in 0..<tree.nodeCount {
                let parent = weight(node)
                if tree.feature[node] < 0 || parent <= 0 {
                    shares.append((0, 0))
                } else {
                    shares.append((weight(Int(tree.left[node])) / parent, weight(Int(tree.right[node])) / parent))
                }
            }
        }
        self.shares = shares
        inverses = (0...(deepest + 3)).map { $0 == 0 ? 0 : 1 / Double($0) }
        tables = LeafTables(forest: forest, shares: shares, limit: tableLimit)
    }

    // MARK: Path-dependent

    fileprivate struct PathElement {
        var feature: Int
        var zeroFraction: Double
        var oneFraction: Double
        var weight: Double
    }

    /// Path-dependent contributions of one case.
    /// - Parameter row: the case's feature values.
    /// - Returns: the contributions, their base the expected value.
    public func pathDependent(_ row: UnsafeBufferPointer<Double>) -> Contributions {
        pathDependent(rows: [row])[0]
    }

    /// Path-dependent contributions of several cases, tree after tree so that each tree's tables serve every case
    /// while they are in the cache. Each case's values are those ``pathDependent(_:)`` gives it alone, to the bit.
    ///
    /// The path walk (for trees without tables) keeps every level's path in one preallocated buffer, each level
    /// copying its parent's path into its own segment (as the reference implementation does), so that no memory is
    /// allocated per node.
    /// - Parameter rows: the cases' feature values.
    /// - Returns: one set of contributions per case, their base the expected value.
    public func pathDependent(rows: [UnsafeBufferPointer<Double>]) -> [Contributions] {
        let width = ensemble.features.count
        // Each case's values in LeafTables.lanes copies, summed at the end; the path walk adds to the first.
        let stride = LeafTables.lanes * width
        let output = UnsafeMutablePointer<Double>.allocate(capacity: max(1, rows.count * stride))
        output.initialize(repeating: 0, count: rows.count * stride)
        defer { output.deallocate() }
        let depth = maximumDepth
        let buffer = UnsafeMutablePointer<PathElement>.allocate(capacity: (depth + 3) * (depth + 4) / 2 + 2)
        defer { buffer.deallocate() }
        let masks = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, tables.widest))
        defer { masks.deallocate() }
        forest.nodes.withUnsafeBufferPointer { nodes in
            shares.withUnsafeBufferPointer { shares in
                inverses.withUnsafeBufferPointer { inverses in
                    tables.withView(forest: forest) { view in
                        for (tree, root) in forest.roots.enumerated() {
                            for (index, row) in rows.enumerated() {
                                let lanes = output + index * stride
                                if let leafTables = tables.trees[tree] {
                                    view.add(leafTables, row: row, lanes: lanes, width: width, masks: masks)
                                } else {
                                    let walk = PathWalk(
                                        forest: forest, nodes: nodes, shares: shares, row: row,
                                        values: UnsafeMutableBufferPointer(start: lanes, count: width),
                                        inverse: inverses.baseAddress!)
                                    walk.recurse(root, parent: buffer, depth: 0, zero: 1, one: 1, feature: -1)
                                }
                            }
                        }
                    }
                }
            }
        }
        return rows.indices.map { index in
            let lanes = output + index * stride
            return Contributions(
                base: expectedValue,
                values: (0..<width).map { feature in
                    var sum = 0.0
                    for lane in 0..<LeafTables.lanes { sum += lanes[lane * width + feature] }
                    return sum
                })
        }
    }

    /// One case's walk through the packed trees.
    private struct PathWalk {
        let forest: PackedForest
        let nodes: UnsafeBufferPointer<PackedForest.Node>
        let shares: UnsafeBufferPointer<(left: Double, right: Double)>
        let row: UnsafeBufferPointer<Double>
        let values: UnsafeMutableBufferPointer<Double>
        /// `inverse[n]` is 1 / n.
        let inverse: UnsafePointer<Double>

        func recurse(
            _ index: Int, parent: UnsafeMutablePointer<PathElement>, depth: Int, zero: Double, one: Double,
            feature: Int
        ) {
            // This level's path: a copy of the parent's, extended with the feature that led here.
            let path = parent + depth + 1
            path.update(from: parent, count: depth + 1)
            var depth = depth
            TreeSHAP.extend(path, depth: depth, zero: zero, one: one, feature: feature, inverse: inverse)
            let node = nodes[index]
            let split = Int(node.feature)
            if split < 0 {
                guard depth >= 1 else { return }
                // Unwinding an element the case does not follow (one fraction 0) divides the path by its zero
                // fraction alone: one sum serves all of them.
                var coldSum = 0.0
                var j = depth - 1
                while j >= 0 {
                    coldSum += path[j].weight * inverse[depth - j]
                    j -= 1
                }
                coldSum *= Double(depth + 1)
                for i in 1...depth {
                    let element = path[i]
                    let total =
                        element.oneFraction == 0
                        ? coldSum / element.zeroFraction
                        : TreeSHAP.unwoundSum(path, depth: depth, index: i, inverse: inverse)
                    values[element.feature] += total * (element.oneFraction - element.zeroFraction) * node.value
                }
                return
            }
            let goesLeft = forest.goesLeft(node, row[split])
            let hot = Int(goesLeft ? node.left : node.right)
            let cold = Int(goesLeft ? node.right : node.left)
            var incomingZero = 1.0
            var incomingOne = 1.0
            var k = 1
            while k <= depth && path[k].feature != split { k += 1 }
            if k <= depth {
                incomingZero = path[k].zeroFraction
                incomingOne = path[k].oneFraction
                TreeSHAP.unwind(path, depth: depth, index: k, inverse: inverse)
                depth -= 1
            }
            let share = shares[index]
            let hotShare = goesLeft ? share.left : share.right
            let coldShare = goesLeft ? share.right : share.left
            recurse(
                hot, parent: path, depth: depth + 1, zero: incomingZero * hotShare, one: incomingOne, feature: split)
            recurse(cold, parent: path, depth: depth + 1, zero: incomingZero * coldShare, one: 0, feature: split)
        }
    }

    /// Adds `feature` to the path (`inverse[n]` is 1 / n: multiplications instead of divisions in the loops).
    fileprivate static func extend(
        _ path: UnsafeMutablePointer<PathElement>, depth: Int, zero: Double, one: Double, feature: Int,
        inverse: UnsafePointer<Double>
    ) {
        path[depth] = PathElement(feature: feature, zeroFraction: zero, oneFraction: one, weight: depth == 0 ? 1 : 0)
        let scale = inverse[depth + 1]
        var i = depth - 1
        while i >= 0 {
            let weight = path[i].weight * scale
            path[i + 1].weight += one * weight * Double(i + 1)
            path[i].weight = zero * weight * Double(depth - i)
            i -= 1
        }
    }

    /// Removes element `index` from the path.
    fileprivate static func unwind(
        _ path: UnsafeMutablePointer<PathElement>, depth: Int, index: Int, inverse: UnsafePointer<Double>
    ) {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        let top = Double(depth + 1)
        var next = path[depth].weight
        var j = depth - 1
        if one != 0 {
            let scale = top / one
            let back = zero * inverse[depth + 1]
            while j >= 0 {
                let saved = path[j].weight
                let weight = next * scale * inverse[j + 1]
                path[j].weight = weight
                next = saved - weight * back * Double(depth - j)
                j -= 1
            }
        } else {
            let scale = top / zero
            while j >= 0 {
                path[j].weight = path[j].weight * scale * inverse[depth - j]
                j -= 1
            }
        }
        var k = index
        while k < depth {
            path[k].feature = path[k + 1].feature
            path[k].zeroFraction = path[k + 1].zeroFraction
            path[k].oneFraction = path[k + 1].oneFraction
            k += 1
        }
    }

    /// The sum of the path's weights once element `index` is unwound, without changing the path; for an element the
    /// case follows (one fraction not 0).
    fileprivate static func unwoundSum(
        _ path: UnsafeMutablePointer<PathElement>, depth: Int, index: Int, inverse: UnsafePointer<Double>
    ) -> Double {
        let one = path[index].oneFraction
        let zero = path[index].zeroFraction
        let scale = Double(depth + 1) / one
        let back = zero * inverse[depth + 1]
        var next = path[depth].weight
        var total = 0.0
        var j = depth - 1
        while j >= 0 {
            let value = next * scale * inverse[j + 1]
            total += value
            next = path[j].weight - value * back * Double(depth - j)
            j -= 1
        }
        return total
    }

    // MARK: Interventional

    /// Interventional contributions of one case against background cases: for each background case, the exact
    /// Shapley values of "features taken from the case, the others from the background case", then their mean.
    /// - Parameters:
    ///   - row: the case's feature values.
    ///   - background: background cases, row after row, `features.count` values each.
    /// - Returns: the contributions, their base the mean log-odds of the background.
    public func interventional(_ row: UnsafeBufferPointer<Double>, background: [Double]) -> Contributions {
        let width = ensemble.features.count
        let cases = background.count / max(1, width)
        var values = [Double](repeating: 0, count: width)
        var base = 0.0
        background.withUnsafeBufferPointer { all in
            for b in 0..<cases {
                let reference = UnsafeBufferPointer(rebasing: all[(b * width)..<((b + 1) * width)])
                base += ensemble.logit(reference)
                for tree in ensemble.trees {
                    independent(
                        tree, node: 0, row: row, reference: reference, fromRow: [], fromReference: [], into: &values)
                }
            }
        }
        let scale = 1 / Double(max(1, cases))
        return Contributions(base: base * scale, values: values.map { $0 * scale })
    }

    /// Walks the paths a mix of `row` and `reference` can take; at a leaf reached with features `fromRow` taken
    /// from the case and `fromReference` from the background, the leaf value is a game won when every feature of
    /// the first set is known and none of the second, whose Shapley values are shared as below.
    private func independent(
        _ tree: DecisionTree, node: Int, row: UnsafeBufferPointer<Double>, reference: UnsafeBufferPointer<Double>,
        fromRow: [Int], fromReference: [Int], into values: inout [Double]
    ) {
        let split = Int(tree.feature[node])
        if split < 0 {
            let a = fromRow.count
            let b = fromReference.count
            guard a + b > 0 else { return }
            let value = tree.value[node]
            if a > 0 {
                let share = value * factorialRatio(a - 1, b, a + b)
                for feature in fromRow { values[feature] += share }
            }
            if b > 0 {
                let share = value * factorialRatio(a, b - 1, a + b)
                for feature in fromReference { values[feature] -= share }
            }
            return
        }
        let rowLeft = tree.goesLeft(node, row[split], rule: ensemble.rule)
        let referenceLeft = tree.goesLeft(node, reference[split], rule: ensemble.rule)
        let left = Int(tree.left[node])
        let right = Int(tree.right[node])
        if rowLeft == referenceLeft {
            independent(
                tree, node: rowLeft ? left : right, row: row, reference: reference, fromRow: fromRow,
                fromReference: fromReference, into: &values)
        } else if fromRow.contains(split) {
            independent(
                tree, node: rowLeft ? left : right, row: row, reference: reference, fromRow: fromRow,
                fromReference: fromReference, into: &values)
        } else if fromReference.contains(split) {
            independent(
                tree, node: referenceLeft ? left : right, row: row, reference: reference, fromRow: fromRow,
                fromReference: fromReference, into: &values)
        } else {
            independent(
                tree, node: rowLeft ? left : right, row: row, reference: reference, fromRow: fromRow + [split],
                fromReference: fromReference, into: &values)
            independent(
                tree, node: referenceLeft ? left : right, row: row, reference: reference, fromRow: fromRow,
                fromReference: fromReference + [split], into: &values)
        }
    }

    /// p! q! / n!, computed without overflow.
    private func factorialRatio(_ p: Int, _ q: Int, _ n: Int) -> Double {
        var result = 1.0
        // n! / (p! q!) with n = p + q + 1 is (p + q + 1) * C(p + q, p); take the inverse.
        var binomial = 1.0
        let small = min(p, q)
        for i in 0..<small { binomial = binomial * Double(p + q - i) / Double(i + 1) }
        result = 1 / (Double(n) * binomial)
        return result
    }
}
