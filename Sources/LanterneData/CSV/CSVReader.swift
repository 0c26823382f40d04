/// What ``CSVReader`` returns: the table and what the reader noticed on the way.
public struct CSVReadResult: Sendable {
    /// The typed table.
    public var table: Table
    /// The detected (or given) delimiter.
    public var delimiter: UInt8
    /// The detected encoding.
    public var encoding: TextEncoding
    /// Things the user should know (conversion, skipped rows).
    public var warnings: [CSVWarning]
}

/// Reads a CSV file into a typed ``Table``, streaming it chunk by chunk.
///
/// Delimiter (`,` `;` tab) and encoding (UTF-8 with or without BOM, otherwise Windows-1252 / Latin-1) are detected;
/// each column's type is inferred from its values unless ``CSVOptions/columnTypes`` imposes one. Missing values are
/// empty fields and the unquoted markers `NA`, `N/A`, `NaN`, `null`, `-`. Duplicate header names become `name.2`,
/// `name.3`.
public struct CSVReader: Sendable {
    /// Where the bytes come from.
    public let source: CSVSource
    /// How to read them.
    public let options: CSVOptions

    /// Creates a reader of a file.
    /// - Parameters:
    ///   - path: the file's path.
    ///   - options: reading options.
    public init(path: String, options: CSVOptions = CSVOptions()) {
        self.source = .file(path: path)
        self.options = options
    }

    /// Creates a reader of bytes in memory.
    /// - Parameters:
    ///   - bytes: the CSV content.
    ///   - name: the name used in messages.
    ///   - options: reading options.
    public init(bytes: [UInt8], name: String = "<données>", options: CSVOptions = CSVOptions()) {
        self.source = .bytes(bytes, name: name)
        self.options = options
    }

    /// Reads the whole source.
    /// - Returns: the table, the delimiter, the encoding and the warnings.
    /// - Throws: ``CSVError`` naming the file, line and column of the first problem.
    public func read() throws -> CSVReadResult {
        do {
            return try TableAssembly(source: source, options: options, encoding: nil).run()
        } catch is EncodingRestart {
            return try TableAssembly(source: source, options: options, encoding: .windows1252).run()
        }
    }

    /// Reads the whole source and returns only the table.
    /// - Returns: the table.
    /// - Throws: ``CSVError``.
    public func readTable() throws -> Table {
        try read().table
    }
}

/// One pass of reading: turns scanned batches into column builders, then into a table.
final class TableAssembly {
    let source: CSVSource
    let options: CSVOptions
    private let scanner: CSVScanner
    private var names: [String] = []
    private var builders: [ColumnBuilder] = []
    /// Whether each column is built (``CSVOptions/onlyColumns``).
    private var kept: [Bool] = []
    private var reader: FieldReader?
    private var dataRows = 0
    private var skipped = 0
    private var firstSkippedLine = 0

    init(source: CSVSource, options: CSVOptions, encoding: TextEncoding?) {
        self.source = source
        self.options = options
        self.scanner = CSVScanner(source: source, options: options, encoding: encoding, delimiter: nil)
    }

    func run() throws -> CSVReadResult {
        var sawHeader = false
        try scanner.scan(
            header: { row in
                try readHeader(row)
                sawHeader = true
                return names.count
            },
            ragged: { line, found in
                guard options.lenient else {
                    throw CSVError(
                        .raggedRow(expected: names.count, found: found), file: source.name, line: line)
                }
                if skipped == 0 { firstSkippedLine = line }
                skipped += 1
            },
            batch: { batch in try readBatch(batch) })
        guard sawHeader else { throw CSVError(.emptyFile, file: source.name, line: 0) }
        guard dataRows > 0 else { throw CSVError(.headerOnly, file: source.name, line: 1) }
        var warnings: [CSVWarning] = []
        if scanner.encoding == .windows1252 { warnings.append(.convertedFromWindows1252) }
        if skipped > 0 { warnings.append(.skippedRaggedRows(count: skipped, firstLine: firstSkippedLine)) }
        var columns: [Column] = []
        columns.reserveCapacity(builders.count)
        for index in builders.indices where kept[index] {
            columns.append(builders[index].finish())
            builders[index] = ColumnBuilder(name: "", imposed: nil, latin1Spaces: false)
        }
        return CSVReadResult(
            table: Table(columns: columns), delimiter: scanner.delimiter, encoding: scanner.encoding ?? .utf8,
            warnings: warnings)
    }

    private func makeReader() -> FieldReader {
        FieldReader(delimiter: scanner.delimiter, encoding: scanner.encoding ?? .utf8)
    }

    private func readHeader(_ row: ScannedRow) throws {
        if row.fieldCount > options.maxColumns {
            throw CSVError(
                .tooManyColumns(found: row.fieldCount, limit: options.maxColumns), file: source.name, line: row.line)
        }
        let fieldReader = makeReader()
        reader = fieldReader
        var seen: [String: Int] = [:]
        for (index, field) in row.fields.enumerated() {
            var name = String(decoding: fieldReader.value(row.base, field), as: UTF8.self)
            if name.isEmpty { name = "colonne_\(index + 1)" }
            let base = name
            var suffix = 1
            while seen[name] != nil {
                suffix += 1
                name = "\(base).\(suffix)"
            }
            seen[name] = index
            names.append(name)
        }
        if options.requiresTypedColumns,
            let missing = options.columnTypes.keys.sorted().first(where: { seen[$0] == nil })
        {
            throw SchemaError(.missingColumn(name: missing, available: names), file: source.name)
        }
        let latin = scanner.encoding == .windows1252
        builders = names.map { ColumnBuilder(name: $0, imposed: options.columnTypes[$0], latin1Spaces: latin) }
        kept = names.map { options.onlyColumns?.contains($0) ?? true }
    }

    /// Appends a batch column by column; reports the first invalid value in file order.
    private func readBatch(_ batch: FieldBatch) throws {
        guard let reader else { return }
        var firstInvalid: (row: Int, column: Int)? = nil
        for column in 0..<batch.columnCount where kept[column] {
            var from = 0
            appending: while true {
                switch builders[column].append(batch, column: column, from: from, to: batch.rowCount, reader: reader) {
                case .stored:
                    break appending
                case .demote(let row):
                    try rebuildAsLabels(column, upTo: dataRows + row)
                    from = row
                case .invalid(let row):
                    if firstInvalid.map({ row < $0.row }) ?? true { firstInvalid = (row, column) }
                    break appending
                }
            }
        }
        if dataRows == 0 && batch.endOffset > 0 && batch.sourceSize > batch.endOffset {
            // Reserve room for the rows the file size predicts, with a margin, once the first batch has decided each
            // column's type (an undecided column cannot reserve); pages never touched cost nothing, and columns
            // that do not grow by doubling are never copied.
            let expected = Double(batch.rowCount) * Double(batch.sourceSize) / Double(batch.endOffset) * 1.1
            for (index, builder) in builders.enumerated() where kept[index] {
                builder.reserve(Int(expected.rounded(.up)))
            }
        }
        // Once every column holds numbers, the next rows are tried as plain numeric rows.
        scanner.readsNumericRows =
            kept.allSatisfy { $0 } && builders.allSatisfy { $0.mode == .number } && firstInvalid == nil
        if let (row, column) = firstInvalid {
            let span = batch.spans[row * batch.columnCount + column]
            let value = String(decoding: reader.value(batch.base, span), as: UTF8.self)
            throw CSVError(
                .invalidValue(value: value, expected: builders[column].imposed ?? .text), file: source.name,
                line: batch.lines[row], column: column + 1, columnName: names[column])
        }
        dataRows += batch.rowCount
    }

    /// Rebuilds column `index` as labels from the start of the file, up to data row `target` (excluded).
    private func rebuildAsLabels(_ index: Int, upTo target: Int) throws {
        let rebuilt = ColumnBuilder(
            name: names[index], imposed: nil, latin1Spaces: scanner.encoding == .windows1252, asLabels: true)
        let pass = CSVScanner(
            source: source, options: options, encoding: scanner.encoding, delimiter: scanner.delimiter)
        let passReader = makeReader()
        var seen = 0
        if target > 0 {
            do {
                try pass.scan(
                    header: { _ in names.count }, ragged: { _, _ in },
                    batch: { batch in
                        let take = min(batch.rowCount, target - seen)
                        _ = rebuilt.append(batch, column: index, from: 0, to: take, reader: passReader)
                        seen += batch.rowCount
                        if seen >= target { throw RebuildDone() }
                    })
            } catch is RebuildDone {}
        }
        builders[index] = rebuilt
    }

    private struct RebuildDone: Error {}
}
