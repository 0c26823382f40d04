/// A columnar table: named, typed columns of equal length.
public struct Table: Sendable, Equatable {
    /// The columns, in file order.
    public var columns: [Column]
    /// The number of rows.
    public private(set) var rowCount: Int

    /// Creates a table; every column must have the same number of rows.
    /// - Parameter columns: the columns.
    public init(columns: [Column]) {
        precondition(Set(columns.map(\.count)).count <= 1, "every column of a table has the same number of rows")
        self.columns = columns
        self.rowCount = columns.first?.count ?? 0
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column called `name`, or `nil`.
    /// - Parameter name: a header name.
    /// - Returns: the column.
    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }

    /// The index of the column called `name`, or `nil`.
    /// - Parameter name: a header name.
    /// - Returns: the index.
    public func columnIndex(named name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }

    /// The bytes the values occupy in memory.
    public var memoryBytes: Int { columns.reduce(0) { $0 + $1.memoryBytes } }
}
