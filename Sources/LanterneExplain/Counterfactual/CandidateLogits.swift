import LanterneModels

/// The log-odds a model gives a case when one feature takes each of several values, the others staying as they are.
///
/// Trees are walked once per tree with the feature left free: the walk follows the case where other features split
/// and divides the sorted candidates where the free feature splits, so a tree costs a few nodes however many
/// candidates there are. Other models re-score the case once per candidate, which costs a few additions.
struct CandidateLogits: Sendable {
    let model: any ScoringModel
    private let forest: PackedForest?
    /// For each feature, the roots of the trees that split on it.
    private let rootsUsing: [[Int]]

    init(model: any ScoringModel) {
        self.model = model
        var using = [[Int]](repeating: [], count: model.features.count)
        if let ensemble = model as? TreeEnsemble {
            let forest = PackedForest(ensemble)
            for (index, tree) in ensemble.trees.enumerated() {
                var seen = Set<Int32>()
                for feature in tree.feature where feature >= 0 && seen.insert(feature).inserted {
                    using[Int(feature)].append(forest.roots[index])
                }
            }
            self.forest = forest
        } else {
            forest = nil
        }
        rootsUsing = using
    }

    /// The case's log-odds, by the model's own arithmetic.
    func logit(_ row: [Double]) -> Double {
        row.withUnsafeBufferPointer { forest?.logit($0) ?? model.logit($0) }
    }

    /// The log-odds for each candidate value of `feature`.
    /// - Parameters:
    ///   - row: the case (its other features are kept).
    ///   - logit: the case's log-odds as it is.
    ///   - feature: the feature moved.
    ///   - candidates: the values, sorted ascending, none missing.
    /// - Returns: one log-odds per candidate.
    func logits(row: [Double], logit: Double, feature: Int, candidates: [Double]) -> [Double] {
        guard let forest else {
            var changed = row
            return candidates.map { value in
                changed[feature] = value
                return changed.withUnsafeBufferPointer { model.logit($0) }
            }
        }
        // A difference array over candidates: each tree adds (its leaf for the candidate − its leaf now).
        // Candidates that category splits scatter get their differences one by one in `direct`.
        var steps = [Double](repeating: 0, count: candidates.count + 1)
        var direct = [Double](repeating: 0, count: candidates.count)
        row.withUnsafeBufferPointer { values in
            forest.nodes.withUnsafeBufferPointer { nodes in
                candidates.withUnsafeBufferPointer { candidates in
                    steps.withUnsafeMutableBufferPointer { steps in
                        direct.withUnsafeMutableBufferPointer { direct in
                            let walker = Walker(
                                forest: forest, nodes: nodes, values: values, feature: feature, candidates: candidates,
                                steps: steps, direct: direct)
                            for root in rootsUsing[feature] {
                                var now = root
                                while nodes[now].feature >= 0 {
                                    let node = nodes[now]
                                    now = Int(forest.goesLeft(node, values[Int(node.feature)]) ? node.left : node.right)
                                }
                                walker.walk(root, low: 0, high: candidates.count, now: nodes[now].value)
                            }
                        }
                    }
                }
            }
        }
        var running = 0.0
        return candidates.indices.map { index in
            running += steps[index]
            return logit + running + direct[index]
        }
    }

    /// One walk's fixed context.
    private struct Walker {
        let forest: PackedForest
        let nodes: UnsafeBufferPointer<PackedForest.Node>
        let values: UnsafeBufferPointer<Double>
        let feature: Int
        let candidates: UnsafeBufferPointer<Double>
        let steps: UnsafeMutableBufferPointer<Double>
        let direct: UnsafeMutableBufferPointer<Double>

        /// Walks from `start` with the candidates `low..<high`; `now` is the tree's leaf value for the case.
        func walk(_ start: Int, low: Int, high: Int, now: Double) {
            var index = start
            while true {
                let node = nodes[index]
                if node.feature < 0 {
                    steps[low] += node.value - now
                    steps[high] -= node.value - now
                    return
                }
                if Int(node.feature) != feature {
                    index = Int(forest.goesLeft(node, values[Int(node.feature)]) ? node.left : node.right)
                    continue
                }
                if !node.isCategorical && !node.zeroIsMissing {
                    // Numbers going left are the smaller ones: one cut divides the sorted candidates.
                    var first = low
                    var last = high
                    while first < last {
                        let middle = (first + last) / 2
                        if forest.goesLeft(node, candidates[middle]) { first = middle + 1 } else { last = middle }
                    }
                    if first > low { walk(Int(node.left), low: low, high: first, now: now) }
                    if first < high { walk(Int(node.right), low: first, high: high, now: now) }
                    return
                }
                // Category sets (and zero-as-missing) do not follow the order: the candidates are sent one by one.
                var left: [Int] = []
                var right: [Int] = []
                for candidate in low..<high {
                    if forest.goesLeft(node, candidates[candidate]) {
                        left.append(candidate)
                    } else {
                        right.append(candidate)
                    }
                }
                if !left.isEmpty { walk(Int(node.left), scattered: left, now: now) }
                if !right.isEmpty { walk(Int(node.right), scattered: right, now: now) }
                return
            }
        }

        /// Walks from `start` with candidates that are not a contiguous range.
        func walk(_ start: Int, scattered: [Int], now: Double) {
            var index = start
            while true {
                let node = nodes[index]
                if node.feature < 0 {
                    for candidate in scattered { direct[candidate] += node.value - now }
                    return
                }
                if Int(node.feature) != feature {
                    index = Int(forest.goesLeft(node, values[Int(node.feature)]) ? node.left : node.right)
                    continue
                }
                var left: [Int] = []
                var right: [Int] = []
                for candidate in scattered {
                    if forest.goesLeft(node, candidates[candidate]) {
                        left.append(candidate)
                    } else {
                        right.append(candidate)
                    }
                }
                if !left.isEmpty { walk(Int(node.left), scattered: left, now: now) }
                if !right.isEmpty { walk(Int(node.right), scattered: right, now: now) }
                return
            }
        }
    }
}
