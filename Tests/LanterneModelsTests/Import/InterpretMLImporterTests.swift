import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("InterpretML's own JSON export (ebm.to_json), pairs and unseen categories included")
struct InterpretMLImporterTests {
    static func model(_ name: String) throws -> AdditiveModel {
        let path = fixture("ebm_json/\(name)")
        return try InterpretMLImporter.importModel(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
    }

    /// The 300 test rows and InterpretML's own `decision_function` and term scores (interpret-core 0.7.8).
    static func reference() throws -> (table: Table, logits: [Double], terms: Table) {
        let data = try CSVReader(path: fixture("ebm_json/ebm_test_data.csv")).readTable()
        let predictions = try CSVReader(path: fixture("ebm_json/ebm_predictions.csv")).readTable()
        let terms = try CSVReader(path: fixture("ebm_json/ebm_term_scores.csv")).readTable()
        return (data, predictions.column(named: "decision_function")!.numbers!, terms)
    }

    @Test(
        "Both detail levels give InterpretML's logits exactly on 300 rows (values on cuts, missing, unseen region)",
        arguments: ["ebm_minimal.json", "ebm_all.json"])
    func logits(file: String) throws {
        let model = try Self.model(file)
        #expect(model.terms.count == 6)
        #expect(model.pairs.map(\.name) == ["x1 & x2", "x3 & region", "flag & product"])
        let (table, expected, _) = try Self.reference()
        let matrix = try FeatureMatrix(table: table, features: model.features, file: "ebm_test_data.csv")
        // « corse » is a region the model never saw: counted, and scored in InterpretML's unknown bin.
        #expect(matrix.unseenLabels["region"] == 13)
        let logits = model.logits(matrix, threads: 2)
        let worst = zip(logits, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-12)
    }

    @Test("Each term's score equals eval_terms on the first 20 rows")
    func termScores() throws {
        let model = try Self.model("ebm_minimal.json")
        let (table, _, terms) = try Self.reference()
        let matrix = try FeatureMatrix(table: table, features: model.features, file: "ebm_test_data.csv")
        let names = model.terms.map(\.name) + model.pairs.map(\.name)
        for row in 0..<20 {
            let scores = matrix.values.withUnsafeBufferPointer { values in
                model.termScores(
                    UnsafeBufferPointer(
                        rebasing: values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)]))
            }
            for (index, name) in names.enumerated() {
                #expect(abs(scores[index] - terms.column(named: name)!.numbers![row]) <= 1e-15)
            }
        }
    }

    @Test("Another version or a regression model is refused by name")
    func refused() throws {
        let path = fixture("ebm_json/ebm_minimal.json")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let other = text.replacingOccurrences(of: "\"version\": \"1.0\"", with: "\"version\": \"2.0\"")
        #expect(throws: ModelError(.unsupported(detail: "export InterpretML de version « 2.0 »"), file: "x.json")) {
            try InterpretMLImporter.importModel(Data(other.utf8), file: "x.json")
        }
        let regression = text.replacingOccurrences(of: "\"link\": \"logit\"", with: "\"link\": \"identity\"")
        do {
            _ = try InterpretMLImporter.importModel(Data(regression.utf8), file: "r.json")
            Issue.record("a regression model must be refused")
        } catch let error as ModelError {
            #expect(error.description.hasPrefix("r.json: non pris en charge : modèle InterpretML"))
            #expect(error.description.hasSuffix("(seule la classification binaire, lien logit)"))
            #expect(error.description.contains("identity"))
        }
        #expect(InterpretMLImporter.recognises(Data(text.utf8)))
    }
}
