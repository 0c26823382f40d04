/// One numbered change to the database's tables, applied once and recorded in `schema_migrations`.
public struct Migration: Sendable {
    /// The number, from 1, in the order migrations apply.
    public let version: Int
    /// A short name, recorded with the number.
    public let name: String
    /// The statements, each valid on SQLite and PostgreSQL alike.
    public let statements: [String]

    /// Every migration this program knows, in order.
    public static let all: [Migration] = [.initialSchema, .logByObject, .jobs, .decisions]
}
