/// A column of dates stored as seconds since 1970-01-01 00:00:00 (no time zone); `Int64.min` marks a missing value.
public struct DateColumn: Sendable, Equatable {
    /// The value that marks a missing date.
    public static let missing = Int64.min

    /// Seconds since 1970-01-01, one per row.
    public var seconds: [Int64]
    /// Whether values carry a time of day (written `YYYY-MM-DD HH:MM:SS`) or only a date (`YYYY-MM-DD`).
    public var hasTime: Bool

    /// Creates a column from seconds since 1970.
    /// - Parameters:
    ///   - seconds: one value per row, ``missing`` for a missing date.
    ///   - hasTime: whether a time of day is part of the values.
    public init(seconds: [Int64], hasTime: Bool) {
        self.seconds = seconds
        self.hasTime = hasTime
    }

    /// Whether the value of `row` is missing.
    /// - Parameter row: a row index.
    /// - Returns: `true` when missing.
    @inlinable
    public func isMissing(_ row: Int) -> Bool { seconds[row] == DateColumn.missing }

    /// The calendar date of `row` as (year, month, day), or `nil` when missing.
    /// - Parameter row: a row index.
    /// - Returns: the civil date.
    public func civilDate(_ row: Int) -> CivilDate? {
        let value = seconds[row]
        guard value != DateColumn.missing else { return nil }
        return CivilDate(secondsSince1970: value)
    }
}
