import LanterneData
import LanterneExplain
import LanterneModels
import Testing

@Suite("TreeSHAP from per-leaf tables against the path walk")
struct LeafTablesTests {
    static let models = ["xgb_depth2", "xgb_depth4", "xgb_depth6", "lgb_leaves7", "lgb_categorical", "lgb_missing"]

    /// Every row of the trees fixture, explained one at a time.
    static func explainEachRow(_ explainer: TreeSHAP, _ matrix: FeatureMatrix) -> [Contributions] {
        let width = matrix.featureCount
        return matrix.values.withUnsafeBufferPointer { values in
            (0..<matrix.rowCount).map { row in
                explainer.pathDependent(UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]))
            }
        }
    }

    @Test("Tables give the path walk's values to 1e-12 on every fixture row", arguments: models)
    func tablesEqualPathWalk(name: String) throws {
        let model = try TreeSHAPTests.model(name)
        let matrix = try FeatureMatrix(table: TreeSHAPTests.data, features: model.features, file: "trees_data.csv")
        let tabled = TreeSHAP(ensemble: model)
        let walked = TreeSHAP(ensemble: model, tableLimit: 0)
        #expect(tabled.treesWithTables == model.trees.count)
        #expect(walked.treesWithTables == 0)
        #expect(walked.tableBytes == 0)
        let fast = Self.explainEachRow(tabled, matrix)
        let reference = Self.explainEachRow(walked, matrix)
        var worst = 0.0
        for (a, b) in zip(fast, reference) {
            #expect(a.base == b.base)
            for (x, y) in zip(a.values, b.values) { worst = max(worst, abs(x - y)) }
        }
        #expect(worst < 1e-12, "\(name): largest difference \(worst)")
    }

    @Test("A limit between two trees' tables gives tables to the first trees and the walk to the rest, same values")
    func partialTables() throws {
        let model = try TreeSHAPTests.model("xgb_depth6")
        let matrix = try FeatureMatrix(table: TreeSHAPTests.data, features: model.features, file: "trees_data.csv")
        let full = TreeSHAP(ensemble: model)
        let half = TreeSHAP(ensemble: model, tableLimit: full.tableBytes / 2)
        #expect(half.treesWithTables > 0)
        #expect(half.treesWithTables < model.trees.count)
        #expect(half.tableBytes <= full.tableBytes / 2)
        var worst = 0.0
        for (a, b) in zip(Self.explainEachRow(half, matrix), Self.explainEachRow(full, matrix)) {
            for (x, y) in zip(a.values, b.values) { worst = max(worst, abs(x - y)) }
        }
        #expect(worst < 1e-12, "largest difference \(worst)")
    }

    @Test("Cases explained together equal, bit for bit, the same cases explained one by one")
    func blocksEqualSingleCases() throws {
        for name in ["xgb_depth6", "lgb_categorical"] {
            let model = try TreeSHAPTests.model(name)
            let matrix = try FeatureMatrix(table: TreeSHAPTests.data, features: model.features, file: "trees_data.csv")
            let explainer = TreeSHAP(ensemble: model, tableLimit: TreeSHAP(ensemble: model).tableBytes / 2)
            let width = matrix.featureCount
            let together = matrix.values.withUnsafeBufferPointer { values in
                explainer.pathDependent(
                    rows: (0..<matrix.rowCount).map {
                        UnsafeBufferPointer(rebasing: values[($0 * width)..<(($0 + 1) * width)])
                    })
            }
            #expect(together == Self.explainEachRow(explainer, matrix), "\(name)")
        }
    }

    @Test("A hand-computed stump: one split on x with covers 30 left and 70 right, leaves −1 and 2")
    func handComputedStump() throws {
        // E[f] = 0.3 × (−1) + 0.7 × 2 = 1.1; a case going left gets φ = −1 − 1.1 = −2.1 on x.
        var tree = DecisionTree()
        for (feature, left, right, value, cover) in [(0, 1, 2, 0.0, 100.0), (-1, -1, -1, -1, 30), (-1, -1, -1, 2, 70)] {
            tree.appendNode(
                feature: Int32(feature), threshold: 5, left: Int32(left), right: Int32(right), defaultLeft: true,
                missing: .nan, categories: nil, value: value, cover: cover, count: 0)
        }
        let model = TreeEnsemble(
            features: [ModelFeature(name: "x"), ModelFeature(name: "y")], baseScore: 0, rule: .lessOrEqual,
            trees: [tree])
        let explainer = TreeSHAP(ensemble: model)
        let left = [4.0, 0].withUnsafeBufferPointer { explainer.pathDependent($0) }
        let right = [6.0, 0].withUnsafeBufferPointer { explainer.pathDependent($0) }
        #expect(abs(left.base - 1.1) < 1e-15)
        #expect(abs(left.values[0] - -2.1) < 1e-15)
        #expect(left.values[1] == 0)
        #expect(abs(right.values[0] - 0.9) < 1e-15)
        #expect(explainer.tableBytes == 2 * 2 * 8)
    }

    @Test("A child no training weight reached (cover 0): exact Shapley values worked by hand, no NaN")
    func zeroCoverChild() throws {
        // Covers 100 → 0 left (leaf −5), 100 right (a split on y: leaves 1 and 4, covers 25 and 75). Two levels, so
        // that the zero fraction meets another feature in the table.
        var tree = DecisionTree()
        let nodes: [(Int32, Int32, Int32, Double, Double)] = [
            (0, 1, 2, 0, 100), (-1, -1, -1, -5, 0), (1, 3, 4, 0, 100), (-1, -1, -1, 1, 25), (-1, -1, -1, 4, 75),
        ]
        for (feature, left, right, value, cover) in nodes {
            tree.appendNode(
                feature: feature, threshold: 5, left: left, right: right, defaultLeft: true, missing: .nan,
                categories: nil, value: value, cover: cover, count: 0)
        }
        let model = TreeEnsemble(
            features: [ModelFeature(name: "x"), ModelFeature(name: "y")], baseScore: 0, rule: .lessOrEqual,
            trees: [tree])
        let explainer = TreeSHAP(ensemble: model)
        #expect(explainer.treesWithTables == 1)
        // E[f] = 0.25 × 1 + 0.75 × 4 = 3.25. Left (x = 4, y = 9): f({x}) = f({x, y}) = −5, f({y}) = 4 (the empty
        // child weighs nothing), so φ_x = ((−5 − 3.25) + (−5 − 4)) / 2 = −8.625 and φ_y = ((4 − 3.25) + 0) / 2 = 0.375.
        let left = [4.0, 9].withUnsafeBufferPointer { explainer.pathDependent($0) }
        #expect(abs(left.base - 3.25) < 1e-15)
        #expect(abs(left.values[0] - -8.625) < 1e-15)
        #expect(abs(left.values[1] - 0.375) < 1e-15)
        // Right then right: f({x}) = 3.25, f({y}) = f({x, y}) = 4 (the left child is empty): φ_x = 0, φ_y = 0.75.
        let right = [6.0, 9].withUnsafeBufferPointer { explainer.pathDependent($0) }
        #expect(abs(right.values[0]) < 1e-15)
        #expect(abs(right.values[1] - 0.75) < 1e-15)
    }
}
