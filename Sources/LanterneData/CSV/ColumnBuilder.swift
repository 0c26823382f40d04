/// Collects one column's values while the file is read, guessing its type from the values seen so far.
///
/// A column starts undecided (only missing values), becomes a number, date, boolean or label column with its first
/// value, and tells the reader when a later value does not fit (`demote`): the reader then rebuilds it as labels.
final class ColumnBuilder {
    /// The outcome of appending one value.
    enum Outcome {
        /// The value was stored.
        case stored
        /// The value does not fit the guessed type; the column must be rebuilt as labels.
        case demote
        /// The value does not fit the type the schema imposes.
        case invalid
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
    private(set) var rows = 0
    private var undecidedMissing = 0

    private var numbers: [Double] = []
    private(set) var onlyZeroOne = true
    private(set) var allIntegers = true
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

    /// Whether a field is one of the missing-value markers: empty, or unquoted `NA`, `N/A`, `NaN`, `null`, `-`.
    static func isMissing(_ value: UnsafeBufferPointer<UInt8>, quoted: Bool) -> Bool {
        let count = value.count
        if count == 0 { return true }
        if quoted || count > 4 { return false }
        var word: UInt32 = 0
        for byte in value { word = word << 8 | UInt32(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
        switch count {
        case 1: return word == 0x2D  // -
        case 2: return word == 0x6E61  // na
        case 3: return word == 0x6E2F61 || word == 0x6E616E  // n/a, nan
        default: return word == 0x6E75_6C6C  // null
        }
    }

    /// Appends the value of the next row.
    /// - Parameters:
    ///   - value: the field's UTF-8 bytes, unquoted and trimmed.
    ///   - quoted: whether the field was quoted in the file.
    /// - Returns: whether it was stored.
    @inline(__always)
    func append(_ value: UnsafeBufferPointer<UInt8>, quoted: Bool) -> Outcome {
        if ColumnBuilder.isMissing(value, quoted: quoted) {
            appendMissing()
            return .stored
        }
        switch mode {
        case .number:
            guard let number = NumberParser.parse(value, latin1Spaces: latin1Spaces) else { return mismatch() }
            if number != 0 && number != 1 { onlyZeroOne = false }
            if allIntegers && number.rounded(.towardZero) != number { allIntegers = false }
            numbers.append(number)
        case .labels:
            codes.append(interner.intern(value))
            if interner.count > ColumnBuilder.dictionaryLimit && imposed == nil && interner.count * 2 > codes.count {
                switchToText()
            }
        case .text:
            text.append(utf8: value)
        case .date:
            guard let date = DateParser.parse(value) else { return mismatch() }
            hasTime = hasTime || date.hasTime
            seconds.append(date.seconds)
        case .boolean:
            guard let flag = parseFlag(value) else { return mismatch() }
            flags.append(flag ? 1 : 0)
        case .undecided:
            decide(from: value)
            if mode == .undecided { return .invalid }
            return append(value, quoted: quoted)
        }
        rows += 1
        return .stored
    }

    private func mismatch() -> Outcome {
        imposed == nil ? .demote : .invalid
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
        let missing = undecidedMissing
        rows -= missing
        undecidedMissing = 0
        for _ in 0..<missing { appendMissing() }
    }

    func appendMissing() {
        switch mode {
        case .undecided: undecidedMissing += 1
        case .number: numbers.append(.nan)
        case .labels: codes.append(-1)
        case .text: text.appendMissing()
        case .date: seconds.append(DateColumn.missing)
        case .boolean: flags.append(BooleanColumn.missing)
        }
        rows += 1
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
            let missing = undecidedMissing
            rows -= missing
            undecidedMissing = 0
            for _ in 0..<missing { appendMissing() }
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
