import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("XGBoost and LightGBM models score as their own libraries do")
struct TreeImporterTests {
    static let data = try! CSVReader(path: fixture("trees_data.csv")).readTable()

    static func expectedMargins(_ name: String) throws -> [Double] {
        try CSVReader(path: fixture("\(name)_predictions.csv")).readTable().doublesOrEmpty("margin")
    }

    static func worstError(_ model: TreeEnsemble, _ name: String) throws -> Double {
        let matrix = try FeatureMatrix(table: data, features: model.features, file: "trees_data.csv")
        let margins = model.logits(matrix, threads: 1)
        let expected = try expectedMargins(name)
        #expect(margins.count == 400 && expected.count == 400)
        return zip(margins, expected).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test("XGBoost JSON models: margins to 1e-6", arguments: ["xgb_depth2", "xgb_depth4", "xgb_depth6"])
    func xgboost(name: String) throws {
        let path = fixture("\(name).json")
        let model = try XGBoostImporter.importModel(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        #expect(model.features.map(\.name) == ["x1", "x2", "x3", "x4", "x5", "cat"])
        let error = try Self.worstError(model, name)
        #expect(error < 1e-6, "largest margin difference \(error)")
    }

    @Test(
        "LightGBM text models, categorical and missing values included: margins to 1e-6",
        arguments: ["lgb_leaves7", "lgb_categorical", "lgb_missing"])
    func lightgbm(name: String) throws {
        let path = fixture("\(name).txt")
        let model = try LightGBMImporter.importModel(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        #expect(model.features.map(\.name) == ["x1", "x2", "x3", "x4", "x5", "cat"])
        let error = try Self.worstError(model, name)
        #expect(error < 1e-6, "largest margin difference \(error)")
    }

    @Test("Covers and counts are kept for explanations")
    func coversKept() throws {
        let path = fixture("lgb_leaves7.txt")
        let model = try LightGBMImporter.importModel(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        let tree = model.trees[0]
        #expect(tree.nodeCount == 13)
        #expect(tree.count[0] == 400)
        // A node's cover is the sum of its children's covers (LightGBM prints covers with six significant digits).
        for node in 0..<tree.nodeCount where tree.feature[node] >= 0 {
            let sum = tree.cover[Int(tree.left[node])] + tree.cover[Int(tree.right[node])]
            #expect(abs(sum - tree.cover[node]) < 1e-5 * max(1, tree.cover[node]))
        }
    }

    @Test("Unsupported models are refused with what was found")
    func unsupported() throws {
        let regression =
            #"{"learner": {"learner_model_param": {"base_score": "0.5", "num_class": "0", "num_feature": "1"}, "objective": {"name": "reg:squarederror"}, "gradient_booster": {"name": "gbtree", "model": {"trees": []}}}}"#
        do {
            _ = try XGBoostImporter.importModel(Data(regression.utf8), file: "r.json")
            Issue.record("a regression objective must be refused")
        } catch let error as ModelError {
            #expect(
                error.description
                    == "r.json: non pris en charge : objectif XGBoost « reg:squarederror » (seuls binary:logistic et binary:logitraw)"
            )
        }
        var text = try String(contentsOfFile: fixture("lgb_leaves7.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "num_class=1", with: "num_class=3")
        do {
            _ = try LightGBMImporter.importModel(Data(text.utf8), file: "m.txt")
            Issue.record("a multiclass model must be refused")
        } catch let error as ModelError {
            #expect(error.description == "m.txt: non pris en charge : modèle LightGBM multiclasse (3 classes)")
        }
        #expect(throws: ModelError.self) {
            try LightGBMImporter.importModel(Data("tree\nversion=v4\n".utf8), file: "x")
        }
    }
}

extension Table {
    /// The values of a number column, or an empty array.
    func doublesOrEmpty(_ name: String) -> [Double] {
        column(named: name)?.numbers ?? []
    }
}

@Suite("LightGBM models trained on pandas categories")
struct LightGBMCategoriesTests {
    @Test("The pandas_categorical line gives the categorical features their levels, in column order")
    func levels() throws {
        var text = try String(contentsOfFile: fixture("lgb_categorical.txt"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "pandas_categorical:null", with: #"pandas_categorical:[["a", "b", "c", "d", "e"]]"#)
        let model = try LightGBMImporter.importModel(Data(text.utf8), file: "m.txt")
        #expect(model.features.map(\.levels) == [nil, nil, nil, nil, nil, ["a", "b", "c", "d", "e"]])
        let table = try CSVReader(bytes: Array("x1,x2,x3,x4,x5,cat\n0,0,1,2,0,c\n0,0,1,2,0,z\n".utf8)).readTable()
        let matrix = try FeatureMatrix(table: table, features: model.features, file: "d.csv")
        #expect(matrix[0, 5] == 2)
        #expect(matrix[1, 5].isNaN)
        #expect(matrix.unseenLabels == ["cat": 1])
    }
}

@Suite("XGBoost categorical splits")
struct XGBoostCategoricalTests {
    @Test(
        "Codes listed by a split go right in XGBoost; with the levels given, 400 rows (missing labels too) score as XGBoost"
    )
    func categorical() throws {
        let path = fixture("xgb_categorical.json")
        let model = try XGBoostImporter.importModel(
            Data(contentsOf: URL(fileURLWithPath: path)), file: path,
            levels: ["c": ["a", "b", "c", "d", "e", "f"], "d": ["u", "v", "w"]])
        #expect(model.features.map(\.levels) == [nil, ["a", "b", "c", "d", "e", "f"], ["u", "v", "w"]])
        #expect(model.trees.contains { $0.categorySets.count > 0 })
        let table = try CSVReader(path: fixture("xgb_categorical_data.csv")).readTable()
        let matrix = try FeatureMatrix(table: table, features: model.features, file: "xgb_categorical_data.csv")
        let margins = model.logits(matrix, threads: 2)
        let expected = try CSVReader(path: fixture("xgb_categorical_predictions.csv")).readTable()
            .column(named: "margin")!.numbers!
        let worst = zip(margins, expected).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1e-6)
    }
}
