/// A column of free text stored as one contiguous UTF-8 buffer with end offsets; an empty slot is missing.
public struct TextColumn: Sendable, Equatable {
    /// The UTF-8 bytes of every value, one after the other.
    public var bytes: [UInt8]
    /// For each row, the end offset of its bytes in `bytes` (its start is the previous row's end).
    public var ends: [Int]
    /// One flag per row: `true` when the value is missing.
    public var missing: [Bool]

    /// Creates an empty column.
    public init() {
        self.bytes = []
        self.ends = []
        self.missing = []
    }

    /// Creates a column from optional strings.
    /// - Parameter strings: one value per row, `nil` for missing.
    public init(_ strings: [String?]) {
        self.init()
        ends.reserveCapacity(strings.count)
        missing.reserveCapacity(strings.count)
        for string in strings { append(string) }
    }

    /// The number of rows.
    public var count: Int { ends.count }

    /// Appends one value.
    /// - Parameter string: the value, `nil` for missing.
    public mutating func append(_ string: String?) {
        if let string { bytes.append(contentsOf: string.utf8) }
        ends.append(bytes.count)
        missing.append(string == nil)
    }

    /// Appends one value from raw UTF-8 bytes.
    /// - Parameter utf8: the value's bytes.
    public mutating func append(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: utf8)
        ends.append(bytes.count)
        missing.append(false)
    }

    /// Appends a missing value.
    public mutating func appendMissing() {
        ends.append(bytes.count)
        missing.append(true)
    }

    /// The text of `row`, or `nil` when missing.
    /// - Parameter row: a row index.
    /// - Returns: the string.
    public func string(_ row: Int) -> String? {
        if missing[row] { return nil }
        let start = row == 0 ? 0 : ends[row - 1]
        return String(decoding: bytes[start..<ends[row]], as: UTF8.self)
    }

    /// Whether the value of `row` is missing.
    /// - Parameter row: a row index.
    /// - Returns: `true` when missing.
    @inlinable
    public func isMissing(_ row: Int) -> Bool { missing[row] }
}
