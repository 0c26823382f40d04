/// A column of yes/no values: 0 for false, 1 for true, 255 for missing.
public struct BooleanColumn: Sendable, Equatable {
    /// The byte that marks a missing value.
    public static let missing: UInt8 = 255

    /// One byte per row: 0, 1, or ``missing``.
    public var values: [UInt8]

    /// Creates a column from raw bytes (0, 1 or 255).
    /// - Parameter values: one byte per row.
    public init(_ values: [UInt8]) {
        self.values = values
    }

    /// Creates a column from optional booleans.
    /// - Parameter flags: one value per row, `nil` for missing.
    public init(flags: [Bool?]) {
        self.values = flags.map { flag in flag.map { $0 ? 1 : 0 } ?? BooleanColumn.missing }
    }

    /// The value of `row`, or `nil` when missing.
    /// - Parameter row: a row index.
    /// - Returns: the flag.
    @inlinable
    public func flag(_ row: Int) -> Bool? {
        let value = values[row]
        return value == BooleanColumn.missing ? nil : value == 1
    }

    /// Whether the value of `row` is missing.
    /// - Parameter row: a row index.
    /// - Returns: `true` when missing.
    @inlinable
    public func isMissing(_ row: Int) -> Bool { values[row] == BooleanColumn.missing }
}
