import LanterneModels

/// The log-odds a model gives a case when one feature takes each of several values, the others staying as they are.
///
/// Trees are walked once per tree with the feature left free: the walk follows the case where other features split
/// and divides the sorted candidates where the free feature splits, so a tree costs a few nodes however many
/// candidates there are. Other models re-score the case once per candidate, which costs a few additions.
struct CandidateLogits: Sendable {
    let model: any ScoringModel
    private let ensemble: TreeEnsemble?
    /// For each feature, the trees that split on it.
    private let treesUsing: [[Int]]

    init(model: any ScoringModel) {
        self.model = model
        ensemble = model as? TreeEnsemble
        var using = [[Int]](repeating: [], count: model.features.count)
        if let ensemble {
            for (index, tree) in ensemble.trees.enumerated() {
                var seen = Set<Int32>()
                for feature in tree.feature where feature >= 0 && seen.insert(feature).inserted {
                    using[Int(feature)].append(index)
                }
            }
        }
        treesUsing = using
    }

    /// The log-odds for each candidate value of `feature`.
    /// - Parameters:
    ///   - row: the case (its other features are kept).
    ///   - logit: the case's log-odds as it is.
    ///   - feature: the feature moved.
    ///   - candidates: the values, sorted ascending, none missing.
    /// - Returns: one log-odds per candidate.
    func logits(row: [Double], logit: Double, feature: Int, candidates: [Double]) -> [Double] {
        guard let ensemble else {
            var changed = row
            return candidates.map { value in
                changed[feature] = value
                return changed.withUnsafeBufferPointer { model.logit($0) }
            }
        }
        // A difference array over candidates: each tree adds (its leaf for the candidate − its leaf now).
        var steps = [Double](repeating: 0, count: candidates.count + 1)
        row.withUnsafeBufferPointer { values in
            for index in treesUsing[feature] {
                let tree = ensemble.trees[index]
                let now = tree.value[tree.leaf(values, rule: ensemble.rule)]
                walk(
                    tree, node: 0, range: 0..<candidates.count, values: values, feature: feature,
                    candidates: candidates, rule: ensemble.rule
                ) { range, leafValue in
                    steps[range.lowerBound] += leafValue - now
                    steps[range.upperBound] -= leafValue - now
                }
            }
        }
        var running = 0.0
        return candidates.indices.map { index in
            running += steps[index]
            return logit + running
        }
    }

    private func walk(
        _ tree: DecisionTree, node start: Int, range: Range<Int>, values: UnsafeBufferPointer<Double>, feature: Int,
        candidates: [Double], rule: SplitRule, leaf: (Range<Int>, Double) -> Void
    ) {
        var node = start
        while tree.feature[node] >= 0 {
            let split = Int(tree.feature[node])
            if split != feature {
                node = Int(tree.goesLeft(node, values[split], rule: rule) ? tree.left[node] : tree.right[node])
                continue
            }
            if tree.categorySet[node] < 0 && tree.missing[node] != .zero {
                // Numbers going left are the smaller ones: one cut divides the sorted candidates.
                var low = range.lowerBound
                var high = range.upperBound
                while low < high {
                    let middle = (low + high) / 2
                    if tree.goesLeft(node, candidates[middle], rule: rule) { low = middle + 1 } else { high = middle }
                }
                if low > range.lowerBound {
                    walk(
                        tree, node: Int(tree.left[node]), range: range.lowerBound..<low, values: values,
                        feature: feature, candidates: candidates, rule: rule, leaf: leaf)
                }
                if low < range.upperBound {
                    walk(
                        tree, node: Int(tree.right[node]), range: low..<range.upperBound, values: values,
                        feature: feature, candidates: candidates, rule: rule, leaf: leaf)
                }
                return
            }
            // Category sets (and zero-as-missing) do not follow the order: each run of candidates going the same way.
            var runStart = range.lowerBound
            while runStart < range.upperBound {
                let left = tree.goesLeft(node, candidates[runStart], rule: rule)
                var runEnd = runStart + 1
                while runEnd < range.upperBound && tree.goesLeft(node, candidates[runEnd], rule: rule) == left {
                    runEnd += 1
                }
                walk(
                    tree, node: Int(left ? tree.left[node] : tree.right[node]), range: runStart..<runEnd,
                    values: values, feature: feature, candidates: candidates, rule: rule, leaf: leaf)
                runStart = runEnd
            }
            return
        }
        leaf(range, tree.value[node])
    }
}
