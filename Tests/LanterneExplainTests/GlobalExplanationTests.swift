import LanterneData
import LanterneExplain
import LanterneModels
import Testing

@Suite("Global explanation: importance and effect curves")
struct GlobalExplanationTests {
    @Test("An additive model's curve is its own shape, levels stay apart, missing values are counted aside")
    func additive() {
        let model = AdditiveModel(
            features: [ModelFeature(name: "x"), ModelFeature(name: "zone", levels: ["rural", "urbain"])], intercept: 0,
            terms: [
                AdditiveTerm(name: "x", input: .feature(0), cuts: [5], scores: [0.25, -1, 2]),
                AdditiveTerm(
                    name: "zone", input: .feature(1), categories: [0, 1], categoryBins: [1, 2], scores: [0, 0.5, -0.5]),
            ])
        let values: [Double] = [1, 0, 3, 1, 7, 1, 9, 0, .nan, 1]
        let matrix = FeatureMatrix(rows: 5, features: 2, values: values)
        let rows = Array(0..<5)
        let explainer = Explainer(model: model)
        let contributions = rows.map { row in
            Array(values[(row * 2)..<(row * 2 + 2)]).withUnsafeBufferPointer { explainer.contributions($0) }
        }
        let summary = GlobalExplanation(
            matrix: matrix, rows: rows, contributions: contributions, features: model.features)
        #expect(summary.rows == 5)
        // x: |−1| |−1| |2| |2| |0.25| → 6.25 / 5; zone: 0.5 four times and 0.5 once → 0.5.
        #expect(summary.importance == [1.25, 0.5])
        let x = summary.curves[0]
        #expect(!x.levels)
        #expect(x.points.map(\.value) == [1, 3, 7, 9])
        #expect(x.points.map(\.meanContribution) == [-1, -1, 2, 2])
        #expect(x.missing?.meanContribution == 0.25 && x.missing?.count == 1)
        let zone = summary.curves[1]
        #expect(zone.levels)
        #expect(zone.points.map(\.value) == [0, 1])
        #expect(zone.points.map(\.meanContribution) == [0.5, -0.5])
        #expect(zone.points.map(\.count) == [2, 3])
    }

    @Test("Many values are gathered into ranges of about equal counts, each with its mean value and range")
    func ranges() {
        let count = 1000
        let values = (0..<count).map { Double($0) }
        let matrix = FeatureMatrix(rows: count, features: 1, values: values)
        let contributions = values.map { Contributions(base: 0, values: [$0 / 100]) }
        let summary = GlobalExplanation(
            matrix: matrix, rows: Array(0..<count), contributions: contributions, features: [ModelFeature(name: "x")],
            bins: 20)
        let curve = summary.curves[0]
        #expect(curve.points.count == 20)
        #expect(curve.points[0].range == 0...49)
        #expect(curve.points[0].value == 24.5)
        #expect(curve.points[0].count == 50)
        #expect(abs(curve.points[0].meanContribution - 0.245) < 1e-12)
        #expect(curve.points[19].range == 950...999)
    }
}
