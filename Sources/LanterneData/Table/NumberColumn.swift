/// A column of real numbers stored contiguously; a missing value is NaN.
public struct NumberColumn: Sendable, Equatable {
    /// The values, one per row; `Double.nan` marks a missing value.
    public var values: [Double]

    /// Creates a column from its values (NaN for missing).
    /// - Parameter values: one value per row.
    public init(_ values: [Double]) {
        self.values = values
    }

    /// Whether the value of `row` is missing.
    /// - Parameter row: a row index.
    /// - Returns: `true` when the value is NaN.
    @inlinable
    public func isMissing(_ row: Int) -> Bool { values[row].isNaN }

    /// Compares two columns, treating two missing values as equal.
    public static func == (lhs: NumberColumn, rhs: NumberColumn) -> Bool {
        guard lhs.values.count == rhs.values.count else { return false }
        for i in lhs.values.indices {
            let a = lhs.values[i]
            let b = rhs.values[i]
            if a.isNaN && b.isNaN { continue }
            if a.bitPattern != b.bitPattern && a != b { return false }
        }
        return true
    }
}
