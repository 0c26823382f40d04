/// One named column of a ``Table``, with typed storage.
public struct Column: Sendable, Equatable {
    /// The typed values of a column.
    public enum Storage: Sendable, Equatable {
        /// Real numbers, NaN for missing.
        case number(NumberColumn)
        /// Dictionary-encoded labels.
        case category(CategoryColumn)
        /// Yes/no values.
        case boolean(BooleanColumn)
        /// Dates, optionally with a time of day.
        case date(DateColumn)
        /// Free text.
        case text(TextColumn)
    }

    /// The column's header name.
    public var name: String
    /// The typed values.
    public var storage: Storage

    /// Creates a column.
    /// - Parameters:
    ///   - name: the header name.
    ///   - storage: the typed values.
    public init(name: String, storage: Storage) {
        self.name = name
        self.storage = storage
    }

    /// The column's type.
    public var type: ColumnType {
        switch storage {
        case .number: .number
        case .category: .category
        case .boolean: .boolean
        case .date: .date
        case .text: .text
        }
    }

    /// The number of rows.
    public var count: Int {
        switch storage {
        case .number(let column): column.values.count
        case .category(let column): column.codes.count
        case .boolean(let column): column.values.count
        case .date(let column): column.seconds.count
        case .text(let column): column.count
        }
    }

    /// Whether the value of `row` is missing.
    /// - Parameter row: a row index.
    /// - Returns: `true` when missing.
    public func isMissing(_ row: Int) -> Bool {
        switch storage {
        case .number(let column): column.isMissing(row)
        case .category(let column): column.isMissing(row)
        case .boolean(let column): column.isMissing(row)
        case .date(let column): column.isMissing(row)
        case .text(let column): column.isMissing(row)
        }
    }

    /// The number of missing values.
    public var missingCount: Int {
        (0..<count).reduce(0) { $0 + (isMissing($1) ? 1 : 0) }
    }

    /// The bytes the values occupy in memory (storage only, not counting small headers).
    public var memoryBytes: Int {
        switch storage {
        case .number(let column): column.values.count * 8
        case .category(let column): column.codes.count * 4 + column.levels.reduce(0) { $0 + 16 + $1.utf8.count }
        case .boolean(let column): column.values.count
        case .date(let column): column.seconds.count * 8
        case .text(let column): column.bytes.count + column.ends.count * 9
        }
    }

    /// The numbers of a number column, or `nil` for another type.
    public var numbers: [Double]? {
        if case .number(let column) = storage { return column.values }
        return nil
    }

    /// The category column, or `nil` for another type.
    public var categories: CategoryColumn? {
        if case .category(let column) = storage { return column }
        return nil
    }

    /// The value of `row` as text, the way it is written to CSV; `nil` when missing.
    /// - Parameter row: a row index.
    /// - Returns: the formatted value.
    public func formatted(_ row: Int) -> String? {
        switch storage {
        case .number(let column):
            let value = column.values[row]
            return value.isNaN ? nil : NumberFormatting.shortest(value)
        case .category(let column):
            return column.label(row)
        case .boolean(let column):
            return column.flag(row).map { $0 ? "true" : "false" }
        case .date(let column):
            return column.civilDate(row).map { DateFormatting.iso($0, withTime: column.hasTime) }
        case .text(let column):
            return column.string(row)
        }
    }
}
