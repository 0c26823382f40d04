import LanterneData

/// Where the store lives: an SQLite file (the embedded default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    /// An SQLite file at this path (created when absent).
    case sqlite(path: String)
    /// An SQLite database in memory, for tests.
    case sqliteMemory
    /// A PostgreSQL server, as a `postgres://user:password@host:port/database` URL.
    case postgres(url: String)

    /// Reads a `--database` value: `sqlite:PATH`, `sqlite::memory:`, `postgres://…` (or `postgresql://…`), or a
    /// plain path to an SQLite file.
    /// - Parameter text: the value.
    /// - Throws: ``StoreError`` when the value is empty or names another scheme.
    public init(parsing text: String) throws {
        let value = text.trimmingWhitespace()
        if value == "sqlite::memory:" {
            self = .sqliteMemory
        } else if value.hasPrefix("sqlite:") {
            let path = String(value.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StoreError(.badLocation(text)) }
            self = .sqlite(path: path)
        } else if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
            self = .postgres(url: value)
        } else if !value.isEmpty && !value.contains("://") {
            self = .sqlite(path: value)
        } else {
            throw StoreError(.badLocation(text))
        }
    }

    /// The location as shown to people, without a password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .sqliteMemory: return "sqlite::memory:"
        case .postgres(let url):
            // postgres://user:secret@host/db -> postgres://user:***@host/db
            guard let at = url.lastIndex(of: "@"), let scheme = url.range(of: "://") else { return url }
            let credentials = url[scheme.upperBound..<at]
            guard let colon = credentials.firstIndex(of: ":") else { return url }
            return String(url[..<colon]) + ":***" + String(url[at...])
        }
    }

    /// Whether this is a PostgreSQL server.
    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
