import Foundation
import LanterneData
import LanterneModels
import Testing

@testable import LanterneExplain

@Suite("Counterfactuals: the fewest changes that bring a score under the threshold")
struct CounterfactualSearchTests {
    /// Two features observed from 0 to 10 (whole numbers), a third one too.
    static let observed = FeatureMatrix(rows: 3, features: 3, values: [0, 0, 0, 10, 10, 10, 2, 1, 4])
    static let features = ["a", "b", "c"].map { ModelFeature(name: $0) }

    /// a: +1 under 5, −1 from 5; b: +2 under 3, 0 from 3 to 7, −0.5 from 7; c: +0.5 everywhere but its value 0.
    static let additive = AdditiveModel(
        features: features, intercept: 0,
        terms: [
            AdditiveTerm(name: "a", input: .feature(0), cuts: [5], scores: [0, 1, -1]),
            AdditiveTerm(name: "b", input: .feature(1), cuts: [3, 7], scores: [0, 2, 0, -0.5]),
            AdditiveTerm(name: "c", input: .feature(2), cuts: [1], scores: [0, 0, 0.5]),
        ])

    static func search(_ model: any ScoringModel, immutable: Set<String> = [], maxChanges: Int = 3)
        -> CounterfactualSearch
    {
        CounterfactualSearch(
            model: model,
            domains: FeatureDomain.observed(in: observed, features: model.features, immutable: immutable),
            maxChanges: maxChanges)
    }

    @Test("Additive: one change suffices, and the nearest one is chosen (b from 1 to its cut 3)")
    func additiveOneChange() {
        // logit(2, 1, 4) = 1 + 2 + 0.5 = 3.5; under logistic(2) one change is enough: b → 3 gives 1.5.
        let answer = Self.search(Self.additive).counterfactual([2, 1, 4], threshold: LanterneData.logistic(2))
        #expect(answer.status == .found)
        #expect(answer.method == .exact)
        #expect(answer.changes == [.init(feature: 1, from: 1, to: 3)])
        #expect(answer.logit == 3.5)
        #expect(answer.newLogit == 1.5)
    }

    @Test("Additive: two changes when no single one is enough, each at its nearest cut")
    func additiveTwoChanges() {
        // Under 0.5 (log-odds 0): best single change b → 7 gives 1; a → 5 and b → 3 give −0.5 (distance 0.5);
        // a → 5 with c → 0 gives 1 and is not enough; b → 3 with c → 0 gives 1.
        let answer = Self.search(Self.additive).counterfactual([2, 1, 4], threshold: 0.5)
        #expect(answer.status == .found)
        #expect(answer.changes == [.init(feature: 0, from: 2, to: 5), .init(feature: 1, from: 1, to: 3)])
        #expect(answer.newLogit == -0.5)
    }

    @Test("Immutable features are never proposed: without b, no answer exists")
    func immutable() {
        let answer = Self.search(Self.additive, immutable: ["b"]).counterfactual([2, 1, 4], threshold: 0.5)
        // a → 5 (−2) and c → 0 (−0.5) reach 1: still above 0.
        #expect(answer.status == .none)
        #expect(answer.changes.isEmpty)
        #expect(answer.obstacle == nil)
    }

    @Test("The number of changes is capped by maxChanges")
    func capped() {
        let answer = Self.search(Self.additive, maxChanges: 1).counterfactual([2, 1, 4], threshold: 0.5)
        #expect(answer.status == .none)
    }

    @Test("A case already under the threshold needs nothing; no actionable feature is said plainly")
    func edges() {
        let below = Self.search(Self.additive).counterfactual([8, 8, 0], threshold: 0.5)
        #expect(below.status == .notNeeded)
        let frozen = Self.search(Self.additive, immutable: ["a", "b", "c"]).counterfactual([2, 1, 4], threshold: 0.5)
        #expect(frozen.status == .none)
        #expect(frozen.obstacle == .noActionableFeature)
    }

    @Test("Logistic: the strongest feature moves to the nearest observed value that crosses")
    func logistic() {
        // logit = 0.5 (a − 5) + 0.2 (b − 5) with a standardised by 1: at (10, 10) it is 3.5.
        let model = LogisticModel(
            features: Self.features, intercept: 0,
            inputs: [
                .init(feature: 0, encoding: .number, mean: 5, scale: 1, weight: 0.5),
                .init(feature: 1, encoding: .number, mean: 5, scale: 1, weight: 0.2),
            ])
        let answer = Self.search(model).counterfactual([10, 10, 4], threshold: 0.5)
        // a alone can go down to 0: 0.5 (0 − 5) + 1 = −1.5 < 0; observed values of a are 0, 2, 10: 2 gives 0.5
        // − 1.5 + 1 = −0.5 < 0, nearer than 0.
        #expect(answer.status == .found)
        #expect(answer.changes == [.init(feature: 0, from: 10, to: 2)])
        #expect(abs(answer.newLogit - -0.5) < 1e-12)
    }

    /// x0 ≤ 5 ? (x1 ≤ 3 ? 2 : 1) : −1, plus x1 ≤ 6 ? 1 : −1.
    static var trees: TreeEnsemble {
        var first = DecisionTree()
        first.appendNode(
            feature: 0, threshold: 5, left: 1, right: 4, defaultLeft: true, missing: .nan, categories: nil, value: 0,
            cover: 3, count: 3)
        first.appendNode(
            feature: 1, threshold: 3, left: 2, right: 3, defaultLeft: true, missing: .nan, categories: nil, value: 0,
            cover: 2, count: 2)
        for value in [2.0, 1, -1] {
            first.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .none, categories: nil,
                value: value, cover: 1, count: 1)
        }
        var second = DecisionTree()
        second.appendNode(
            feature: 1, threshold: 6, left: 1, right: 2, defaultLeft: true, missing: .nan, categories: nil, value: 0,
            cover: 3, count: 3)
        for value in [1.0, -1] {
            second.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .none, categories: nil,
                value: value, cover: 1, count: 1)
        }
        return TreeEnsemble(
            features: features, baseScore: 0, rule: .lessOrEqual, trees: [first, second], sumsInFloat32: false)
    }

    @Test("Trees: the search moves x0 just past its split (6) rather than x1 past both of its splits (7)")
    func trees() {
        // logit(2, 1) = 2 + 1 = 3; x0 → 6 gives −1 + 1 = 0 (distance 0.4), x1 → 7 gives 1 − 1 = 0 (distance 0.6).
        let answer = Self.search(Self.trees).counterfactual([2, 1, 4], threshold: LanterneData.logistic(0.5))
        #expect(answer.method == .search)
        #expect(answer.status == .found)
        #expect(answer.changes == [.init(feature: 0, from: 2, to: 6)])
        #expect(answer.newLogit == 0)
    }

    @Test("The tree walk with a free feature gives the same log-odds as scoring each candidate (LightGBM fixture)")
    func walkMatchesScoring() throws {
        for name in ["lgb_leaves7", "xgb_depth4"] {
            let model = try TreeSHAPTests.model(name)
            let matrix = try FeatureMatrix(table: TreeSHAPTests.data, features: model.features, file: name)
            let domains = FeatureDomain.observed(in: matrix, features: model.features, immutable: [])
            let breakpoints = CandidateValues.breakpoints(of: model)
            let evaluator = CandidateLogits(model: model)
            for row in stride(from: 0, to: matrix.rowCount, by: 97) {
                let values = Array(matrix.values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)])
                let logit = values.withUnsafeBufferPointer { model.logit($0) }
                for feature in 0..<matrix.featureCount {
                    let candidates = CandidateValues.values(
                        domain: domains[feature], current: values[feature], breakpoints: breakpoints[feature])
                    let walked = evaluator.logits(row: values, logit: logit, feature: feature, candidates: candidates)
                    var changed = values
                    for (candidate, result) in zip(candidates, walked) {
                        changed[feature] = candidate
                        let scored = changed.withUnsafeBufferPointer { model.logit($0) }
                        #expect(abs(result - scored) < 1e-5, "\(name) row \(row) feature \(feature) value \(candidate)")
                    }
                }
            }
        }
    }

    @Test("Trees: whenever one change is enough, the search answers with one change (every fixture row)")
    func singleChangeFound() throws {
        let model = try TreeSHAPTests.model("xgb_depth4")
        let matrix = try FeatureMatrix(table: TreeSHAPTests.data, features: model.features, file: "trees_data.csv")
        let domains = FeatureDomain.observed(in: matrix, features: model.features, immutable: [])
        let search = CounterfactualSearch(model: model, domains: domains, maxChanges: 2)
        let breakpoints = CandidateValues.breakpoints(of: model)
        var found = 0
        for row in stride(from: 0, to: matrix.rowCount, by: 23) {
            let values = Array(matrix.values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)])
            let answer = search.counterfactual(values, threshold: 0.5)
            guard answer.status != .notNeeded else { continue }
            var single = false
            for feature in 0..<matrix.featureCount {
                var changed = values
                for candidate in CandidateValues.values(
                    domain: domains[feature], current: values[feature], breakpoints: breakpoints[feature])
                {
                    changed[feature] = candidate
                    if changed.withUnsafeBufferPointer({ model.logit($0) }) < 0 { single = true }
                }
            }
            if single {
                #expect(answer.changes.count == 1, "row \(row)")
                found += 1
            }
            if answer.status == .found { #expect(answer.newLogit < 0) }
        }
        #expect(found > 0)
    }
}
