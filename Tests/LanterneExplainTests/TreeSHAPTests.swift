import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import Testing

/// A file of the models' fixtures folder.
func modelFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("LanterneModelsTests/Fixtures/\(name)").path
}

/// A file of this target's fixtures folder.
func explainFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
}

@Suite("TreeSHAP against the shap library")
struct TreeSHAPTests {
    static let data = try! CSVReader(path: modelFixture("trees_data.csv")).readTable()

    static func model(_ name: String) throws -> TreeEnsemble {
        if name.hasPrefix("xgb") {
            let path = modelFixture("\(name).json")
            return try XGBoostImporter.importModel(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        }
        let path = modelFixture("\(name).txt")
        return try LightGBMImporter.importModel(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
    }

    static func compare(_ name: String, kind: String, explain: (TreeSHAP, UnsafeBufferPointer<Double>) -> Contributions)
        throws -> (worst: Double, rows: Int)
    {
        let model = try Self.model(name)
        let matrix = try FeatureMatrix(table: data, features: model.features, file: "trees_data.csv")
        let expected = try CSVReader(path: explainFixture("\(name)_shap_\(kind).csv")).readTable()
        let ids = expected.column(named: "id")!.numbers!
        let explainer = TreeSHAP(ensemble: model)
        var worst = 0.0
        for (position, id) in ids.enumerated() {
            let row = Int(id) - 1
            let contributions = matrix.values.withUnsafeBufferPointer { values in
                explain(explainer, UnsafeBufferPointer(rebasing: values[(row * 6)..<((row + 1) * 6)]))
            }
            worst = max(worst, abs(contributions.base - expected.column(named: "expected_value")!.numbers![position]))
            for (index, feature) in model.features.enumerated() {
                let theirs = expected.column(named: feature.name)!.numbers![position]
                worst = max(worst, abs(contributions.values[index] - theirs))
            }
        }
        return (worst, ids.count)
    }

    @Test("Path-dependent values equal shap's to 1e-6", arguments: ["xgb_depth4", "lgb_leaves7"])
    func pathDependent(name: String) throws {
        let (worst, rows) = try Self.compare(name, kind: "path") { $0.pathDependent($1) }
        #expect(rows == 50)
        #expect(worst < 1e-6, "largest difference \(worst)")
    }

    @Test(
        "Interventional values against 50 background rows equal shap's to 1e-6",
        arguments: ["xgb_depth4", "lgb_leaves7"])
    func interventional(name: String) throws {
        let model = try Self.model(name)
        let matrix = try FeatureMatrix(table: Self.data, features: model.features, file: "trees_data.csv")
        let ids = try String(contentsOfFile: explainFixture("background_ids.txt"), encoding: .utf8)
            .split(separator: "\n").compactMap { Int($0) }
        #expect(ids.count == 50)
        var background: [Double] = []
        for id in ids { background.append(contentsOf: matrix.values[((id - 1) * 6)..<(id * 6)]) }
        let (worst, _) = try Self.compare(name, kind: "interventional") {
            $0.interventional($1, background: background)
        }
        #expect(worst < 1e-6, "largest difference \(worst)")
    }

    @Test("Base plus contributions equals the model's log-odds on every row")
    func additivity() throws {
        for name in ["xgb_depth2", "xgb_depth6", "lgb_categorical", "lgb_missing"] {
            let model = try Self.model(name)
            let matrix = try FeatureMatrix(table: Self.data, features: model.features, file: "trees_data.csv")
            let explainer = TreeSHAP(ensemble: model)
            let logits = model.logits(matrix, threads: 1)
            for row in 0..<matrix.rowCount {
                let total = matrix.values.withUnsafeBufferPointer { values in
                    explainer.pathDependent(UnsafeBufferPointer(rebasing: values[(row * 6)..<((row + 1) * 6)])).total
                }
                let tolerance = model.sumsInFloat32 ? 1e-5 : 1e-9
                #expect(abs(total - logits[row]) < tolerance, "\(name) row \(row)")
            }
        }
    }
}
