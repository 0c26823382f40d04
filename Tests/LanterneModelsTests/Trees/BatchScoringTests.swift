import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("Batch scoring gives, row by row, the same bits as scoring one row")
struct BatchScoringTests {
    static func model(_ name: String) throws -> TreeEnsemble {
        let path = fixture(name)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if name == "xgb_categorical.json" {
            return try XGBoostImporter.importModel(
                data, file: path, levels: ["c": ["a", "b", "c", "d", "e", "f"], "d": ["u", "v", "w"]])
        }
        return name.hasSuffix(".json")
            ? try XGBoostImporter.importModel(data, file: path) : try LightGBMImporter.importModel(data, file: path)
    }

    @Test(
        "Blocks of rows walked level by level (or row by row for zero-as-missing trees) equal logit(row) exactly",
        arguments: [
            ("xgb_depth2.json", "trees_data.csv"), ("xgb_depth6.json", "trees_data.csv"),
            ("lgb_leaves7.txt", "trees_data.csv"), ("lgb_categorical.txt", "trees_data.csv"),
            ("lgb_missing.txt", "trees_data.csv"), ("xgb_categorical.json", "xgb_categorical_data.csv"),
        ])
    func sameBits(model name: String, data: String) throws {
        let model = try Self.model(name)
        let table = try CSVReader(path: fixture(data)).readTable()
        let matrix = try FeatureMatrix(table: table, features: model.features, file: data)
        // 400 rows: six full blocks of 64 and a partial one.
        #expect(matrix.rowCount == 400)
        let width = matrix.featureCount
        let single = matrix.values.withUnsafeBufferPointer { values in
            (0..<matrix.rowCount).map { row in
                model.logit(UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]))
            }
        }
        for threads in [1, 2] {
            let batch = model.logits(matrix, threads: threads)
            #expect(batch.map(\.bitPattern) == single.map(\.bitPattern), "\(name), \(threads) thread(s)")
        }
    }

    @Test("A row with every value missing follows each split's missing direction, as logit(row) does")
    func missingEverywhere() throws {
        for name in ["xgb_depth6.json", "lgb_missing.txt", "lgb_categorical.txt"] {
            let model = try Self.model(name)
            let width = model.features.count
            let values = [Double](repeating: .nan, count: width * 3)
            let matrix = FeatureMatrix(rows: 3, features: width, values: values)
            let expected = values.withUnsafeBufferPointer {
                model.logit(UnsafeBufferPointer(rebasing: $0[0..<width]))
            }
            #expect(
                model.logits(matrix, threads: 1).map(\.bitPattern) == Array(repeating: expected.bitPattern, count: 3),
                "\(name)")
        }
    }
}
