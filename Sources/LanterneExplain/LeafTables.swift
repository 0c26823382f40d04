import LanterneModels

/// Path-dependent TreeSHAP from tables computed once per leaf, in the spirit of FastTreeSHAP v2 (Yang, "Fast TreeSHAP:
/// Accelerating SHAP Value Computation for Trees", 2021): a leaf costs a case O(d) instead of the path walk's O(d²).
///
/// A leaf whose path tests the distinct features F (d of them), with value v, zero fractions z (the share of training
/// weight each feature's tests let through) and the set B ⊆ F of features whose tests the case passes, adds to
/// feature i
///
///     i ∈ B:  v (1 − z_i) Π_{j ∉ B} z_j R(B \ {i})
///     i ∉ B: −v Π_{j ∉ B} z_j R(B)
///
/// where R(A) = Σ_{S ⊆ A} |S|! (d − |S| − 1)! / d! Π_{j ∈ A \ S} z_j depends on the leaf alone. The table holds
/// T(A) = v Π_{j ∉ A} z_j R(A) for each of the 2^d subsets A, R built from the elementary symmetric polynomials of
/// the z's (sums of positive terms, no cancellation). Then feature i ∉ B gets −T(B) and feature i ∈ B gets
/// (1 − z_i) / z_i × T(B \ {i}): a few loads and multiplications per leaf. A leaf with a zero fraction of 0 (a
/// child no training row reached) cannot divide by it: its table holds v R(A) and the product over the features not
/// followed is taken for each case. A case's B at every leaf comes from one pass over the splits in preorder, each
/// clearing its feature's bit on the side the case does not take.
///
/// Memory: 8 × 2^d bytes per leaf. A tree gets tables when every leaf has at most ``maximumBits`` distinct features
/// and the ensemble's tables stay within the limit given to ``init(forest:shares:limit:)``; the other trees keep the
/// path walk.
struct LeafTables: Sendable {
    /// The most distinct features on a path for which a leaf gets a table (8 × 2^16 bytes = 512 KiB).
    static let maximumBits = 16
    /// How many copies of a case's values the leaves add to in turn (a power of two).
    static let lanes = 4

    /// A split, with its children as positions in the tree's masks: its splits first (in preorder), then its leaves.
    struct Split: Sendable {
        var node: PackedForest.Node
        var left: Int32
        var right: Int32
        /// Every bit set except the one of this split's feature on its path.
        var clear: UInt32
    }

    /// A leaf: its distinct path features are `features[start..<start + count]`, with their `factors`: (1 − z) / z,
    /// or z itself when `takesProducts` (a zero fraction of 0 on the path); its table starts at `table`.
    struct Leaf: Sendable {
        var start: Int32
        var count: Int16
        var takesProducts: Bool
        var table: Int32
    }

    /// Where a tree's splits and leaves are.
    struct Tree: Sendable {
        var splits: Range<Int>
        var leaves: Range<Int>
    }

    /// For each tree of the ensemble, its tables, or `nil` for a tree that keeps the path walk.
    let trees: [Tree?]
    let splits: [Split]
    let leaves: [Leaf]
    let features: [Int32]
    let factors: [Double]
    let tables: [Double]
    /// The most splits and leaves in one tree with tables (the masks a case needs).
    let widest: Int

    /// The bytes the tables take.
    var tableBytes: Int { tables.count * MemoryLayout<Double>.stride }

    /// Builds the tables of every tree that fits.
    /// - Parameters:
    ///   - forest: the packed trees.
    ///   - shares: for each packed node, the share of its weight that went left and right.
    ///   - limit: the most bytes the tables may take together; trees past it keep the path walk.
    init(forest: PackedForest, shares: [(left: Double, right: Double)], limit: Int) {
        var builder = Builder(forest: forest, shares: shares)
        var trees: [Tree?] = []
        // Table offsets are 32-bit.
        var budget = min(limit / MemoryLayout<Double>.stride, Int(Int32.max))
        for root in forest.roots {
            let mark = builder.mark
            if let size = builder.add(root: root), size <= budget {
                budget -= size
                trees.append(builder.tree(from: mark))
            } else {
                builder.rewind(to: mark)
                trees.append(nil)
            }
        }
        self.trees = trees
        splits = builder.splits
        leaves = builder.leaves
        features = builder.features
        factors = builder.factors
        tables = builder.tables
        widest = trees.reduce(0) { widest, tree in max(widest, (tree?.splits.count ?? 0) + (tree?.leaves.count ?? 0)) }
    }

    /// Calls `body` with a view of the tables that reads them without bounds checks.
    func withView<Result>(forest: PackedForest, _ body: (View) -> Result) -> Result {
        splits.withUnsafeBufferPointer { splits in
            leaves.withUnsafeBufferPointer { leaves in
                features.withUnsafeBufferPointer { features in
                    factors.withUnsafeBufferPointer { factors in
                        tables.withUnsafeBufferPointer { tables in
                            body(
                                View(
                                    forest: forest, splits: splits, leaves: leaves, features: features.baseAddress,
                                    factors: factors.baseAddress, tables: tables.baseAddress))
                        }
                    }
                }
            }
        }
    }

    /// The tables as pointers, valid inside ``withView(forest:_:)``.
    struct View {
        let forest: PackedForest
        let splits: UnsafeBufferPointer<Split>
        let leaves: UnsafeBufferPointer<Leaf>
        let features: UnsafePointer<Int32>?
        let factors: UnsafePointer<Double>?
        let tables: UnsafePointer<Double>?

        /// Adds one tree's contributions to a case's values.
        /// - Parameters:
        ///   - tree: the tree's tables.
        ///   - row: the case.
        ///   - lanes: the case's contributions, added to, in ``lanes`` copies of `width` values: leaf `l` adds to
        ///     copy `l % lanes`, so that the additions of consecutive leaves to one feature do not wait on each other.
        ///   - width: the number of features.
        ///   - masks: scratch for `widest` masks.
        @inline(__always)
        func add(
            _ tree: Tree, row: UnsafeBufferPointer<Double>, lanes: UnsafeMutablePointer<Double>, width: Int,
            masks: UnsafeMutablePointer<UInt32>
        ) {
            guard !tree.splits.isEmpty, let features, let factors, let tables else { return }
            // Masks of the splits, then of the leaves; no branch on the case's way but the decision itself.
            masks[0] = .max
            var s = 0
            for index in tree.splits {
                let split = splits[index]
                let mask = masks[s]
                let cold = mask & split.clear
                let left = forest.goesLeft(split.node, row[Int(split.node.feature)])
                masks[Int(split.left)] = left ? mask : cold
                masks[Int(split.right)] = left ? cold : mask
                s += 1
            }
            for index in tree.leaves {
                let leaf = leaves[index]
                let values = lanes + (index & (LeafTables.lanes - 1)) * width
                let count = Int(leaf.count)
                // Every leaf under a split tests at least one feature: its table has at least two entries.
                let passed = masks[s] & ((1 &<< UInt32(count)) &- 1)
                s += 1
                let start = Int(leaf.start)
                let table = tables + Int(leaf.table)
                if leaf.takesProducts {
                    addTakingProducts(
                        table: table, passed: passed, count: count, features: features + start,
                        zeros: factors + start, values: values)
                    continue
                }
                let against = (-table[Int(passed)]).bitPattern
                for k in 0..<count {
                    let bit = UInt32(1) &<< UInt32(k)
                    // Without the bit, passed & ~bit is passed itself: the load is safe whichever side is kept.
                    let gain = (factors[start + k] * table[Int(passed & ~bit)]).bitPattern
                    let keep = 0 &- UInt64((passed &>> UInt32(k)) & 1)
                    values[Int(features[start + k])] += Double(bitPattern: (gain & keep) | (against & ~keep))
                }
            }
        }

        /// A leaf whose table holds v R(A): the product of the zero fractions the case does not follow is taken here.
        private func addTakingProducts(
            table: UnsafePointer<Double>, passed: UInt32, count: Int, features: UnsafePointer<Int32>,
            zeros: UnsafePointer<Double>, values: UnsafeMutablePointer<Double>
        ) {
            var outside = 1.0
            for k in 0..<count where passed & (1 << UInt32(k)) == 0 { outside *= zeros[k] }
            let against = -outside * table[Int(passed)]
            for k in 0..<count {
                let bit = UInt32(1) << UInt32(k)
                values[Int(features[k])] +=
                    passed & bit != 0 ? (1 - zeros[k]) * outside * table[Int(passed ^ bit)] : against
            }
        }
    }
}

extension LeafTables {
    /// Accumulates the splits, leaves and tables of the trees, one tree at a time.
    fileprivate struct Builder {
        let forest: PackedForest
        let shares: [(left: Double, right: Double)]
        var splits: [Split] = []
        var leaves: [Leaf] = []
        var features: [Int32] = []
        var factors: [Double] = []
        var tables: [Double] = []
        /// The current tree's first split and leaf.
        private var firstSplit = 0
        private var firstLeaf = 0
        /// Scratch for the elementary symmetric polynomials of every subset of a leaf's features.
        private var polynomials: [Double] = []

        init(forest: PackedForest, shares: [(left: Double, right: Double)]) {
            self.forest = forest
            self.shares = shares
        }

        typealias Mark = (splits: Int, leaves: Int, features: Int, tables: Int)

        var mark: Mark { (splits.count, leaves.count, features.count, tables.count) }

        mutating func rewind(to mark: Mark) {
            splits.removeSubrange(mark.splits...)
            leaves.removeSubrange(mark.leaves...)
            features.removeSubrange(mark.features...)
            factors.removeSubrange(mark.features...)
            tables.removeSubrange(mark.tables...)
        }

        func tree(from mark: Mark) -> Tree {
            Tree(splits: mark.splits..<splits.count, leaves: mark.leaves..<leaves.count)
        }

        /// Adds a tree's splits, leaves and tables; `nil` when a leaf has too many distinct features.
        /// - Returns: the number of table entries the tree added.
        mutating func add(root: Int) -> Int? {
            firstSplit = splits.count
            firstLeaf = leaves.count
            let before = tables.count
            var path: [(feature: Int32, zero: Double)] = []
            guard visit(root, path: &path) != nil else { return nil }
            // Leaves, coded ~local while building, come after the tree's splits in its masks.
            let splitCount = Int32(splits.count - firstSplit)
            for index in firstSplit..<splits.count {
                if splits[index].left < 0 { splits[index].left = splitCount + ~splits[index].left }
                if splits[index].right < 0 { splits[index].right = splitCount + ~splits[index].right }
            }
            return tables.count - before
        }

        /// Adds the subtree at packed node `index`; returns its local code, or `nil` past ``maximumBits``.
        private mutating func visit(_ index: Int, path: inout [(feature: Int32, zero: Double)]) -> Int32? {
            let node = forest.nodes[index]
            if node.feature < 0 { return addLeaf(value: node.value, path: path) }
            let code = Int32(splits.count - firstSplit)
            var position = path.firstIndex { $0.feature == node.feature } ?? path.count
            let isNew = position == path.count
            if isNew {
                guard path.count < LeafTables.maximumBits else { return nil }
                path.append((node.feature, 1))
                position = path.count - 1
            }
            splits.append(Split(node: node, left: 0, right: 0, clear: ~(UInt32(1) << UInt32(position))))
            let incoming = path[position].zero
            path[position].zero = incoming * shares[index].left
            guard let left = visit(Int(node.left), path: &path) else { return nil }
            path[position].zero = incoming * shares[index].right
            guard let right = visit(Int(node.right), path: &path) else { return nil }
            path[position].zero = incoming
            if isNew { path.removeLast() }
            splits[firstSplit + Int(code)].left = left
            splits[firstSplit + Int(code)].right = right
            return code
        }

        private mutating func addLeaf(value: Double, path: [(feature: Int32, zero: Double)]) -> Int32 {
            let code = ~Int32(leaves.count - firstLeaf)
            let takesProducts = path.contains { !($0.zero > 0) }
            leaves.append(
                Leaf(
                    start: Int32(features.count), count: Int16(path.count), takesProducts: takesProducts,
                    table: Int32(tables.count)))
            for element in path {
                features.append(element.feature)
                factors.append(takesProducts ? element.zero : (1 - element.zero) / element.zero)
            }
            if !path.isEmpty {
                appendTable(value: value, zeros: path.map(\.zero), timesOutside: !takesProducts)
            }
            return code
        }

        /// Appends v R(A) for every subset A of the leaf's features, A read as a bit set, times Π_{j ∉ A} z_j when
        /// `timesOutside`.
        private mutating func appendTable(value: Double, zeros z: [Double], timesOutside: Bool) {
            let d = z.count
            let size = 1 << d
            let stride = d + 1
            // weights[k] = k! (d − k − 1)! / d! = 1 / (d C(d − 1, k)).
            var weights = [Double](repeating: 0, count: d + 1)
            var binomial = 1.0
            for k in 0..<d {
                weights[k] = 1 / (Double(d) * binomial)
                binomial = binomial * Double(d - 1 - k) / Double(k + 1)
            }
            if polynomials.count < size * stride { polynomials = [Double](repeating: 0, count: size * stride) }
            // inside[A] = Π_{j ∈ A} z_j, so that Π_{j ∉ A} z_j = inside[full − A].
            var inside = [Double](repeating: 1, count: size)
            for subset in 1..<size { inside[subset] = inside[subset & (subset - 1)] * z[subset.trailingZeroBitCount] }
            let start = tables.count
            tables.append(contentsOf: repeatElement(0, count: size))
            polynomials.withUnsafeMutableBufferPointer { e in
                tables.withUnsafeMutableBufferPointer { table in
                    // e[A][m] = the m-th elementary symmetric polynomial of the z's of A.
                    e[0] = 1
                    table[start] = value * weights[0] * (timesOutside ? inside[size - 1] : 1)
                    for subset in 1..<size {
                        let low = subset.trailingZeroBitCount
                        let rest = subset & (subset - 1)
                        let members = subset.nonzeroBitCount
                        let zero = z[low]
                        let from = rest * stride
                        let into = subset * stride
                        e[into] = e[from]
                        if members > 1 {
                            for m in 1..<members { e[into + m] = e[from + m] + zero * e[from + m - 1] }
                        }
                        e[into + members] = zero * e[from + members - 1]
                        // R(A) = Σ_k weights[k] e_{|A| − k}; the full set (|A| = d) is never read.
                        var sum = 0.0
                        for k in 0...min(members, d - 1) { sum += weights[k] * e[into + members - k] }
                        table[start + subset] = value * sum * (timesOutside ? inside[size - 1 - subset] : 1)
                    }
                }
            }
        }
    }
}
