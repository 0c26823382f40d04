extension StructuralCheck {
    /// Checks an ensemble: its features, base score, number of trees, and each tree.
    static func checkEnsemble(_ ensemble: TreeEnsemble) throws {
        try checkFeatures(ensemble.features)
        try summand(ensemble.baseScore, "baseScore", at: .model)
        try within(ensemble.trees.count, .trees, at: .model)
        for (index, tree) in ensemble.trees.enumerated() {
            try checkTree(tree, index: index, features: ensemble.features)
        }
    }

    /// Checks one tree's arrays and nodes, then walks it from the root.
    static func checkTree(_ tree: DecisionTree, index: Int, features: [ModelFeature]) throws {
        let place = ModelPlace.tree(index)
        let count = tree.feature.count
        try within(count, .nodes, at: place)
        guard count > 0 else { throw flaw(place, .emptyTree) }
        let lengths = [
            ("threshold", tree.threshold.count), ("left", tree.left.count), ("right", tree.right.count),
            ("defaultLeft", tree.defaultLeft.count), ("missing", tree.missing.count),
            ("categorySet", tree.categorySet.count), ("value", tree.value.count), ("cover", tree.cover.count),
            ("count", tree.count.count),
        ]
        for (field, found) in lengths where found != count {
            throw flaw(place, .lengthMismatch(field: field, found: found, expected: count))
        }
        try within(tree.categorySets.count, .nodes, at: place)
        for node in 0..<count {
            try checkNode(node, of: tree, index: index, features: features)
        }
        try walk(tree, index: index)
    }

    /// Checks one node: its feature, children, category set and numbers.
    private static func checkNode(_ node: Int, of tree: DecisionTree, index: Int, features: [ModelFeature]) throws {
        let place = ModelPlace.node(tree: index, node: node)
        let count = tree.feature.count
        // Every node's set is read when the trees are packed, a leaf's included.
        let set = Int(tree.categorySet[node])
        guard set >= -1 && set < tree.categorySets.count else {
            throw flaw(place, .categorySetOutOfRange(index: set, count: tree.categorySets.count))
        }
        try finite(tree.value[node], "value", at: place)
        try finite(tree.cover[node], "cover", at: place)
        let feature = Int(tree.feature[node])
        if feature < 0 {
            guard feature == -1 else { throw flaw(place, .featureOutOfRange(index: feature, count: features.count)) }
            try summand(tree.value[node], "value", at: place)
            return
        }
        try StructuralCheck.feature(feature, of: features.count, at: place)
        try finite(tree.threshold[node], "threshold", at: place)
        for (side, child) in [(ModelFlaw.Side.left, tree.left[node]), (.right, tree.right[node])]
        where child < 0 || Int(child) >= count {
            throw flaw(place, .childOutOfRange(side: side, index: Int(child), count: count))
        }
        guard set >= 0 else { return }
        try within(tree.categorySets[set].count, .levels, at: place)
        // Codes a split tests: among the feature's levels (and the unknown code when it has one), else below the
        // bound on levels.
        var codes = ModelLimit.levels.value
        if let levels = features[feature].levels {
            codes = levels.count + (features[feature].unseenIsUnknown == true ? 1 : 0)
        }
        for code in tree.categorySets[set] where code < 0 || Int(code) >= codes {
            throw flaw(place, .categoryOutOfRange(code: Int(code), count: codes))
        }
    }

    /// Walks the tree from its root with a stack, checking that each node is reached exactly once (no cycle, no node
    /// shared by two splits, none left out) and that no leaf is deeper than ``ModelLimit/depth``.
    private static func walk(_ tree: DecisionTree, index: Int) throws {
        let count = tree.feature.count
        // Each node's parent once reached: -1 for the root, -2 while not reached.
        var parent = [Int32](repeating: -2, count: count)
        var depth = [Int32](repeating: 0, count: count)
        parent[0] = -1
        var stack: [Int32] = [0]
        var reached = 1
        func visit(_ child: Int, side: ModelFlaw.Side, from node: Int) throws {
            if parent[child] != -2 {
                // Reached before: a cycle when the child is this node or above it, else a node with two parents.
                var above = node
                while above >= 0 && above != child { above = Int(parent[above]) }
                throw flaw(
                    .node(tree: index, node: node),
                    above == child ? .cycle(side: side, child: child) : .sharedNode(side: side, child: child))
            }
            let level = depth[node] + 1
            guard level <= ModelLimit.depth.value else {
                throw Finding(kind: .tooLarge(.depth, found: Int(level), place: .tree(index)))
            }
            parent[child] = Int32(node)
            depth[child] = level
            stack.append(Int32(child))
            reached += 1
        }
        while let next = stack.popLast() {
            let node = Int(next)
            guard tree.feature[node] >= 0 else { continue }
            try visit(Int(tree.left[node]), side: .left, from: node)
            try visit(Int(tree.right[node]), side: .right, from: node)
        }
        if reached < count, let node = parent.firstIndex(of: -2) {
            throw flaw(.node(tree: index, node: node), .unreachable)
        }
    }
}
