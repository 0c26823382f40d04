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
    /// What the sum of the trees is: log-odds, or a value predicted directly (squared-error objective). Files that do
    /// not say hold log-odds.
    public var predicts: ModelOutput = .logOdds

    /// The node weights TreeSHAP uses.
    public enum ExplanationWeights: String, Codable, Sendable {
        /// Sums of hessians.
        case cover
        /// Training rows.
        case count
    }

    enum CodingKeys: String, CodingKey {
        case features, baseScore, rule, trees, sumsInFloat32, explanationWeights, predicts
    }

    /// Encodes an ensemble; `predicts` only when it is not log-odds, so that files of log-odds models keep their bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(features, forKey: .features)
        try container.encode(baseScore, forKey: .baseScore)
        try container.encode(rule, forKey: .rule)
        try container.encode(trees, forKey: .trees)
        try container.encode(sumsInFloat32, forKey: .sumsInFloat32)
        try container.encode(explanationWeights, forKey: .explanationWeights)
        if predicts != .logOdds { try container.encode(predicts, forKey: .predicts) }
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
        predicts = try container.decodeIfPresent(ModelOutput.self, forKey: .predicts) ?? .logOdds
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

    /// The log-odds of every row, equal row by row to ``logit(_:)``: blocks of 64 rows go down each tree together, one
    /// level at a time (``LevelOrderForest``).
    /// - Parameters:
    ///   - matrix: the encoded data.
    ///   - threads: how many threads to use.
    /// - Returns: one log-odds per row.
    public func logits(_ matrix: FeatureMatrix, threads: Int) -> [Double] {
        LevelOrderForest(self).logits(matrix, threads: threads)
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
public struct PackedForest: Sendable {
    /// One node, 32 bytes.
    public struct Node: Sendable {
        /// The threshold, or the leaf value for a leaf.
        public var value: Double
        /// The feature, or -1 for a leaf.
        public var feature: Int32
        /// The left child's index in the whole array.
        public var left: Int32
        /// The right child's index in the whole array.
        public var right: Int32
        /// Bit 0: missing goes left; bits 1-2: missing rule; bit 3: categorical.
        public var flags: UInt8
        /// The category set's index for a categorical split.
        public var set: Int32

        /// Whether the split is on a category set rather than a threshold.
        @inlinable public var isCategorical: Bool { flags & 8 != 0 }
        /// Whether a value of zero counts as missing (LightGBM's `zero` missing type), which breaks the order of values.
        @inlinable public var zeroIsMissing: Bool { (flags >> 1) & 3 == MissingRule.zero.rawValue }
    }

    /// Every tree's nodes, one after the other.
    public let nodes: [Node]
    /// The index of each tree's root in `nodes`.
    public let roots: [Int]
    /// The category sets of categorical splits as bit sets (bit `c` of a set is 1 when code `c` goes left), one
    /// after the other.
    public let setWords: [UInt64]
    /// Where each set starts in `setWords`; set `i` ends where set `i + 1` starts.
    public let setStarts: [Int32]
    /// The ensemble's base score.
    public let base: Double
    /// How thresholds compare.
    public let rule: SplitRule
    /// Whether leaf values are summed in single precision.
    public let float32: Bool

    /// Packs an ensemble.
    /// - Parameter ensemble: the trees.
    public init(_ ensemble: TreeEnsemble) {
        var nodes: [Node] = []
        var roots: [Int] = []
        var setWords: [UInt64] = []
        var setStarts: [Int32] = [0]
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
                    set = Int32(setStarts.count - 1)
                    let members = tree.categorySets[Int(tree.categorySet[node])].filter { $0 >= 0 }
                    var words = [UInt64](repeating: 0, count: Int(members.max() ?? 0) / 64 + 1)
                    for member in members { words[Int(member) / 64] |= 1 << UInt64(member % 64) }
                    setWords += words
                    setStarts.append(Int32(setWords.count))
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
        self.setWords = setWords
        self.setStarts = setStarts
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

    /// Whether `x` goes to the left child of `node`, exactly as ``DecisionTree/goesLeft(_:_:rule:)`` decides.
    /// - Parameters:
    ///   - node: an internal node.
    ///   - x: the value of its feature (NaN when missing).
    /// - Returns: `true` for left.
    @inlinable
    public func goesLeft(_ node: Node, _ x: Double) -> Bool {
        if node.flags & 8 == 0 && !x.isNaN && (node.flags >> 1) & 3 != MissingRule.zero.rawValue {
            return rule == .lessOrEqual ? x <= node.value : Float(x) < Float(node.value)
        }
        return slowDecision(node, x)
    }

    /// The decision for categorical splits and missing values.
    /// - Parameters:
    ///   - node: an internal node.
    ///   - x: the value.
    /// - Returns: `true` for left.
    public func slowDecision(_ node: Node, _ x: Double) -> Bool {
        if node.flags & 8 != 0 {
            if x.isNaN && (node.flags >> 1) & 3 == MissingRule.nanOnCategories.rawValue { return node.flags & 1 != 0 }
            return categorySet(Int(node.set), contains: x)
        }
        var value = x
        switch MissingRule(rawValue: (node.flags >> 1) & 3) ?? .none {
        case .nan, .nanOnCategories:
            if value.isNaN { return node.flags & 1 != 0 }
        case .zero:
            if value.isNaN { value = 0 }
            if value > -1e-35 && value <= 1e-35 { return node.flags & 1 != 0 }
        case .none:
            if value.isNaN { value = 0 }
        }
        return rule == .lessOrEqual ? value <= node.value : Float(value) < Float(node.value)
    }

    /// Whether category set `set` holds the code `x` (false for a missing value or a code that is not a natural
    /// number below 2³¹).
    @inline(__always)
    func categorySet(_ set: Int, contains x: Double) -> Bool {
        guard !x.isNaN, x >= 0, x < 2_147_483_648 else { return false }
        let code = Int(x)  // x ≥ 0: the conversion truncates, as LightGBM does
        let word = Int(setStarts[set]) + code / 64
        guard word < Int(setStarts[set + 1]) else { return false }
        return setWords[word] & (1 << UInt64(code % 64)) != 0
    }

    /// The log-odds of one row, equal to ``TreeEnsemble/logit(_:)``.
    /// - Parameter row: the row's feature values.
    /// - Returns: the log-odds.
    public func logit(_ row: UnsafeBufferPointer<Double>) -> Double {
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
