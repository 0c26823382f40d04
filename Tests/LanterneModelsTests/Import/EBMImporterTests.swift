import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("Amsterdam's Slimme Check models, imported and scored as the city did")
struct AmsterdamOracleTests {
    static let folder = realCasesFolder()?.appendingPathComponent("amsterdam-slimme-check")
    static let absent = "../shared/realcases is absent: Amsterdam oracle not checked"

    static func model(_ entry: String) throws -> AdditiveModel {
        let path = folder!.appendingPathComponent("slimme_check_ebm_models.json").path
        return try EBMImporter.importModel(Data(contentsOf: URL(fileURLWithPath: path)), entry: entry, file: path)
    }

    static func maximumError(file: String, entry: String) throws -> (error: Double, rows: Int) {
        let model = try model(entry)
        let path = folder!.appendingPathComponent(file).path
        let table = try CSVReader(path: path).readTable()
        let matrix = try FeatureMatrix(table: table, features: model.features, file: path)
        let probabilities = model.probabilities(matrix, threads: 2)
        let official = table.column(named: entry)!.numbers!
        var worst = 0.0
        for (mine, theirs) in zip(probabilities, official) { worst = max(worst, abs(mine - theirs)) }
        return (worst, table.rowCount)
    }

    @Test("The file holds the two published models", .enabled(if: folder != nil, Comment(rawValue: absent)))
    func entries() throws {
        let path = Self.folder!.appendingPathComponent("slimme_check_ebm_models.json").path
        let names = try EBMImporter.entries(in: Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        #expect(names == ["original_model_score", "reweighted_model_score"])
        let original = try Self.model("original_model_score")
        #expect(original.terms.count == 15)
        #expect(original.features.count == 14)
        #expect(original.intercept == 0.24760025965768181)
    }

    @Test(
        "Official probabilities to 1e-12 on every row, missing incomes included",
        .enabled(if: folder != nil, Comment(rawValue: absent)),
        arguments: [
            ("model_scoring_comparison.csv", "original_model_score"),
            ("model_scoring_comparison.csv", "reweighted_model_score"),
            ("extra_random_vectors_official_scores.csv", "original_model_score"),
            ("extra_random_vectors_official_scores.csv", "reweighted_model_score"),
        ])
    func officialScores(file: String, entry: String) throws {
        let (error, rows) = try Self.maximumError(file: file, entry: entry)
        #expect(rows == (file.hasPrefix("model") ? 16_384 : 5_000))
        #expect(error < 1e-12, "largest difference \(error)")
    }

    @Test(
        "A file with several models needs an entry name, and a wrong name lists the right ones",
        .enabled(if: folder != nil, Comment(rawValue: absent)))
    func entryChoice() throws {
        let path = Self.folder!.appendingPathComponent("slimme_check_ebm_models.json").path
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(
            throws: ModelError(
                .malformed(
                    detail:
                        "plusieurs modèles, choisissez-en un avec --entry : original_model_score, reweighted_model_score"
                ),
                file: path)
        ) { try EBMImporter.importModel(data, entry: nil, file: path) }
        do {
            _ = try EBMImporter.importModel(data, entry: "nouveau", file: "m.json")
            Issue.record("an unknown entry must be refused")
        } catch let error as ModelError {
            #expect(error.description.contains("original_model_score, reweighted_model_score"))
        }
    }
}

@Suite("Additive terms bin values as InterpretML does")
struct AdditiveTermTests {
    @Test("Continuous bins count the cuts at or below the value; bin 0 is missing")
    func continuous() {
        let term = AdditiveTerm(name: "x", input: .feature(0), cuts: [0.5, 1.5, 2.5], scores: [9, 1, 2, 3, 4])
        #expect(term.bin(.nan) == 0)
        #expect(term.bin(0) == 1)
        #expect(term.bin(0.5) == 2)
        #expect(term.bin(1.49) == 2)
        #expect(term.bin(2.5) == 4)
        #expect(term.bin(100) == 4)
    }

    @Test("Categorical terms look values up; unknown values fall in bin 0")
    func categorical() {
        let term = AdditiveTerm(
            name: "b", input: .feature(0), categories: [0, 1], categoryBins: [1, 2], scores: [0, -1, 1])
        #expect(term.bin(0) == 1)
        #expect(term.bin(1) == 2)
        #expect(term.bin(2) == 0)
        #expect(term.bin(.nan) == 0)
    }

    @Test("Mean imputation and its indicator are computed from the raw feature")
    func imputation() {
        let values: [Double] = [.nan, 3]
        values.withUnsafeBufferPointer { row in
            #expect(TermInput.meanImputed(feature: 0, mean: 42).value(row) == 42)
            #expect(TermInput.meanImputed(feature: 1, mean: 42).value(row) == 3)
            #expect(TermInput.missingIndicator(feature: 0).value(row) == 1)
            #expect(TermInput.missingIndicator(feature: 1).value(row) == 0)
        }
    }
}
