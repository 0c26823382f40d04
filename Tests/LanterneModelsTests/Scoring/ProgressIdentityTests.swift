import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("A progress bar never changes a model or a score")
struct ProgressIdentityTests {
    /// Synthetic households as a table.
    static func households(rows: Int, seed: UInt64) throws -> (table: Table, schema: Schema) {
        let population = HouseholdPopulation(rows: rows, seed: seed)
        let table = try CSVReader(
            bytes: SyntheticWriter.bytes(population), options: CSVOptions(columnTypes: population.schema.columnTypes)
        ).readTable()
        return (table, population.schema)
    }

    @Test("Training with a bar gives the same model; scoring by blocks for a bar the same scores, on 1 or 2 threads")
    func sameResults() throws {
        let (training, schema) = try Self.households(rows: 4_000, seed: 5)
        var request = TrainingRequest(table: training, schema: schema, file: "f.csv", kind: .gbdt)
        request.label = "irregularite_reelle"
        request.trees = 15
        request.threads = 2
        // A bar that counts without drawing: the engines take the same paths as on a terminal.
        let bar = ProgressBar(label: "Entraînement", language: .fr, descriptor: 2, drawing: false)
        let plain = try TrainingPipeline.train(request)
        let counted = try TrainingPipeline.train(request, progressBar: bar)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plainVersion = try ModelFile.write(plain.document, to: folder.appendingPathComponent("a.json").path)
        let countedVersion = try ModelFile.write(counted.document, to: folder.appendingPathComponent("b.json").path)
        #expect(plainVersion == countedVersion)

        // More rows than one block of a bar, and not a multiple of it.
        let (cases, _) = try Self.households(rows: BatchScores.progressBlockRows + 1_234, seed: 6)
        let reference = try BatchScores(scoring: cases, with: plain.document, file: "c.csv", threads: 1)
        for threads in [1, 2] {
            let blocks = try BatchScores(
                scoring: cases, with: plain.document, file: "c.csv", threads: threads,
                progress: ProgressBar(label: "Score", language: .fr, descriptor: 2, drawing: false))
            #expect(blocks.table.column(named: "logit")?.numbers == reference.table.column(named: "logit")?.numbers)
            #expect(blocks.table.column(named: "score")?.numbers == reference.table.column(named: "score")?.numbers)
        }
    }
}
