/// The position of one field in the scanner's buffer, packed in eight bytes (buffers stay under 2 GiB).
struct FieldSpan {
    private let rawStart: Int32
    /// The end offset, with the sign bit set when the field is quoted.
    private let rawEnd: Int32

    @inline(__always)
    init(start: Int, end: Int, quoted: Bool) {
        rawStart = Int32(truncatingIfNeeded: start)
        rawEnd = Int32(truncatingIfNeeded: end) | (quoted ? Int32.min : 0)
    }

    /// The offset of the first byte.
    @inline(__always) var start: Int { Int(rawStart) }
    /// The offset one past the last byte.
    @inline(__always) var end: Int { Int(rawEnd & Int32.max) }
    /// Whether the field began with a quote (its bytes still hold the quotes).
    @inline(__always) var quoted: Bool { rawEnd < 0 }
}

/// One row handed out by ``CSVScanner``; valid only during the callback.
struct ScannedRow {
    /// The buffer the spans point into.
    let base: UnsafePointer<UInt8>
    /// The fields found, up to the scanner's capacity.
    let fields: UnsafeBufferPointer<FieldSpan>
    /// The number of fields in the row (may exceed `fields.count` for an over-long row).
    let fieldCount: Int
    /// The 1-based line where the row starts.
    let line: Int
}

/// Consecutive data rows, all with the header's number of fields, stored row-major.
struct FieldBatch {
    /// The buffer the spans point into.
    let base: UnsafePointer<UInt8>
    /// `rowCount * columnCount` spans.
    let spans: UnsafePointer<FieldSpan>
    /// The 1-based line where each row starts.
    let lines: UnsafePointer<Int>
    /// The number of rows.
    let rowCount: Int
    /// The number of fields per row.
    let columnCount: Int
    /// The file offset just past the batch's last row.
    let endOffset: Int
    /// The size of the whole source in bytes.
    let sourceSize: Int
    /// When the rows were read as plain numbers (``NumericRows``): `rowCount * columnCount` values, row-major, and
    /// no spans.
    let values: UnsafePointer<Double>?
}

/// Thrown when a UTF-8 read meets bytes that are not UTF-8: the reader starts again as Windows-1252.
struct EncodingRestart: Error {}

/// Splits a CSV byte stream into rows and fields, reading the file chunk by chunk.
///
/// Only ASCII bytes (delimiter, quote, CR, LF) structure a CSV file, and neither UTF-8 nor Windows-1252 uses them
/// inside a multi-byte character, so the scanner works on raw bytes and leaves decoding to the field's consumer.
final class CSVScanner {
    let source: CSVSource
    let options: CSVOptions
    private(set) var delimiter: UInt8
    private(set) var encoding: TextEncoding?
    private let detectsDelimiter: Bool
    private let fieldCapacity: Int
    /// Whether data rows are first tried as rows of plain numbers (``NumericRows``), set by the caller between
    /// batches once every column holds numbers.
    var readsNumericRows = false

    /// Byte classes outside quotes: 0 plain, 1 delimiter, 2 LF, 3 CR, 4 NUL.
    private var plainClass = [UInt8](repeating: 0, count: 256)
    /// Byte classes inside quotes: 0 plain, 1 quote, 2 LF, 3 CR, 4 NUL.
    private var quotedClass = [UInt8](repeating: 0, count: 256)

    init(source: CSVSource, options: CSVOptions, encoding: TextEncoding?, delimiter: UInt8?) {
        self.source = source
        self.options = options
        self.encoding = encoding
        self.delimiter = delimiter ?? options.delimiter ?? UInt8(ascii: ",")
        self.detectsDelimiter = delimiter == nil && options.delimiter == nil
        self.fieldCapacity = options.maxColumns + 1
    }

    private func buildClasses() {
        plainClass = [UInt8](repeating: 0, count: 256)
        plainClass[Int(delimiter)] = 1
        plainClass[10] = 2
        plainClass[13] = 3
        plainClass[0] = 4
        quotedClass = [UInt8](repeating: 0, count: 256)
        quotedClass[34] = 1
        quotedClass[10] = 2
        quotedClass[13] = 3
        quotedClass[0] = 4
    }

    private enum RowScan {
        case row(next: Int, fieldCount: Int, newlines: Int)
        case needMore(fieldStart: Int, fieldIndex: Int)
    }

    /// Data rows handed out in one batch at most.
    static let batchRows = 2048

    /// Reads the whole source: the header row first, then the data rows in batches, column-major processing being
    /// left to the caller. Rows whose field count differs from the header's go to `ragged` instead.
    /// - Parameters:
    ///   - header: called with the first non-blank row; returns the number of columns data rows must have.
    ///   - ragged: called with the line and field count of a row with the wrong number of fields; may throw.
    ///   - batch: called with consecutive complete data rows; the spans are valid during the call only.
    /// - Throws: ``CSVError`` for malformed input, ``EncodingRestart`` when the file turns out not to be UTF-8.
    func scan(
        header: (ScannedRow) throws -> Int, ragged: (_ line: Int, _ found: Int) throws -> Void,
        batch: (FieldBatch) throws -> Void
    ) throws {
        let stream = try source.open()
        // The first read is large enough to detect the delimiter and the encoding on several lines.
        let firstRead = max(options.chunkSize, 1 << 16)
        var capacity = firstRead * 2
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let headerFields = UnsafeMutablePointer<FieldSpan>.allocate(capacity: fieldCapacity)
        defer { headerFields.deallocate() }
        var spans = UnsafeMutablePointer<FieldSpan>.allocate(capacity: 1)
        defer { spans.deallocate() }
        var values = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        defer { values.deallocate() }
        var numericBatch = false  // whether the rows gathered so far were read by NumericRows
        let lines = UnsafeMutablePointer<Int>.allocate(capacity: CSVScanner.batchRows)
        defer { lines.deallocate() }
        var validator = UTF8Validator()

        var filled = 0
        var position = 0
        var eof = false
        var line = 1
        var consumedBefore = 0  // file offset of buffer[0]
        var first = true
        var columnCount = -1  // unknown until the header is read
        var rows = 0

        func fill() throws {
            if position > 0 {
                buffer.update(from: buffer + position, count: filled - position)
                consumedBefore += position
                filled -= position
                position = 0
            }
            let want = first ? firstRead : options.chunkSize
            if capacity - filled < want {
                guard capacity * 2 <= Int(Int32.max) else {
                    throw CSVError(.fieldTooLarge(limit: Int(Int32.max) / 2), file: source.name, line: line)
                }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                grown.update(from: buffer, count: filled)
                buffer.deallocate()
                buffer = grown
                capacity *= 2
            }
            let start = filled
            while filled < capacity && !eof {
                let n = try stream.read(into: buffer + filled, count: min(want, capacity - filled))
                if n == 0 { eof = true } else { filled += n }
                if filled - start >= want { break }
            }
            try checkEncoding(
                UnsafeBufferPointer(start: buffer + start, count: filled - start), &validator,
                fileOffset: consumedBefore + start)
            first = false
        }

        func flush() throws {
            guard rows > 0 else { return }
            try batch(
                FieldBatch(
                    base: UnsafePointer(buffer), spans: UnsafePointer(spans), lines: UnsafePointer(lines),
                    rowCount: rows, columnCount: columnCount, endOffset: consumedBefore + position,
                    sourceSize: stream.size, values: numericBatch ? UnsafePointer(values) : nil))
            rows = 0
            numericBatch = false
        }

        try fill()
        if filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
        if detectsDelimiter {
            delimiter = DelimiterSniffer.sniff(UnsafeBufferPointer(start: buffer + position, count: filled - position))
        }
        buildClasses()
        let plain = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        defer { plain.deallocate() }
        let quoted = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        defer { quoted.deallocate() }
        plainClass.withUnsafeBufferPointer { plain.update(from: $0.baseAddress!, count: 256) }
        quotedClass.withUnsafeBufferPointer { quoted.update(from: $0.baseAddress!, count: 256) }
        let delimiter = self.delimiter

        while true {
            if position >= filled {
                if eof { break }
                try flush()
                try fill()
                continue
            }
            let isHeader = columnCount < 0
            // A batch is read either all as numeric rows or all the general way: the first row that is not plain
            // numbers ends a numeric batch, and the rows after it wait for the next batch to be tried again.
            // A batch is read either all as numeric rows or all the general way: a row that NumericRows refuses
            // ends a numeric batch, and it and the rows after it in the batch are read the general way.
            if !isHeader && readsNumericRows && (rows == 0 || numericBatch) {
                let (count, next) = NumericRows.read(
                    buffer, from: position, end: filled, columnCount: columnCount, delimiter: delimiter,
                    maxRows: CSVScanner.batchRows - rows, into: values + rows * columnCount)
                if count > 0 {
                    numericBatch = true
                    for offset in 0..<count { lines[rows + offset] = line + offset }
                    rows += count
                    line += count
                    position = next
                    if rows == CSVScanner.batchRows { try flush() }
                    continue
                }
                if numericBatch { try flush() }
            }
            let target = isHeader ? headerFields : spans + rows * columnCount
            let result = try scanRow(
                base: buffer, from: position, end: filled, eof: eof, line: line, fields: target,
                capacity: isHeader ? fieldCapacity : columnCount + 1, plain: plain, quoted: quoted)
            switch result {
            case .row(let next, let fieldCount, let newlines):
                let blank = fieldCount == 1 && target[0].end == target[0].start && !target[0].quoted
                if !blank {
                    if isHeader {
                        columnCount = try header(
                            ScannedRow(
                                base: UnsafePointer(buffer),
                                fields: UnsafeBufferPointer(start: headerFields, count: min(fieldCount, fieldCapacity)),
                                fieldCount: fieldCount, line: line))
                        spans.deallocate()
                        spans = .allocate(capacity: (CSVScanner.batchRows + 1) * columnCount + 1)
                        values.deallocate()
                        values = .allocate(capacity: (CSVScanner.batchRows + 1) * columnCount + 1)
                    } else if fieldCount != columnCount {
                        try flush()
                        try ragged(line, fieldCount)
                    } else {
                        lines[rows] = line
                        rows += 1
                    }
                }
                line += newlines
                position = next
                if rows == CSVScanner.batchRows { try flush() }
            case .needMore(let fieldStart, let fieldIndex):
                if filled - fieldStart > options.maxFieldBytes {
                    throw CSVError(
                        .fieldTooLarge(limit: options.maxFieldBytes), file: source.name, line: line,
                        column: fieldIndex + 1)
                }
                try flush()
                try fill()
            }
        }
        try flush()
    }

    /// Validates freshly read bytes against the file's encoding, deciding it on the first chunk.
    private func checkEncoding(
        _ bytes: UnsafeBufferPointer<UInt8>, _ validator: inout UTF8Validator, fileOffset: Int
    ) throws {
        if encoding == nil {
            var probe = validator
            let invalid = probe.validate(bytes)
            encoding = invalid == nil ? .utf8 : .windows1252
        }
        switch encoding {
        case .utf8, nil:
            if validator.validate(bytes) != nil { throw EncodingRestart() }
        case .windows1252:
            if let index = bytes.firstIndex(where: Windows1252.isUndefined) {
                throw CSVError(.invalidEncoding, file: source.name, line: try lineOf(offset: fileOffset + index))
            }
        }
    }

    /// The 1-based line of a byte offset, found by counting line ends from the start of the file.
    private func lineOf(offset: Int) throws -> Int {
        let stream = try source.open()
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { chunk.deallocate() }
        var line = 1
        var seen = 0
        var previous: UInt8 = 0
        while seen < offset {
            let n = try stream.read(into: chunk, count: min(1 << 16, offset - seen))
            if n == 0 { break }
            for i in 0..<n {
                let byte = chunk[i]
                if byte == 10 || (previous == 13 && byte != 10) { line += 1 }
                previous = byte
            }
            seen += n
        }
        return previous == 13 ? line + 1 : line
    }

    /// The high bit of each zero byte of `word`, and possibly of bytes above the first zero (a borrow): the lowest
    /// set bit marks the first zero byte exactly.
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// Scans one row starting at `start`: records its fields and returns where the next row starts, or asks for
    /// more bytes when the row is cut by the end of the buffer.
    @inline(__always)
    private func scanRow(
        base: UnsafeMutablePointer<UInt8>, from start: Int, end: Int, eof: Bool, line: Int,
        fields: UnsafeMutablePointer<FieldSpan>, capacity: Int, plain: UnsafePointer<UInt8>,
        quoted: UnsafePointer<UInt8>
    ) throws -> RowScan {
        var i = start
        var fieldCount = 0
        var newlines = 0
        // The delimiter repeated in the eight bytes of a word.
        let delimiterBytes = 0x0101_0101_0101_0101 &* UInt64(delimiter)
        while true {
            let fieldStart = i
            var isQuoted = false
            if i < end && base[i] == 34 {
                isQuoted = true
                let openingLine = line + newlines
                i += 1
                quotedLoop: while true {
                    while i < end && quoted[Int(base[i])] == 0 { i += 1 }
                    if i >= end {
                        if eof {
                            throw CSVError(
                                .unterminatedQuote, file: source.name, line: openingLine,
                                column: fieldCount + 1)
                        }
                        return .needMore(fieldStart: fieldStart, fieldIndex: fieldCount)
                    }
                    switch quoted[Int(base[i])] {
                    case 1:
                        if i + 1 < end {
                            if base[i + 1] == 34 {
                                i += 2
                                continue quotedLoop
                            }
                            i += 1
                            break quotedLoop
                        }
                        if !eof { return .needMore(fieldStart: fieldStart, fieldIndex: fieldCount) }
                        i += 1
                        break quotedLoop
                    case 2:
                        newlines += 1
                        i += 1
                    case 3:
                        if i + 1 >= end && !eof { return .needMore(fieldStart: fieldStart, fieldIndex: fieldCount) }
                        if i + 1 >= end || base[i + 1] != 10 { newlines += 1 }
                        i += 1
                    default:
                        throw CSVError(.nulByte, file: source.name, line: line + newlines, column: fieldCount + 1)
                    }
                }
            }
            // Eight bytes at a time while none of them ends the field (delimiter, line end, NUL), then one by one.
            while i + 8 <= end {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let stops =
                    Self.zeroBytes(word ^ delimiterBytes) | Self.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                    | Self.zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D) | Self.zeroBytes(word)
                if stops != 0 {
                    i += stops.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
            while i < end && plain[Int(base[i])] == 0 { i += 1 }
            if fieldCount < capacity {
                fields[fieldCount] = FieldSpan(start: fieldStart, end: i, quoted: isQuoted)
            }
            if i - fieldStart > options.maxFieldBytes {
                throw CSVError(
                    .fieldTooLarge(limit: options.maxFieldBytes), file: source.name, line: line + newlines,
                    column: fieldCount + 1)
            }
            fieldCount += 1
            if i >= end {
                if !eof { return .needMore(fieldStart: fieldStart, fieldIndex: fieldCount - 1) }
                return .row(next: i, fieldCount: fieldCount, newlines: newlines + 1)
            }
            switch plain[Int(base[i])] {
            case 1:
                i += 1
            case 2:
                return .row(next: i + 1, fieldCount: fieldCount, newlines: newlines + 1)
            case 3:
                if i + 1 < end {
                    return .row(next: base[i + 1] == 10 ? i + 2 : i + 1, fieldCount: fieldCount, newlines: newlines + 1)
                }
                if !eof { return .needMore(fieldStart: fieldStart, fieldIndex: fieldCount - 1) }
                return .row(next: i + 1, fieldCount: fieldCount, newlines: newlines + 1)
            default:
                throw CSVError(.nulByte, file: source.name, line: line + newlines, column: fieldCount)
            }
        }
    }
}
