import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import Testing

@Suite("Contributions of logistic and additive models")
struct LinearExplainerTests {
    @Test("Logistic: weight times the standardised difference from the mean, levels grouped back to their feature")
    func logistic() {
        let model = LogisticModel(
            features: [ModelFeature(name: "revenu"), ModelFeature(name: "zone", levels: ["rural", "urbain"])],
            intercept: -2,
            inputs: [
                .init(feature: 0, encoding: .number, mean: 100, scale: 50, weight: 0.5),
                .init(feature: 0, encoding: .missing, mean: 0.1, scale: 0.3, weight: 0.3),
                .init(feature: 1, encoding: .level(0), mean: 0.25, scale: 0.5, weight: 0.2),
                .init(feature: 1, encoding: .level(1), mean: 0.75, scale: 0.5, weight: -0.2),
            ])
        let row: [Double] = [150, 0]
        let contributions = row.withUnsafeBufferPointer { LinearExplainer.contributions(model, row: $0) }
        // revenu: 0.5 x (150 - 100) / 50 + 0.3 x (0 - 0.1) / 0.3 = 0.5 - 0.1; zone rural: 0.2 x 0.75/0.5 + 0.2 x 0.75/0.5.
        #expect(abs(contributions.values[0] - 0.4) < 1e-15)
        #expect(abs(contributions.values[1] - 0.6) < 1e-15)
        #expect(contributions.base == -2)
        #expect(abs(contributions.total - row.withUnsafeBufferPointer { model.logit($0) }) < 1e-15)
    }

    /// Amsterdam's published models and scores (`../shared/realcases/amsterdam-slimme-check` beside the checkout).
    static let amsterdamFolder: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/"
            && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
        {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().appendingPathComponent("shared/realcases/amsterdam-slimme-check")
    }()

    @Test(
        "Amsterdam's models explained row by row: the contributions add up to the official log-odds",
        .enabled(
            if: FileManager.default.fileExists(atPath: amsterdamFolder.path),
            "../shared/realcases is absent: Amsterdam's models are not explained"))
    func amsterdam() throws {
        let folder = Self.amsterdamFolder
        let modelPath = folder.appendingPathComponent("slimme_check_ebm_models.json").path
        let data = try Data(contentsOf: URL(fileURLWithPath: modelPath))
        let table = try CSVReader(path: folder.appendingPathComponent("extra_random_vectors_official_scores.csv").path)
            .readTable()
        for entry in ["original_model_score", "reweighted_model_score"] {
            let model = try EBMImporter.importModel(data, entry: entry, file: modelPath)
            let matrix = try FeatureMatrix(table: table, features: model.features, file: "extra.csv")
            let official = table.column(named: entry)!.numbers!
            for row in 0..<matrix.rowCount {
                let contributions = matrix.values.withUnsafeBufferPointer { values in
                    LinearExplainer.contributions(
                        model,
                        row: UnsafeBufferPointer(
                            rebasing: values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)]))
                }
                let logit = log(official[row] / (1 - official[row]))
                #expect(abs(contributions.total - logit) < 1e-9)
                #expect(contributions.values.count == 14)
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
