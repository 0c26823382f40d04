/// The whole store over one database: its migrations, accounts, sessions, algorithms and log.
public struct Store: Sendable {
    /// The database.
    public let database: StoreDatabase
    /// Accounts.
    public var users: UserStore { UserStore(database: database) }
    /// Sessions.
    public var sessions: SessionStore { SessionStore(database: database) }
    /// Algorithms, model versions and audits.
    public var algorithms: AlgorithmStore { AlgorithmStore(database: database) }
    /// The hash-chained log.
    public var log: AuditLog { AuditLog(database: database) }

    /// Creates the store over an open database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// Opens the database at `location` and brings it to the latest schema.
    /// - Parameter location: the SQLite file or PostgreSQL URL.
    /// - Returns: the store.
    /// - Throws: ``StoreError`` when it cannot be reached or is newer than this program.
    public static func open(_ location: DatabaseLocation) async throws -> Store {
        let database = try await StoreDatabase.open(location)
        do {
            try await Migrator(database: database).migrate()
        } catch {
            await database.close()
            throw error
        }
        return Store(database: database)
    }
}
