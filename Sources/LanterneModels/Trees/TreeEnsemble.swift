/// A sum of decision trees: log-odds = base score + the value of the leaf each tree sends the row to.
public struct TreeEnsemble: ScoringModel, Codable, Equatable {
    /// The features read from the data.
    public var features: [ModelFeature]
    /// The log-odds before any tree.
    public var baseScore: Double
    /// How numeric splits compare.
    public var rule: SplitRule
    /// The trees.
    public var trees: [DecisionTree]
    /// Whether leaf values are summed in single precision (XGBoost does), to reproduce its scores exactly.
    public var sumsInFloat32: Bool
    /// Which node weights explanations use: covers (sums of hessians, as shap does for XGBoost and for Lanterne's
    /// trees) or row counts (as shap does for LightGBM, whose files print covers with six digits only).
    public var explanationWeights: ExplanationWeights = .cover

    /// The node weights TreeSHAP uses.
    public enum ExplanationWeights: String, Codable, Sendable {
        /// Sums of hessians.
        case cover
        /// Training rows.
        case count
    }

    enum CodingKeys: String, CodingKey {
        case features, baseScore, rule, trees, sumsInFloat32, explanationWeights
    }

    /// Decodes an ensemble; files written before `explanationWeights` existed use covers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        features = try container.decode([ModelFeature].self, forKey: .features)
        baseScore = try container.decode(Double.self, forKey: .baseScore)
        rule = try container.decode(SplitRule.self, forKey: .rule)
        trees = try container.decode([DecisionTree].self, forKey: .trees)
        sumsInFloat32 = try container.decode(Bool.self, forKey: .sumsInFloat32)
        explanationWeights =
            try container.decodeIfPresent(ExplanationWeights.self, forKey: .explanationWeights) ?? .cover
    }

    /// Creates an ensemble.
    /// - Parameters:
    ///   - features: the features.
    ///   - baseScore: the starting log-odds.
    ///   - rule: how numeric splits compare.
    ///   - trees: the trees.
    ///   - sumsInFloat32: whether to sum in single precision.
    public init(
        features: [ModelFeature], baseScore: Double, rule: SplitRule, trees: [DecisionTree], sumsInFloat32: Bool = false
    ) {
        self.features = features
        self.baseScore = baseScore
        self.rule = rule
        self.trees = trees
        self.sumsInFloat32 = sumsInFloat32
    }

    /// `.gbdt`.
    public var kind: ModelKind { .gbdt }

    /// The log-odds of every row: the trees are first packed into one array of compact nodes, so that each step
    /// of a traversal reads one cache line.
    /// - Parameters:
    ///   - matrix: the encoded data.
    ///   - threads: how many threads to use.
    /// - Returns: one log-odds per row.
    public func logits(_ matrix: FeatureMatrix, threads: Int) -> [Double] {
        let packed = PackedForest(self)
        return rowByRow(matrix, threads: threads) { packed.logit($0) }
    }

    /// The log-odds of one row.
    /// - Parameter row: the row's feature values.
    /// - Returns: the log-odds.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        if sumsInFloat32 {
            var total = Float(baseScore)
            for tree in trees { total += Float(tree.value[tree.leaf(row, rule: rule)]) }
            return Double(total)
        }
        var total = baseScore
        for tree in trees { total += tree.value[tree.leaf(row, rule: rule)] }
        return total
    }
}

/// All the trees of an ensemble in one contiguous array of 24-byte nodes, for fast batch scoring.
struct PackedForest: Sendable {
    struct Node: Sendable {
        /// The threshold, or the leaf value for a leaf.
        var value: Double
        /// The feature, or -1 for a leaf.
        var feature: Int32
        /// The left child's index in the whole array (the right child follows the tree's own numbering).
        var left: Int32
        var right: Int32
        /// Bit 0: missing goes left; bits 1-2: missing rule; bit 3: categorical; bit 4: numeric fast path allowed.
        var flags: UInt8
        /// The category set's index for a categorical split.
        var set: Int32
    }

    let nodes: [Node]
    let roots: [Int]
    let sets: [[Int32]]
    let base: Double
    let rule: SplitRule
    let float32: Bool

    init(_ ensemble: TreeEnsemble) {
        var nodes: [Node] = []
        var roots: [Int] = []
        var sets: [[Int32]] = []
        for tree in ensemble.trees {
            let offset = nodes.count
            roots.append(offset)
            for node in 0..<tree.nodeCount {
                let leaf = tree.feature[node] < 0
                var flags: UInt8 = tree.defaultLeft[node] ? 1 : 0
                flags |= tree.missing[node].rawValue << 1
                var set: Int32 = -1
                if tree.categorySet[node] >= 0 {
                    flags |= 8
                    set = Int32(sets.count)
                    sets.append(tree.categorySets[Int(tree.categorySet[node])])
                }
                nodes.append(
                    Node(
                        value: leaf ? tree.value[node] : tree.threshold[node], feature: tree.feature[node],
                        left: leaf ? -1 : Int32(offset) + tree.left[node],
                        right: leaf ? -1 : Int32(offset) + tree.right[node],
                        flags: flags, set: set))
            }
        }
        self.nodes = nodes
        self.roots = roots
        self.sets = sets
        self.base = ensemble.baseScore
        self.rule = ensemble.rule
        self.float32 = ensemble.sumsInFloat32
    }

    @inline(__always)
    func leafValue(_ root: Int, _ row: UnsafeBufferPointer<Double>, _ nodes: UnsafeBufferPointer<Node>) -> Double {
        var index = root
        while true {
            let node = nodes[index]
            if node.feature < 0 { return node.value }
            let x = row[Int(node.feature)]
            let goLeft: Bool
            if node.flags & 8 == 0 && !x.isNaN && (node.flags >> 1) & 3 != MissingRule.zero.rawValue {
                goLeft = rule == .lessOrEqual ? x <= node.value : Float(x) < Float(node.value)
            } else {
                goLeft = slowDecision(node, x)
            }
            index = Int(goLeft ? node.left : node.right)
        }
    }

    func slowDecision(_ node: Node, _ x: Double) -> Bool {
        if node.flags & 8 != 0 {
            guard !x.isNaN, x >= 0, x < 2_147_483_648 else { return false }
            return sets[Int(node.set)].contains(Int32(x.rounded(.towardZero)))
        }
        var value = x
        switch MissingRule(rawValue: (node.flags >> 1) & 3) ?? .none {
        case .nan:
            if value.isNaN { return node.flags & 1 != 0 }
        case .zero:
            if value.isNaN { value = 0 }
            if value > -1e-35 && value <= 1e-35 { return node.flags & 1 != 0 }
        case .none:
            if value.isNaN { value = 0 }
        }
        return rule == .lessOrEqual ? value <= node.value : Float(value) < Float(node.value)
    }

    func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
        nodes.withUnsafeBufferPointer { nodes in
            if float32 {
                var total = Float(base)
                for root in roots { total += Float(leafValue(root, row, nodes)) }
                return Double(total)
            }
            var total = base
            for root in roots { total += leafValue(root, row, nodes) }
            return total
        }
    }
}
