/// How to read a CSV file.
public struct CSVOptions: Sendable {
    /// The field delimiter; `nil` detects `,` `;` or tab from the first lines.
    public var delimiter: UInt8?
    /// Skip rows whose field count differs from the header's instead of failing (their number is reported).
    public var lenient: Bool
    /// The largest number of columns accepted.
    public var maxColumns: Int
    /// The largest field accepted, in bytes.
    public var maxFieldBytes: Int
    /// Types imposed on some columns (by name), e.g. from a schema; other columns are inferred.
    public var columnTypes: [String: ColumnType]
    /// The size of each read from the file, in bytes.
    public var chunkSize: Int
    /// Whether every column of ``columnTypes`` must be in the file (a schema check); when `false`, absent ones are
    /// ignored (scoring, where the model reports the features it lacks).
    public var requiresTypedColumns = true
    /// When set, only these columns are built into the table (the others are scanned and dropped), which saves the
    /// time and memory of columns a command does not read. Names absent from the file are ignored here: the command
    /// reports them.
    public var onlyColumns: Set<String>? = nil

    /// Creates options; the defaults detect the delimiter and refuse ragged rows.
    /// - Parameters:
    ///   - delimiter: the delimiter byte, or `nil` to detect it.
    ///   - lenient: whether to skip ragged rows.
    ///   - maxColumns: the column limit.
    ///   - maxFieldBytes: the field size limit.
    ///   - columnTypes: imposed types by column name.
    ///   - chunkSize: bytes per read.
    public init(
        delimiter: UInt8? = nil, lenient: Bool = false, maxColumns: Int = 4096, maxFieldBytes: Int = 1 << 20,
        columnTypes: [String: ColumnType] = [:], chunkSize: Int = 1 << 20
    ) {
        self.delimiter = delimiter
        self.lenient = lenient
        self.maxColumns = maxColumns
        self.maxFieldBytes = maxFieldBytes
        self.columnTypes = columnTypes
        self.chunkSize = chunkSize
    }
}

/// A text encoding the reader recognises.
public enum TextEncoding: String, Sendable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// Windows-1252, which also covers the printable characters of Latin-1 (ISO 8859-1).
    case windows1252
}

/// Something the reader did that the user should know about, without it being an error.
public enum CSVWarning: Sendable, Equatable {
    /// The file was not UTF-8 and was converted from Windows-1252 / Latin-1.
    case convertedFromWindows1252
    /// Rows with the wrong number of fields were skipped (`--lenient`); the first one's line is given.
    case skippedRaggedRows(count: Int, firstLine: Int)

    /// The warning in `language`, for a file called `file`.
    /// - Parameters:
    ///   - file: the file's path.
    ///   - language: French or English.
    /// - Returns: one line.
    public func message(file: String, _ language: Language) -> String {
        switch (self, language) {
        case (.convertedFromWindows1252, .fr):
            "\(file): encodage Windows-1252 (ou Latin-1) détecté, converti en UTF-8"
        case (.convertedFromWindows1252, .en):
            "\(file): Windows-1252 (or Latin-1) encoding detected, converted to UTF-8"
        case (.skippedRaggedRows(let count, let line), .fr):
            "\(file): \(count) ligne(s) au nombre de champs incorrect ignorée(s) (--lenient), la première ligne \(line)"
        case (.skippedRaggedRows(let count, let line), .en):
            "\(file): \(count) row(s) with a wrong field count skipped (--lenient), the first on line \(line)"
        }
    }
}
