import Foundation
import Testing

@Suite("lanterne import, then lanterne score, as the libraries and the city scored")
struct ImportCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/LanterneModelsTests/Fixtures")
    static let amsterdam = root.deletingLastPathComponent().appendingPathComponent(
        "shared/realcases/amsterdam-slimme-check")

    /// The named numeric column of a CSV file written by the command line or a fixture.
    static func column(_ name: String, of file: URL) throws -> [Double] {
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        let index = lines[0].split(separator: ",").firstIndex { $0 == name }!
        return lines.dropFirst().map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[index])! }
    }

    @Test(
        "XGBoost and LightGBM files imported and scored from the command line give the libraries' margins to 1e-6",
        arguments: [
            ("xgboost", "xgb_depth6.json", "xgb_depth6"), ("lightgbm", "lgb_categorical.txt", "lgb_categorical"),
        ])
    func treeModels(format: String, file: String, name: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let imported = try LanterneProcess.run(
            ["import", format, Self.fixtures.appendingPathComponent(file).path, "--out", "m.json"], in: folder)
        #expect(imported.status == 0, "\(imported.standardError)")
        let scored = try LanterneProcess.run(
            ["score", "m.json", Self.fixtures.appendingPathComponent("trees_data.csv").path, "--out", "s.csv"],
            in: folder)
        #expect(scored.status == 0, "\(scored.standardError)")
        let logits = try Self.column("logit", of: folder.appendingPathComponent("s.csv"))
        let margins = try Self.column(
            "margin", of: Self.fixtures.appendingPathComponent("\(name)_predictions.csv"))
        #expect(logits.count == 400 && margins.count == 400)
        #expect(zip(logits, margins).map { abs($0 - $1) }.max()! < 1e-6)
    }

    @Test("A LightGBM multiclass model is refused by name, exit 2, nothing written")
    func multiclass() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("lgb_leaves7.txt"), encoding: .utf8)
            .replacingOccurrences(of: "num_class=1", with: "num_class=3")
            .replacingOccurrences(of: "objective=binary sigmoid:1", with: "objective=multiclass num_class:3")
        try text.write(to: folder.appendingPathComponent("multi.txt"), atomically: true, encoding: .utf8)
        let outcome = try LanterneProcess.run(["import", "lightgbm", "multi.txt", "--out", "m.json"], in: folder)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("non pris en charge"))
        #expect(outcome.standardError.contains("multiclass"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.json").path))
    }

    @Test(
        "Amsterdam's two models imported with --entry and scored: the city's official probabilities to 1e-12 on 16,384 rows",
        .enabled(
            if: FileManager.default.fileExists(atPath: amsterdam.path),
            "../shared/realcases is absent: Amsterdam oracle not checked from the command line"))
    func amsterdamModels() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let models = Self.amsterdam.appendingPathComponent("slimme_check_ebm_models.json").path
        let data = Self.amsterdam.appendingPathComponent("model_scoring_comparison.csv")
        let unnamed = try LanterneProcess.run(["import", "ebm", models, "--out", "x.json"], in: folder)
        #expect(unnamed.status == 2)
        #expect(unnamed.standardError.contains("original_model_score, reweighted_model_score"))
        for entry in ["original_model_score", "reweighted_model_score"] {
            let imported = try LanterneProcess.run(
                ["import", "ebm", models, "--entry", entry, "--out", "\(entry).json"], in: folder)
            #expect(imported.status == 0, "\(imported.standardError)")
            let scored = try LanterneProcess.run(
                ["score", "\(entry).json", data.path, "--out", "\(entry).csv"], in: folder)
            #expect(scored.status == 0, "\(scored.standardError)")
            let mine = try Self.column("score", of: folder.appendingPathComponent("\(entry).csv"))
            let official = try Self.column(entry, of: data)
            #expect(mine.count == 16_384 && official.count == 16_384)
            #expect(zip(mine, official).map { abs($0 - $1) }.max()! < 1e-12, "\(entry)")
        }
    }
}
