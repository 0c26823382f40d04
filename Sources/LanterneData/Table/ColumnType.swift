/// The kind of values a column holds, as written in a schema (`"type"`).
public enum ColumnType: String, Sendable, Codable, CaseIterable {
    /// Real numbers (amounts, counts, ratios); missing values are NaN.
    case number
    /// A small set of labels, stored as codes into a dictionary of levels.
    case category
    /// Yes/no values.
    case boolean
    /// Calendar dates, with an optional time of day.
    case date
    /// Free text, one string per row.
    case text
}
