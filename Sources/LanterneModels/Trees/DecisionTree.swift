/// How a numeric split compares a value with its threshold.
public enum SplitRule: String, Codable, Sendable {
    /// `x < threshold` goes left (XGBoost), comparing in single precision as XGBoost does.
    case lessThanFloat32
    /// `x <= threshold` goes left (LightGBM and Lanterne's own trees).
    case lessOrEqual
}

/// How a node treats a missing value (LightGBM's `missing_type`).
public enum MissingRule: UInt8, Codable, Sendable {
    /// NaN is read as 0 before comparing.
    case none = 0
    /// NaN and 0 both follow the default direction.
    case zero = 1
    /// NaN follows the default direction.
    case nan = 2
    /// On a category split, NaN follows the default direction (XGBoost) rather than going right (LightGBM).
    case nanOnCategories = 3
}

/// One decision tree stored as parallel arrays, node 0 the root.
///
/// Every node keeps its cover (sum of hessians) and sample count, which exact explanations (TreeSHAP) need.
public struct DecisionTree: Codable, Sendable, Equatable {
    /// The feature each node splits on; -1 for a leaf.
    public var feature: [Int32]
    /// The numeric threshold of each split.
    public var threshold: [Double]
    /// The left child of each node (-1 for a leaf).
    public var left: [Int32]
    /// The right child of each node (-1 for a leaf).
    public var right: [Int32]
    /// Whether a missing value goes left.
    public var defaultLeft: [Bool]
    /// Each node's missing-value rule.
    public var missing: [MissingRule]
    /// For a categorical split, the index of its category set in ``categorySets``; -1 for a numeric split.
    public var categorySet: [Int32]
    /// The category sets: values in a set go left.
    public var categorySets: [[Int32]]
    /// Each node's value; for a leaf, what it adds to the log-odds.
    public var value: [Double]
    /// Each node's cover: the sum of the training hessians that reached it.
    public var cover: [Double]
    /// Each node's number of training rows (0 when the format does not record it).
    public var count: [Int]

    /// Creates an empty tree, filled by importers and trainers.
    public init() {
        feature = []
        threshold = []
        left = []
        right = []
        defaultLeft = []
        missing = []
        categorySet = []
        categorySets = []
        value = []
        cover = []
        count = []
    }

    /// The number of nodes.
    public var nodeCount: Int { feature.count }

    /// Appends a node and returns its index.
    @discardableResult
    public mutating func appendNode(
        feature: Int32, threshold: Double, left: Int32, right: Int32, defaultLeft: Bool, missing: MissingRule,
        categories: [Int32]?, value: Double, cover: Double, count: Int
    ) -> Int {
        self.feature.append(feature)
        self.threshold.append(threshold)
        self.left.append(left)
        self.right.append(right)
        self.defaultLeft.append(defaultLeft)
        self.missing.append(missing)
        if let categories {
            categorySet.append(Int32(categorySets.count))
            categorySets.append(categories.sorted())
        } else {
            categorySet.append(-1)
        }
        self.value.append(value)
        self.cover.append(cover)
        self.count.append(count)
        return self.feature.count - 1
    }

    /// Whether a row goes to the left child of `node`.
    /// - Parameters:
    ///   - node: an internal node.
    ///   - x: the row's value of the node's feature.
    ///   - rule: how numeric splits compare.
    /// - Returns: `true` for left.
    @inlinable
    public func goesLeft(_ node: Int, _ x: Double, rule: SplitRule) -> Bool {
        let set = categorySet[node]
        if set >= 0 {
            // A missing or negative value goes right, as LightGBM does in practice (its conversion of NaN to an
            // integer gives a negative number).
            if x.isNaN && missing[node] == .nanOnCategories { return defaultLeft[node] }
            guard !x.isNaN, x >= 0, x < 2_147_483_648 else { return false }
            return categorySets[Int(set)].contains(Int32(x.rounded(.towardZero)))
        }
        var value = x
        switch missing[node] {
        case .nan, .nanOnCategories:
            if value.isNaN { return defaultLeft[node] }
        case .zero:
            if value.isNaN { value = 0 }
            if value > -1e-35 && value <= 1e-35 { return defaultLeft[node] }
        case .none:
            if value.isNaN { value = 0 }
        }
        switch rule {
        case .lessOrEqual: return value <= threshold[node]
        case .lessThanFloat32: return Float(value) < Float(threshold[node])
        }
    }

    /// The leaf a row reaches.
    /// - Parameters:
    ///   - row: the row's feature values.
    ///   - rule: how numeric splits compare.
    /// - Returns: the leaf's node index.
    @inlinable
    public func leaf(_ row: UnsafeBufferPointer<Double>, rule: SplitRule) -> Int {
        var node = 0
        while feature[node] >= 0 {
            let x = row[Int(feature[node])]
            node = Int(goesLeft(node, x, rule: rule) ? left[node] : right[node])
        }
        return node
    }
}
