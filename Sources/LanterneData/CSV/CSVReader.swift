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

/// One pass of reading: turns scanned rows into column builders, then into a table.
final class TableAssembly {
    let source: CSVSource
    let options: CSVOptions
    private let scanner: CSVScanner
    private var names: [String] = []
    private var builders: [ColumnBuilder] = []
    private var dataRows = 0
    private var skipped = 0
    private var firstSkippedLine = 0
    private var scratch: [UInt8] = []
    private var converted: [UInt8] = []

    init(source: CSVSource, options: CSVOptions, encoding: TextEncoding?) {
        self.source = source
        self.options = options
        self.scanner = CSVScanner(source: source, options: options, encoding: encoding, delimiter: nil)
    }

    func run() throws -> CSVReadResult {
        var sawHeader = false
        try scanner.scan { row in
            if !sawHeader {
                try readHeader(row)
                sawHeader = true
            } else {
                try readRow(row)
            }
        }
        guard sawHeader else { throw CSVError(.emptyFile, file: source.name, line: 0) }
        guard dataRows > 0 else { throw CSVError(.headerOnly, file: source.name, line: 1) }
        var warnings: [CSVWarning] = []
        if scanner.encoding == .windows1252 { warnings.append(.convertedFromWindows1252) }
        if skipped > 0 { warnings.append(.skippedRaggedRows(count: skipped, firstLine: firstSkippedLine)) }
        var columns: [Column] = []
        columns.reserveCapacity(builders.count)
        for index in builders.indices {
            columns.append(builders[index].finish())
            builders[index] = ColumnBuilder(name: "", imposed: nil, latin1Spaces: false)
        }
        return CSVReadResult(
            table: Table(columns: columns), delimiter: scanner.delimiter, encoding: scanner.encoding ?? .utf8,
            warnings: warnings)
    }

    private func readHeader(_ row: ScannedRow) throws {
        if row.fieldCount > options.maxColumns {
            throw CSVError(
                .tooManyColumns(found: row.fieldCount, limit: options.maxColumns), file: source.name, line: row.line)
        }
        var seen: [String: Int] = [:]
        for (index, field) in row.fields.enumerated() {
            var name = withValue(row, field) { String(decoding: $0, as: UTF8.self) }
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
        if let missing = options.columnTypes.keys.sorted().first(where: { seen[$0] == nil }) {
            throw SchemaError(.missingColumn(name: missing, available: names), file: source.name)
        }
        let latin = scanner.encoding == .windows1252
        builders = names.map { ColumnBuilder(name: $0, imposed: options.columnTypes[$0], latin1Spaces: latin) }
    }

    private func readRow(_ row: ScannedRow) throws {
        if row.fieldCount != builders.count {
            if options.lenient {
                if skipped == 0 { firstSkippedLine = row.line }
                skipped += 1
                return
            }
            throw CSVError(
                .raggedRow(expected: builders.count, found: row.fieldCount), file: source.name, line: row.line)
        }
        for index in 0..<row.fields.count {
            let field = row.fields[index]
            let outcome = withValue(row, field) { builders[index].append($0, quoted: field.quoted) }
            switch outcome {
            case .stored:
                continue
            case .demote:
                try rebuildAsLabels(index)
                _ = withValue(row, field) { builders[index].append($0, quoted: field.quoted) }
            case .invalid:
                let value = withValue(row, field) { String(decoding: $0, as: UTF8.self) }
                let expected = builders[index].imposed ?? .text
                throw CSVError(
                    .invalidValue(value: value, expected: expected), file: source.name, line: row.line,
                    column: index + 1, columnName: names[index])
            }
        }
        dataRows += 1
    }

    /// Calls `body` with the field's value: quotes removed, trimmed when unquoted, converted to UTF-8.
    @inline(__always)
    private func withValue<R>(_ row: ScannedRow, _ field: FieldSpan, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var start = field.start
        var end = field.end
        let base = row.base
        if !field.quoted {
            while start < end && (base[start] == 32 || (base[start] == 9 && scanner.delimiter != 9)) { start += 1 }
            while end > start && (base[end - 1] == 32 || (base[end - 1] == 9 && scanner.delimiter != 9)) { end -= 1 }
            if scanner.encoding != .windows1252 {
                return body(UnsafeBufferPointer(start: base + start, count: end - start))
            }
            return convert(UnsafeBufferPointer(start: base + start, count: end - start), body)
        }
        scratch.removeAll(keepingCapacity: true)
        var inQuotes = false
        var i = start
        while i < end {
            let byte = base[i]
            if byte == 34 {
                if inQuotes && i + 1 < end && base[i + 1] == 34 {
                    scratch.append(34)
                    i += 2
                    continue
                }
                inQuotes.toggle()
            } else {
                scratch.append(byte)
            }
            i += 1
        }
        if scanner.encoding != .windows1252 { return scratch.withUnsafeBufferPointer(body) }
        return scratch.withUnsafeBufferPointer { convert($0, body) }
    }

    private func convert<R>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return body(bytes) }
        converted.removeAll(keepingCapacity: true)
        Windows1252.appendUTF8(of: bytes, to: &converted)
        return converted.withUnsafeBufferPointer(body)
    }

    /// Rebuilds column `index` as labels from the start of the file, up to the current row.
    private func rebuildAsLabels(_ index: Int) throws {
        let target = dataRows
        let rebuilt = ColumnBuilder(
            name: names[index], imposed: nil, latin1Spaces: scanner.encoding == .windows1252, asLabels: true)
        let pass = TableAssembly(source: source, options: options, encoding: scanner.encoding)
        pass.names = names
        var sawHeader = false
        var row = 0
        do {
            try pass.scanner.scan { scanned in
                if !sawHeader {
                    sawHeader = true
                    return
                }
                if scanned.fieldCount != names.count { return }
                if row == target { throw RebuildDone() }
                let field = scanned.fields[index]
                _ = pass.withValue(scanned, field) { rebuilt.append($0, quoted: field.quoted) }
                row += 1
            }
        } catch is RebuildDone {}
        builders[index] = rebuilt
    }

    private struct RebuildDone: Error {}
}
