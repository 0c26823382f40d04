import LanterneData
import LanterneModels
import LanterneStore

/// Scoring a whole population as a job: the input is read and checked once when the job is created (so that a bad
/// file is refused before anything is stored), cut into chunks of rows, and each chunk is scored by whichever server
/// process takes it, with the same engine call as `lanterne score`.
enum ScoringJob {
    /// The job's kind in the store.
    static let kind = "score"

    /// Reads and checks a population against the model, then cuts it into chunks.
    /// - Parameters:
    ///   - bytes: the CSV.
    ///   - document: the model that will score it.
    ///   - rowsPerChunk: rows per chunk.
    /// - Returns: the chunks' inputs, each with the header line.
    /// - Throws: ``CSVError`` for a file that does not read, ``ModelError`` for a feature missing or of the wrong type.
    static func chunks(_ bytes: [UInt8], document: ModelDocument, rowsPerChunk: Int) throws -> [JobStore.ChunkInput] {
        let table = try read(bytes, document: document, name: "population.csv")
        // The features are checked here, once, with the words `lanterne score` would use.
        _ = try FeatureMatrix(table: table, features: document.model.features, file: "population.csv")
        let writer = CSVWriter()
        var chunks: [JobStore.ChunkInput] = []
        var start = 0
        while start < table.rowCount {
            let end = min(table.rowCount, start + rowsPerChunk)
            var output: [UInt8] = []
            writer.appendHeader(of: table, to: &output)
            for row in start..<end { writer.appendRow(row, of: table, to: &output) }
            chunks.append(
                JobStore.ChunkInput(
                    firstRow: start + 1, rowCount: end - start, input: String(decoding: output, as: UTF8.self)))
            start = end
        }
        return chunks
    }

    /// Scores one chunk.
    /// - Parameters:
    ///   - chunk: the chunk.
    ///   - document: the job's model.
    /// - Returns: the scores as CSV (identifiers, `score`, `logit`), with the header line.
    static func score(_ chunk: JobChunk, document: ModelDocument) throws -> String {
        let table = try read(Array(chunk.input.utf8), document: document, name: "chunk \(chunk.number)")
        let scores = try BatchScores(
            scoring: table, with: document, file: "chunk \(chunk.number)", firstRow: chunk.firstRow, threads: 1)
        return String(decoding: CSVWriter().bytes(of: scores.table), as: UTF8.self)
    }

    /// The job's result: the chunks' CSV in order, under one header line.
    static func result(_ parts: [String]) -> String {
        var text = ""
        for (index, part) in parts.enumerated() {
            if index == 0 {
                text += part
            } else if let newline = part.firstIndex(of: "\n") {
                text += part[part.index(after: newline)...]
            }
        }
        return text
    }

    static func read(_ bytes: [UInt8], document: ModelDocument, name: String) throws -> Table {
        var options = CSVOptions(columnTypes: document.schema?.columnTypes ?? [:])
        options.requiresTypedColumns = false
        return try CSVReader(bytes: bytes, name: name, options: options).read().table
    }
}
