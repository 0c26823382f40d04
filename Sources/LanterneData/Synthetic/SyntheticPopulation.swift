/// A deterministic synthetic population: a schema and a way to write any row from the seed alone.
public protocol SyntheticPopulation: Sendable {
    /// The columns, with French descriptions, in file order.
    var schema: Schema { get }
    /// The number of rows.
    var rows: Int { get }
    /// Appends row `row` as one CSV line (with its `\n`).
    /// - Parameters:
    ///   - row: the row number, from 0.
    ///   - buffer: the output bytes.
    func appendRecord(_ row: Int, to buffer: inout [UInt8])
}

extension ColumnDescription {
    /// A column of a synthetic population, whose source points to the page documenting the generators.
    static func synthetic(
        _ name: String, _ role: ColumnRole, _ type: ColumnType, _ description: String, unit: String? = nil,
        group: String? = nil, immutable: Bool = false, labels: [String: String]? = nil
    ) -> ColumnDescription {
        ColumnDescription(
            name: name, role: role, type: type, description: description,
            source: "synthétique (Lanterne, voir docs/synthetic-populations.md)", unit: unit, group: group,
            immutable: immutable || role == .protected, labels: labels)
    }
}

/// The populations `lanterne synth` knows.
public enum PopulationKind: String, Sendable, CaseIterable {
    /// Tax households (`foyers`).
    case foyers
    /// Firms (`entreprises`).
    case entreprises
    /// Candidates to a selective programme (`candidats`).
    case candidats

    /// The population of `rows` rows for `seed`.
    /// - Parameters:
    ///   - rows: how many rows.
    ///   - seed: the seed.
    /// - Returns: the population.
    public func population(rows: Int, seed: UInt64) -> any SyntheticPopulation {
        switch self {
        case .foyers: HouseholdPopulation(rows: rows, seed: seed)
        case .entreprises: FirmPopulation(rows: rows, seed: seed)
        case .candidats: CandidatePopulation(rows: rows, seed: seed)
        }
    }
}

/// Writes a synthetic population to CSV, using several threads while keeping the bytes identical for a seed.
public enum SyntheticWriter {
    /// Rows formatted by one task.
    static let blockRows = 16_384

    /// Writes the header and every row of `population` to `path` atomically.
    /// - Parameters:
    ///   - population: the population.
    ///   - path: the output file.
    ///   - threads: how many threads format rows (the output does not depend on it).
    ///   - progress: a bar counting the rows formatted, finished once the file is written; it does not change the
    ///     bytes.
    /// - Throws: ``OutputError``.
    public static func write(
        _ population: any SyntheticPopulation, to path: String, threads: Int, progress: ProgressBar? = nil
    ) throws {
        let file = try AtomicFile(path: path)
        progress?.start(total: population.rows)
        try file.write(headerBytes(population.schema))
        let threads = max(1, threads)
        var start = 0
        while start < population.rows {
            let batchEnd = min(population.rows, start + blockRows * threads)
            let blocks = (batchEnd - start + blockRows - 1) / blockRows
            let batchStart = start
            let results = ForkJoin.map(chunks: blocks, threads: blocks) { block in
                let from = batchStart + block * blockRows
                let to = min(batchEnd, from + blockRows)
                var bytes: [UInt8] = []
                bytes.reserveCapacity((to - from) * 256)
                for row in from..<to { population.appendRecord(row, to: &bytes) }
                progress?.advance(by: to - from)
                return bytes
            }
            for bytes in results { try file.write(bytes) }
            start = batchEnd
        }
        try file.commit()
        progress?.finish()
    }

    /// The whole population as CSV bytes in memory (for tests and small files).
    /// - Parameter population: the population.
    /// - Returns: the bytes.
    public static func bytes(_ population: any SyntheticPopulation) -> [UInt8] {
        var bytes = headerBytes(population.schema)
        for row in 0..<population.rows { population.appendRecord(row, to: &bytes) }
        return bytes
    }

    static func headerBytes(_ schema: Schema) -> [UInt8] {
        Array((schema.columns.map(\.name).joined(separator: ",") + "\n").utf8)
    }
}

/// Appends CSV fields for generated records: integers, fixed decimals, booleans, labels.
struct RecordLine {
    private(set) var bytes: [UInt8] = []
    private var first = true

    /// Lets `body` append one record's fields to `buffer`, then ends the line.
    static func append(to buffer: inout [UInt8], _ body: (inout RecordLine) -> Void) {
        var line = RecordLine()
        swap(&line.bytes, &buffer)
        body(&line)
        line.bytes.append(10)
        swap(&line.bytes, &buffer)
    }

    private mutating func separator() {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func integer(_ value: Int) {
        separator()
        NumberFormatting.appendInteger(value, to: &bytes)
    }

    mutating func decimal(_ value: Double, _ decimals: Int) {
        separator()
        NumberFormatting.appendFixed(value, decimals: decimals, to: &bytes)
    }

    mutating func flag(_ value: Bool) {
        separator()
        bytes.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
    }

    mutating func label(_ value: StaticString) {
        separator()
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func label(_ value: String) {
        separator()
        bytes.append(contentsOf: value.utf8)
    }

    mutating func missing() {
        separator()
    }
}
