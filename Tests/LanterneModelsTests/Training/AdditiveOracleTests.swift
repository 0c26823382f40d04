import Foundation
import LanterneData
import LanterneModels
import Testing

/// InterpretML's Explainable Boosting Machine (interpret-core 0.7.8, no interactions), fitted by
/// `scripts/fixtures/ebm_oracle.py` on `Fixtures/ebm_oracle/train.csv`: its intercept, its shape for each feature
/// (bin edges and the score of each bin) and its log loss on the held-out `test.csv`.
struct EBMOracle: Decodable {
    struct Shape: Decodable {
        var feature: String
        var type: String
        var cuts: [Double]?
        var categories: [String: Int]?
        var scores: [Double]

        /// The EBM's score for a number: bin 1 + (the number of cuts <= x), as interpret bins.
        func score(_ x: Double) -> Double {
            scores[1 + (cuts ?? []).count { $0 <= x }]
        }

        /// The EBM's score for a category.
        func score(_ label: String) -> Double? {
            categories?[label].map { scores[$0] }
        }
    }

    var intercept: Double
    var testLogLoss: Double
    var shapes: [Shape]

    static let folder = URL(fileURLWithPath: fixture("ebm_oracle"))

    static func load() throws -> EBMOracle {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(EBMOracle.self, from: Data(contentsOf: folder.appendingPathComponent("ebm.json")))
    }

    /// A fixture file read with the fixture's schema (`ebm_logit` is only in `test.csv`).
    static func table(_ name: String, schema: Schema) throws -> Table {
        var options = CSVOptions(columnTypes: schema.columnTypes)
        options.requiresTypedColumns = false
        return try CSVReader(path: folder.appendingPathComponent(name).path, options: options).readTable()
    }
}

@Suite("Lanterne's additive trainer against InterpretML's EBM on the same rows")
struct AdditiveOracleTests {
    /// Mean log loss of logits against 0/1 labels.
    static func logLoss(_ logits: [Double], _ labels: [Double]) -> Double {
        zip(logits, labels).map { z, y in
            // log(1 + e^-z) for a 1, log(1 + e^z) for a 0, without overflow.
            let signed = y == 1 ? -z : z
            return max(signed, 0) + log1p(exp(-abs(signed)))
        }.reduce(0, +) / Double(logits.count)
    }

    @Test(
        "Trained with lanterne train's defaults on EBM's 3,000 rows: held-out log loss at most EBM's + 0.005, every shape within 0.1 logit of EBM's and 40 % of its size (mean absolute difference on the 1,000 held-out rows)"
    )
    func againstEBM() throws {
        let oracle = try EBMOracle.load()
        let schema = try Schema.load(path: EBMOracle.folder.appendingPathComponent("schema.json").path)
        let train = try EBMOracle.table("train.csv", schema: schema)
        let test = try EBMOracle.table("test.csv", schema: schema)
        let labels = try #require(test.column(named: "label")?.numbers)
        let ebmLogits = try #require(test.column(named: "ebm_logit")?.numbers)
        #expect(train.rowCount == 3000 && test.rowCount == 1000)

        // The EBM's shapes, read here, give back its own logits: the fixture is read as interpret scores.
        var ebmTerms: [String: [Double]] = [:]
        for shape in oracle.shapes {
            let column = try #require(test.column(named: shape.feature))
            ebmTerms[shape.feature] = try (0..<test.rowCount).map { row in
                if let numbers = column.numbers { return shape.score(numbers[row]) }
                let label = try #require(column.formatted(row))
                return try #require(shape.score(label))
            }
        }
        let rebuilt = (0..<test.rowCount).map { row in
            oracle.shapes.reduce(oracle.intercept) { $0 + ebmTerms[$1.feature]![row] }
        }
        #expect(zip(rebuilt, ebmLogits).map { abs($0 - $1) }.max()! < 1e-12)
        #expect(abs(Self.logLoss(ebmLogits, labels) - oracle.testLogLoss) < 1e-12)

        // Lanterne, as `lanterne train --kind additive` fits it (500 rounds, learning rate 0.05, 20 % of the rows
        // for early stopping after 50 rounds).
        let outcome = try TrainingPipeline.train(
            TrainingRequest(table: train, schema: schema, file: "train.csv", kind: .additive))
        let model = try #require(outcome.document.model as? AdditiveModel)
        #expect(model.terms.map(\.name) == oracle.shapes.map(\.feature))
        let matrix = try FeatureMatrix(table: test, features: model.features, file: "test.csv")
        let logits = model.logits(matrix, threads: 1)
        let loss = Self.logLoss(logits, labels)
        // Measured when the fixture was made: Lanterne 0.57565, EBM 0.57280 (the true logit: 0.56538).
        #expect(loss <= oracle.testLogLoss + 0.005, "held-out log loss: Lanterne \(loss), EBM \(oracle.testLogLoss)")

        // Shapes: a constant can move between a term and the intercept, so each term is centred on the held-out
        // rows before the two are compared. The tolerance is the mean absolute difference over those rows: under
        // 0.1 logit, and under 40 % of the EBM term's own mean absolute score, so that a flat or reversed shape
        // fails. Measured when the fixture was made: 0.070 (age, 23 % of its size), 0.068 (revenu, 17 %), 0.069
        // (anciennete, 27 %), 0.037 (region, 8 %), 0.018 (statut, 7 %).
        let termScores = matrix.values.withUnsafeBufferPointer { values in
            (0..<matrix.rowCount).map { row in
                model.termScores(
                    UnsafeBufferPointer(
                        rebasing: values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)]))
            }
        }
        func centred(_ values: [Double]) -> [Double] {
            let mean = values.reduce(0, +) / Double(values.count)
            return values.map { $0 - mean }
        }
        for (index, term) in model.terms.enumerated() {
            let mine = centred(termScores.map { $0[index] })
            let theirs = centred(ebmTerms[term.name]!)
            let difference = zip(mine, theirs).map { abs($0 - $1) }.reduce(0, +) / Double(mine.count)
            let size = theirs.map(abs).reduce(0, +) / Double(theirs.count)
            #expect(
                difference < 0.1 && difference < 0.4 * size,
                "\(term.name): mean |Lanterne - EBM| \(difference), mean |EBM| \(size)")
        }
    }
}
