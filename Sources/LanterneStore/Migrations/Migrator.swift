import SQLKit

/// Brings a database to the latest schema, one numbered migration at a time.
public struct Migrator: Sendable {
    /// The database.
    public let database: StoreDatabase
    /// The migrations, in order.
    public let migrations: [Migration]

    /// Creates a migrator.
    /// - Parameters:
    ///   - database: the database.
    ///   - migrations: the migrations (all that this program knows by default).
    public init(database: StoreDatabase, migrations: [Migration] = Migration.all) {
        self.database = database
        self.migrations = migrations
    }

    /// The versions already applied, in order.
    /// - Throws: ``StoreError`` when the database cannot be read.
    public func applied() async throws -> [Int] {
        try await database.session { db in
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            ).run()
            let rows: [any SQLRow] = try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all()
            return try rows.map { try $0.decode(column: "version", as: Int.self) }
        }
    }

    /// Applies every migration not yet applied, each in its own transaction with its record.
    ///
    /// Two processes starting together on one PostgreSQL both try; the second's transaction fails on the first's
    /// tables or record and is rolled back, and it then finds the migration applied.
    /// - Returns: the versions applied by this call.
    /// - Throws: ``StoreError`` `.newerSchema` when the database is ahead of this program.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let done = Set(try await applied())
        let known = migrations.map(\.version).max() ?? 0
        if let newest = done.max(), newest > known { throw StoreError(.newerSchema(found: newest, known: known)) }
        var appliedNow: [Int] = []
        for migration in migrations where !done.contains(migration.version) {
            do {
                try await database.transaction { db in
                    for statement in migration.statements { try await db.raw(SQLQueryString(statement)).run() }
                    try await db.raw(
                        """
                        INSERT INTO schema_migrations (version, name, applied_at) \
                        VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Timestamp.now()))
                        """
                    ).run()
                }
                appliedNow.append(migration.version)
            } catch {
                // Another process may have applied it meanwhile.
                guard try await applied().contains(migration.version) else {
                    throw StoreError(.failed(detail: "migration \(migration.version) : \(error)"))
                }
            }
        }
        return appliedNow
    }
}
