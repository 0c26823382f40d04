import Foundation

/// The whole store over one database: its migrations, accounts, sessions, algorithms, jobs, cases and decisions, contests, callbacks and log.
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
    /// Long work cut into chunks that any server process takes.
    public var jobs: JobStore { JobStore(database: database) }
    /// Cases of control periods and the agents' decisions.
    public var cases: CaseStore { CaseStore(database: database) }
    /// Contests filed from notices.
    public var contests: ContestStore { ContestStore(database: database) }
    /// Callback requests.
    public var callbacks: CallbackStore { CallbackStore(database: database) }

    /// Creates the store over an open database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// Opens the database at `location` and brings it to the latest schema.
    /// - Parameters:
    ///   - location: the SQLite file or PostgreSQL URL.
    ///   - migrate: whether to apply missing migrations (a check that only reads asks not to).
    /// - Returns: the store.
    /// - Throws: ``StoreError`` when it cannot be reached or is newer than this program.
    public static func open(_ location: DatabaseLocation, migrate: Bool = true) async throws -> Store {
        if !migrate, case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.unreachable(location: location.description, detail: "fichier absent"))
        }
        let database = try await StoreDatabase.open(location)
        do {
            if migrate { try await Migrator(database: database).migrate() }
        } catch {
            await database.close()
            throw error
        }
        return Store(database: database)
    }
}
