import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("Logistic regression against scikit-learn")
struct LogisticTrainerTests {
    struct Fit: Decodable {
        struct Standardization: Decodable {
            var mean: Double
            var std: Double
        }

        struct Model: Decodable {
            var inverseL2: Double
            var intercept: Double
            var coefficients: [String: Double]

            enum CodingKeys: String, CodingKey {
                case inverseL2 = "C"
                case intercept, coefficients
            }
        }

        var standardization: [String: Standardization]
        var models: [String: Model]
    }

    static let fit = try! JSONDecoder().decode(
        Fit.self, from: Data(contentsOf: URL(fileURLWithPath: fixture("logistic_fit.json"))))
    static let table = try! CSVReader(path: fixture("logistic_data.csv")).readTable()
    static let features = ["a", "b", "c", "d"].map { ModelFeature(name: $0) }

    @Test("Coefficients equal scikit-learn's to 1e-4, same penalty", arguments: ["logistic_C1", "logistic_C0.1"])
    func coefficients(name: String) throws {
        let expected = Self.fit.models[name]!
        let matrix = try FeatureMatrix(table: Self.table, features: Self.features, file: "logistic_data.csv")
        let labels = Self.table.column(named: "label")!.numbers!.map { $0 == 1 }
        let outcome = LogisticTrainer(l2: 1 / expected.inverseL2).train(
            matrix: matrix, features: Self.features, labels: labels)
        let model = outcome.model
        #expect(abs(model.intercept - expected.intercept) < 1e-4)
        for input in model.inputs {
            let feature = Self.features[input.feature].name
            #expect(abs(input.weight - expected.coefficients[feature]!) < 1e-4, "\(feature)")
            #expect(abs(input.mean - Self.fit.standardization[feature]!.mean) < 1e-9)
            #expect(abs(input.scale - Self.fit.standardization[feature]!.std) < 1e-9)
        }
        let predictions = try CSVReader(path: fixture("\(name)_predictions.csv")).readTable().column(
            named: "probability")!.numbers!
        let mine = model.probabilities(matrix, threads: 1)
        #expect(zip(mine, predictions).map { abs($0 - $1) }.max()! < 1e-5)
    }

    struct L1Fit: Decodable {
        var models: [String: Fit.Model]
    }

    @Test(
        "L1 penalty: coefficients equal scikit-learn's (saga, l1_ratio 1) to 1e-4, the same ones exactly zero",
        arguments: ["logistic_l1_C0.05", "logistic_l1_C0.02"])
    func lassoCoefficients(name: String) throws {
        let fit = try JSONDecoder().decode(
            L1Fit.self, from: Data(contentsOf: URL(fileURLWithPath: fixture("logistic_l1_fit.json"))))
        let expected = fit.models[name]!
        let matrix = try FeatureMatrix(table: Self.table, features: Self.features, file: "logistic_data.csv")
        let labels = Self.table.column(named: "label")!.numbers!.map { $0 == 1 }
        var trainer = LogisticTrainer(l2: 0)
        trainer.l1 = 1 / expected.inverseL2
        let model = trainer.train(matrix: matrix, features: Self.features, labels: labels).model
        #expect(abs(model.intercept - expected.intercept) < 1e-4)
        for input in model.inputs {
            let feature = Self.features[input.feature].name
            let reference = expected.coefficients[feature]!
            #expect(abs(input.weight - reference) < 1e-4, "\(feature): \(input.weight) against \(reference)")
            #expect((input.weight == 0) == (reference == 0), "\(feature) is zero in one fit only")
        }
    }

    @Test("Labels become one-hot inputs, missing numbers an indicator, constant inputs are dropped")
    func encodings() throws {
        let table = try CSVReader(
            bytes: Array(
                "ville,revenu,constante,y\nLyon,10,1,1\nParis,,1,0\nLyon,30,1,1\nNice,20,1,0\nParis,25,1,1\n".utf8)
        ).readTable()
        let features = [
            ModelFeature(name: "ville", levels: ["Lyon", "Nice", "Paris"]), ModelFeature(name: "revenu"),
            ModelFeature(name: "constante"),
        ]
        let matrix = try FeatureMatrix(table: table, features: features, file: "t.csv")
        let labels = table.column(named: "y")!.numbers!.map { $0 == 1 }
        let outcome = LogisticTrainer(l2: 1).train(matrix: matrix, features: features, labels: labels)
        #expect(outcome.droppedConstant == ["constante"])
        #expect(outcome.model.inputs.map(\.encoding) == [.level(0), .level(1), .level(2), .number, .missing])
        #expect(outcome.model.inputs[3].mean == 21.25)
    }
}

@Suite("Scorecards from logistic models")
struct ScorecardTests {
    @Test("Points add up to the model's log-odds on the points scale")
    func pointsAddUp() {
        let model = LogisticModel(
            features: [ModelFeature(name: "revenu"), ModelFeature(name: "zone", levels: ["rural", "urbain"])],
            intercept: -2,
            inputs: [
                .init(feature: 0, encoding: .number, mean: 100, scale: 50, weight: 0.5),
                .init(feature: 1, encoding: .level(0), mean: 0.25, scale: 0.5, weight: 0.2),
                .init(feature: 1, encoding: .level(1), mean: 0.75, scale: 0.5, weight: -0.2),
            ])
        let card = Scorecard(model: model, base: 500, pointsToDoubleOdds: 20)
        let factor = 20 / log(2.0)
        #expect(abs(card.basePoints - (500 - 2 * factor)) < 1e-9)
        #expect(
            card.lines.map(\.situation) == [
                .perUnit(above: 100), .level("rural"), .level("urbain"), .missingOrUnknownLevel,
            ])
        // A rural case with revenu 150: base + 50 x per-unit points + rural points = 500 + factor x log-odds.
        let row: [Double] = [150, 0]
        let logit = row.withUnsafeBufferPointer { model.logit($0) }
        let total = card.basePoints + 50 * card.lines[0].points + card.lines[1].points
        #expect(abs(total - (500 + factor * logit)) < 1e-9)
        #expect(abs(row.withUnsafeBufferPointer { card.points($0) } - total) < 1e-9)
    }

    @Test("A trained model keeps its quintiles; the grid reads the points of five ranges of as many cases from them")
    func ranges() throws {
        // 1,000 incomes 1, 2, ..., 1000: quintiles 1, 200, 400, 600, 800, 1000 (the value at each fifth of the rows).
        let rows = (1...1_000).map { [Double($0)] }
        let labels = (1...1_000).map { $0 % 3 == 0 || $0 > 700 }
        let features = [ModelFeature(name: "revenu")]
        let matrix = FeatureMatrix(rows: rows.count, features: 1, values: rows.flatMap { $0 })
        let model = LogisticTrainer(l2: 1).train(matrix: matrix, features: features, labels: labels).model
        #expect(model.quintiles == [[1, 200, 400, 600, 800, 1_000]])
        let card = Scorecard(model: model)
        let perUnit = card.lines[0].points
        #expect(card.lines[0].situation == .perUnit(above: 500.5))
        let ranges = card.lines.dropFirst().compactMap { line -> (Double, Double, Double, Double)? in
            if case .range(let from, let to, let pointsAtTo) = line.situation {
                return (from, to, line.points, pointsAtTo)
            }
            return nil
        }
        #expect(ranges.map(\.0) == [1, 200, 400, 600, 800])
        #expect(ranges.map(\.1) == [200, 400, 600, 800, 1_000])
        for (from, to, atFrom, atTo) in ranges {
            #expect(abs(atFrom - perUnit * (from - 500.5)) < 1e-9)
            #expect(abs(atTo - perUnit * (to - 500.5)) < 1e-9)
        }
        // The ranges are a reading aid: a case's points still come from the per-unit line.
        let row: [Double] = [640]
        let logit = row.withUnsafeBufferPointer { model.logit($0) }
        #expect(abs(row.withUnsafeBufferPointer { card.points($0) } - (500 + 20 / log(2.0) * logit)) < 1e-9)
    }

    @Test("With missing values, the lines that apply to a case still add up to its log-odds, case by case")
    func pointsAddUpWithMissingValues() {
        // A number with a missing-value indicator and a category, as LogisticTrainer encodes them.
        let model = LogisticModel(
            features: [ModelFeature(name: "revenu"), ModelFeature(name: "zone", levels: ["rural", "urbain", "mer"])],
            intercept: -1.5,
            inputs: [
                .init(feature: 0, encoding: .number, mean: 1_200, scale: 400, weight: 0.7),
                .init(feature: 0, encoding: .missing, mean: 0.1, scale: 0.3, weight: 0.4),
                .init(feature: 1, encoding: .level(0), mean: 0.3, scale: 0.46, weight: 0.25),
                .init(feature: 1, encoding: .level(1), mean: 0.6, scale: 0.49, weight: -0.3),
                .init(feature: 1, encoding: .level(2), mean: 0.05, scale: 0.22, weight: 0.1),
            ])
        let card = Scorecard(model: model)
        #expect(
            card.lines.map(\.situation) == [
                .perUnit(above: 1_200), .given, .missing, .level("rural"), .level("urbain"), .level("mer"),
                .missingOrUnknownLevel,
            ])
        let factor = 20 / log(2.0)
        for row: [Double] in [[1_500, 0], [.nan, 1], [800, .nan], [.nan, .nan], [1_200, 2], [0, 7]] {
            let logit = row.withUnsafeBufferPointer { model.logit($0) }
            let points = row.withUnsafeBufferPointer { card.points($0) }
            #expect(abs(points - (500 + factor * logit)) < 1e-9, "\(row)")
        }
        // A missing income: the base, the "missing" line and the zone's line, nothing per unit.
        let missing: [Double] = [.nan, 1]
        #expect(
            abs(
                missing.withUnsafeBufferPointer { card.points($0) }
                    - (card.basePoints + card.lines[2].points + card.lines[4].points)) < 1e-9)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
