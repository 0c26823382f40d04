import LanterneData
import LanterneModels

/// Small models written by hand, sound or with one flaw each, for the structural check's tests.
enum UnsoundModels {
    static let features = [ModelFeature(name: "revenu"), ModelFeature(name: "zone", levels: ["a", "b", "c"])]

    /// A stump on `revenu`: node 0 splits at 1500, nodes 1 and 2 are leaves.
    static func stump() -> DecisionTree {
        var tree = DecisionTree()
        tree.appendNode(
            feature: 0, threshold: 1500, left: 1, right: 2, defaultLeft: true, missing: .nan, categories: nil,
            value: 0, cover: 10, count: 10)
        tree.appendNode(
            feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
            value: -0.5, cover: 4, count: 4)
        tree.appendNode(
            feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
            value: 0.5, cover: 6, count: 6)
        return tree
    }

    /// Two stumps, the second changed by `change`.
    static func ensemble(_ change: (inout DecisionTree) -> Void) -> TreeEnsemble {
        var second = stump()
        change(&second)
        return TreeEnsemble(features: features, baseScore: -1, rule: .lessOrEqual, trees: [stump(), second])
    }

    /// A chain of `depth` splits, each with a leaf on its left and the next split on its right.
    static func chain(depth: Int) -> DecisionTree {
        var tree = DecisionTree()
        for level in 0..<depth {
            let split = 2 * level
            tree.appendNode(
                feature: 0, threshold: Double(level), left: Int32(split + 1), right: Int32(split + 2),
                defaultLeft: true, missing: .nan, categories: nil, value: 0, cover: 1, count: 1)
            tree.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
                value: 0.01, cover: 1, count: 1)
        }
        tree.appendNode(
            feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan, categories: nil,
            value: 0.02, cover: 1, count: 1)
        return tree
    }

    /// A sound logistic model on both features.
    static func logistic(_ change: (inout LogisticModel) -> Void = { _ in }) -> LogisticModel {
        var model = LogisticModel(
            features: features, intercept: -2,
            inputs: [
                .init(feature: 0, encoding: .number, mean: 1_200, scale: 400, weight: 0.7),
                .init(feature: 0, encoding: .missing, mean: 0.1, scale: 0.3, weight: 0.4),
                .init(feature: 1, encoding: .level(0), mean: 0.3, scale: 0.46, weight: 0.25),
                .init(feature: 1, encoding: .level(2), mean: 0.05, scale: 0.22, weight: 0.1),
            ], quintiles: [[100, 500, 900, 1_300, 1_700, 3_000], []])
        change(&model)
        return model
    }

    /// A sound additive model: a continuous term, a categorical term and a pair.
    static func additive(_ change: (inout AdditiveModel) -> Void = { _ in }) -> AdditiveModel {
        let income = AdditiveTerm(
            name: "revenu", input: .meanImputed(feature: 0, mean: 1_500.5), cuts: [1_000, 2_000],
            scores: [0, -0.5, 0.1, 0.7])
        let zone = AdditiveTerm(
            name: "zone", input: .feature(1), categories: [0, 1, 2], categoryBins: [1, 2, 3],
            scores: [0, 0.3, -0.3, 0.1])
        var incomeAxis = income
        incomeAxis.scores = []
        var zoneAxis = zone
        zoneAxis.scores = []
        var model = AdditiveModel(
            features: features, intercept: -1.25, terms: [income, zone],
            pairs: [
                AdditivePair(
                    name: "revenu & zone", first: incomeAxis, second: zoneAxis, width: 4,
                    scores: (0..<16).map { Double($0) / 100 })
            ])
        change(&model)
        return model
    }
}
