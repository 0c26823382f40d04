/// Collects one column's values while the file is read, guessing its type from the values seen so far.
///
/// A column starts undecided (only missing values), becomes a number, date, boolean or label column with its first
/// value, and tells the reader when a later value does not fit (`demote`): the reader then rebuilds it as labels.
/// Values arrive a batch of rows at a time; each type has its own tight loop over the batch, working on local
/// copies of the storage so that nothing is retained, released or checked for exclusive access per value.
final class ColumnBuilder {
    /// The outcome of appending part of a batch.
    enum Outcome: Equatable {
        /// Every value was stored.
        case stored
        /// The value at `row` does not fit the guessed type; the column must be rebuilt as labels.
        case demote(row: Int)
        /// The value at `row` does not fit the type the schema imposes.
        case invalid(row: Int)
    }

    enum Mode {
        case undecided, number, date, boolean, labels, text
    }

    /// Distinct labels beyond which a column with mostly unique values is kept as plain text.
    static let dictionaryLimit = 65_536

    let name: String
    let imposed: ColumnType?
    let latin1Spaces: Bool
    private(set) var mode: Mode = .undecided
    private var undecidedMissing = 0

    private var numbers: [Double] = []
    private var seconds: [Int64] = []
    private var hasTime = false
    private var flags: [UInt8] = []
    private var codes: [Int32] = []
    private var interner = ByteInterner()
    private var text = TextColumn()

    /// Creates a builder.
    /// - Parameters:
    ///   - name: the column's header name.
    ///   - imposed: a type from the schema, or `nil` to infer it.
    ///   - latin1Spaces: whether 0xA0 is a no-break space (Windows-1252 input).
    ///   - asLabels: start directly as labels (used when rebuilding a demoted column).
    init(name: String, imposed: ColumnType?, latin1Spaces: Bool, asLabels: Bool = false) {
        self.name = name
        self.imposed = imposed
        self.latin1Spaces = latin1Spaces
        if asLabels { mode = .labels }
    }

    /// Reserves room for `rows` values in the storage of the current type.
    /// - Parameter rows: the expected number of rows.
    func reserve(_ rows: Int) {
        switch mode {
        case .number: numbers.reserveCapacity(rows)
        case .labels: codes.reserveCapacity(rows)
        case .date: seconds.reserveCapacity(rows)
        case .boolean: flags.reserveCapacity(rows)
        case .text, .undecided: break
        }
    }

    /// Whether a field is one of the missing-value markers: empty, or unquoted `NA`, `N/A`, `NaN`, `null`, `-`.
    @inline(__always)
    static func isMissing(_ value: UnsafeBufferPointer<UInt8>, quoted: Bool) -> Bool {
        let count = value.count
        if count == 0 { return true }
        if quoted || count > 4 { return false }
        let first = value[0] | 0x20
        guard first == 0x6E || value[0] == 0x2D else { return false }  // n, N or -
        var word: UInt32 = 0
        for byte in value { word = word << 8 | UInt32(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
        switch count {
        case 1: return word == 0x2D  // -
        case 2: return word == 0x6E61  // na
        case 3: return word == 0x6E2F61 || word == 0x6E616E  // n/a, nan
        default: return word == 0x6E75_6C6C  // null
        }
    }

    /// Appends the values of column `column` for rows `start..<end` of `batch`.
    /// - Parameters:
    ///   - batch: the rows.
    ///   - column: the field index of this column.
    ///   - start: the first row to take.
    ///   - end: one past the last row to take.
    ///   - reader: unquotes, trims and converts fields.
    /// - Returns: `.stored`, or the row whose value does not fit.
    func append(_ batch: FieldBatch, column: Int, from start: Int, to end: Int, reader: FieldReader) -> Outcome {
        if let values = batch.values {
            appendNumbers(values + column, stride: batch.columnCount, from: start, to: end)
            return .stored
        }
        var row = start
        let stride = batch.columnCount
        let spans = batch.spans + column
        let base = batch.base
        while row < end {
            switch mode {
            case .undecided:
                let span = spans[row * stride]
                let value = reader.value(base, span)
                if ColumnBuilder.isMissing(value, quoted: span.quoted) {
                    undecidedMissing += 1
                    row += 1
                } else {
                    decide(from: value)
                }
            case .number:
                let latin = latin1Spaces
                let scratch = UnsafeMutableRawPointer.allocate(byteCount: (end - row) * 8, alignment: 8)
                    .bindMemory(to: Double.self, capacity: end - row)
                defer { scratch.deallocate() }
                var count = 0
                var failed = false
                while row < end {
                    let span = spans[row * stride]
                    let value = reader.value(base, span)
                    if ColumnBuilder.isMissing(value, quoted: span.quoted) {
                        scratch[count] = .nan
                    } else if let number = NumberParser.parse(value, latin1Spaces: latin) {
                        scratch[count] = number
                    } else {
                        failed = true
                        break
                    }
                    count += 1
                    row += 1
                }
                numbers.append(contentsOf: UnsafeBufferPointer(start: scratch, count: count))
                if failed { return mismatch(row) }
            case .date:
                var values: [Int64] = []
                swap(&values, &seconds)
                var failed = false
                while row < end {
                    let span = spans[row * stride]
                    let value = reader.value(base, span)
                    if ColumnBuilder.isMissing(value, quoted: span.quoted) {
                        values.append(DateColumn.missing)
                    } else if let date = DateParser.parse(value) {
                        hasTime = hasTime || date.hasTime
                        values.append(date.seconds)
                    } else {
                        failed = true
                        break
                    }
                    row += 1
                }
                swap(&values, &seconds)
                if failed { return mismatch(row) }
            case .boolean:
                var values: [UInt8] = []
                swap(&values, &flags)
                var failed = false
                while row < end {
                    let span = spans[row * stride]
                    let value = reader.value(base, span)
                    if ColumnBuilder.isMissing(value, quoted: span.quoted) {
                        values.append(BooleanColumn.missing)
                    } else if let flag = parseFlag(value) {
                        values.append(flag ? 1 : 0)
                    } else {
                        failed = true
                        break
                    }
                    row += 1
                }
                swap(&values, &flags)
                if failed { return mismatch(row) }
            case .labels:
                var dictionary = ByteInterner()
                swap(&dictionary, &interner)
                let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: end - row)
                defer { scratch.deallocate() }
                var count = 0
                let mayBecomeText = imposed == nil
                let before = codes.count
                var tooMany = false
                while row < end {
                    let span = spans[row * stride]
                    let value = reader.value(base, span)
                    if ColumnBuilder.isMissing(value, quoted: span.quoted) {
                        scratch[count] = -1
                    } else {
                        let code = dictionary.intern(value)
                        scratch[count] = code
                        if mayBecomeText && Int(code) >= ColumnBuilder.dictionaryLimit
                            && Int(code) * 2 > before + count
                        {
                            tooMany = true
                        }
                    }
                    count += 1
                    row += 1
                    if tooMany { break }
                }
                codes.append(contentsOf: UnsafeBufferPointer(start: scratch, count: count))
                swap(&dictionary, &interner)
                if tooMany { switchToText() }
            case .text:
                var values = TextColumn()
                swap(&values, &text)
                while row < end {
                    let span = spans[row * stride]
                    let value = reader.value(base, span)
                    if ColumnBuilder.isMissing(value, quoted: span.quoted) {
                        values.appendMissing()
                    } else {
                        values.append(utf8: value)
                    }
                    row += 1
                }
                swap(&values, &text)
            }
        }
        return .stored
    }

    /// Appends values already parsed by ``NumericRows``: every column of such a batch is a number column.
    private func appendNumbers(_ values: UnsafePointer<Double>, stride: Int, from start: Int, to end: Int) {
        precondition(mode == .number, "numeric rows handed to a column of another type")
        guard end > start else { return }
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: end - start)
        defer { scratch.deallocate() }
        for row in start..<end { scratch[row - start] = values[row * stride] }
        numbers.append(contentsOf: UnsafeBufferPointer(start: scratch, count: end - start))
    }

    private func mismatch(_ row: Int) -> Outcome {
        imposed == nil ? .demote(row: row) : .invalid(row: row)
    }

    private func parseFlag(_ value: UnsafeBufferPointer<UInt8>) -> Bool? {
        if let flag = BooleanParser.parse(value) { return flag }
        guard imposed == .boolean, let number = NumberParser.parse(value), number == 0 || number == 1 else {
            return nil
        }
        return number == 1
    }

    /// Chooses the column's type from its first non-missing value, then stores the missing values seen before it.
    private func decide(from value: UnsafeBufferPointer<UInt8>) {
        switch imposed {
        case .number: mode = .number
        case .date: mode = .date
        case .boolean: mode = .boolean
        case .category: mode = .labels
        case .text: mode = .text
        case nil:
            if NumberParser.parse(value, latin1Spaces: latin1Spaces) != nil {
                mode = .number
            } else if DateParser.parse(value) != nil {
                mode = .date
            } else if BooleanParser.parse(value) != nil {
                mode = .boolean
            } else {
                mode = .labels
            }
        }
        fillUndecidedMissing()
    }

    private func fillUndecidedMissing() {
        let missing = undecidedMissing
        undecidedMissing = 0
        switch mode {
        case .undecided: undecidedMissing = missing
        case .number: numbers.append(contentsOf: repeatElement(.nan, count: missing))
        case .labels: codes.append(contentsOf: repeatElement(-1, count: missing))
        case .text: for _ in 0..<missing { text.appendMissing() }
        case .date: seconds.append(contentsOf: repeatElement(DateColumn.missing, count: missing))
        case .boolean: flags.append(contentsOf: repeatElement(BooleanColumn.missing, count: missing))
        }
    }

    private func switchToText() {
        var converted = TextColumn()
        converted.ends.reserveCapacity(codes.count)
        for code in codes {
            if code < 0 {
                converted.appendMissing()
            } else {
                interner.withValue(Int(code)) { converted.append(utf8: $0) }
            }
        }
        text = converted
        codes = []
        interner = ByteInterner()
        mode = .text
    }

    /// The column, with its final type.
    /// - Returns: the built column.
    func finish() -> Column {
        if mode == .undecided {
            switch imposed {
            case .category: mode = .labels
            case .text: mode = .text
            case .date: mode = .date
            case .boolean: mode = .boolean
            default: mode = .number
            }
            fillUndecidedMissing()
        }
        switch mode {
        case .number, .undecided:
            return Column(name: name, storage: .number(NumberColumn(numbers)))
        case .date:
            return Column(name: name, storage: .date(DateColumn(seconds: seconds, hasTime: hasTime)))
        case .boolean:
            return Column(name: name, storage: .boolean(BooleanColumn(flags)))
        case .text:
            return Column(name: name, storage: .text(text))
        case .labels:
            let distinct = interner.count
            let present = codes.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
            let keepLabels = imposed == .category || (imposed == nil && (distinct <= 1000 || distinct * 20 <= present))
            if !keepLabels { switchToText() }
            if mode == .text { return Column(name: name, storage: .text(text)) }
            let levels = (0..<distinct).map { interner.string($0) }
            return Column(name: name, storage: .category(CategoryColumn(codes: codes, levels: levels)))
        }
    }
}
