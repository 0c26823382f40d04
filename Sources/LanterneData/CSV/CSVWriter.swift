/// Writes a ``Table`` as CSV that ``CSVReader`` reads back to the same table.
///
/// Numbers are written in their shortest exact form with a decimal point, dates in ISO 8601, booleans as
/// `true`/`false`, missing values as empty fields. A label is quoted when it holds the delimiter, a quote or a line
/// end, starts or ends with a space, or reads as a missing-value marker.
public struct CSVWriter: Sendable {
    /// The field delimiter.
    public var delimiter: UInt8

    /// Creates a writer.
    /// - Parameter delimiter: the delimiter byte, `,` by default.
    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    /// The whole table as CSV bytes, header first, `\n` line ends.
    /// - Parameter table: the table.
    /// - Returns: the bytes.
    public func bytes(of table: Table) -> [UInt8] {
        var output: [UInt8] = []
        appendHeader(of: table, to: &output)
        for row in 0..<table.rowCount { appendRow(row, of: table, to: &output) }
        return output
    }

    /// Writes the table to `path` atomically.
    /// - Parameters:
    ///   - table: the table.
    ///   - path: the target file.
    /// - Throws: ``OutputError``.
    public func write(_ table: Table, to path: String) throws {
        let file = try AtomicFile(path: path)
        var output: [UInt8] = []
        appendHeader(of: table, to: &output)
        for row in 0..<table.rowCount {
            appendRow(row, of: table, to: &output)
            if output.count >= 1 << 20 {
                try file.write(output)
                output.removeAll(keepingCapacity: true)
            }
        }
        try file.write(output)
        try file.commit()
    }

    /// Appends the header line.
    /// - Parameters:
    ///   - table: the table.
    ///   - output: the bytes.
    public func appendHeader(of table: Table, to output: inout [UInt8]) {
        for (index, name) in table.columnNames.enumerated() {
            if index > 0 { output.append(delimiter) }
            appendField(name, to: &output)
        }
        output.append(10)
    }

    /// Appends one row.
    /// - Parameters:
    ///   - row: the row index.
    ///   - table: the table.
    ///   - output: the bytes.
    public func appendRow(_ row: Int, of table: Table, to output: inout [UInt8]) {
        for (index, column) in table.columns.enumerated() {
            if index > 0 { output.append(delimiter) }
            guard let text = column.formatted(row) else { continue }
            switch column.type {
            case .category, .text: appendField(text, to: &output)
            default: output.append(contentsOf: text.utf8)
            }
        }
        output.append(10)
    }

    /// Appends one text field, quoted when needed.
    /// - Parameters:
    ///   - text: the value.
    ///   - output: the bytes.
    public func appendField(_ text: String, to output: inout [UInt8]) {
        let utf8 = text.utf8
        var needsQuotes = utf8.isEmpty || utf8.first == 32 || utf8.last == 32 || utf8.first == 9 || utf8.last == 9
        if !needsQuotes {
            for byte in utf8 where byte == delimiter || byte == 34 || byte == 10 || byte == 13 {
                needsQuotes = true
                break
            }
        }
        if !needsQuotes {
            needsQuotes = Array(utf8).withUnsafeBufferPointer { ColumnBuilder.isMissing($0, quoted: false) }
        }
        guard needsQuotes else {
            output.append(contentsOf: utf8)
            return
        }
        output.append(34)
        for byte in utf8 {
            if byte == 34 { output.append(34) }
            output.append(byte)
        }
        output.append(34)
    }
}
