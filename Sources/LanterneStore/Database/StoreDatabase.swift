@preconcurrency import AsyncKit
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// The store's database: one SQL code path over SQLite (one connection, one session at a time) or PostgreSQL (a
/// pool of connections shared by every request of the process).
public final class StoreDatabase: Sendable {
    private enum Backend: Sendable {
        case sqlite(SQLiteConnection, AsyncLock)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    private let backend: Backend
    /// Where the database is.
    public let location: DatabaseLocation
    private let logger: Logger

    private init(backend: Backend, location: DatabaseLocation, logger: Logger) {
        self.backend = backend
        self.location = location
        self.logger = logger
    }

    /// The drivers' default logger: critical messages only.
    public static var quietLogger: Logger {
        var logger = Logger(label: "lanterne.store")
        logger.logLevel = .critical
        return logger
    }

    /// Opens the database and checks that it answers.
    /// - Parameters:
    ///   - location: the SQLite file or PostgreSQL URL.
    ///   - connections: PostgreSQL connections per event loop.
    ///   - logger: where the drivers log (by default only critical messages: every failure reaches the caller as a
    ///     ``StoreError`` with one clear message, and a refused connection is not printed twice).
    /// - Returns: the open database.
    /// - Throws: ``StoreError`` `.unreachable` when it cannot be opened or reached.
    public static func open(
        _ location: DatabaseLocation, connections: Int = 4, logger: Logger = StoreDatabase.quietLogger
    ) async throws -> StoreDatabase {
        switch location {
        case .sqlite, .sqliteMemory:
            let storage: SQLiteConnection.Storage
            if case .sqlite(let path) = location { storage = .file(path: path) } else { storage = .memory }
            do {
                let connection = try await SQLiteConnection.open(
                    storage: storage, threadPool: .singleton, logger: logger,
                    on: MultiThreadedEventLoopGroup.singleton.any()
                ).get()
                let database = StoreDatabase(
                    backend: .sqlite(connection, AsyncLock()), location: location, logger: logger)
                // WAL: readers never block the writer and a crash never leaves half a transaction.
                try await database.execute("PRAGMA journal_mode = WAL")
                try await database.execute("PRAGMA synchronous = FULL")
                try await database.execute("PRAGMA foreign_keys = ON")
                try await database.execute("PRAGMA busy_timeout = 10000")
                return database
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError(.unreachable(location: location.description, detail: String(describing: error)))
            }
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StoreError(.badLocation(location.description))
            }
            // A request waits up to 30 s for a connection: creating or dropping a database forces a checkpoint, and a
            // busy server's commits can queue behind several (seen at 10 s when the test suites create many at once).
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: max(1, connections), requestTimeout: .seconds(30),
                pruneInterval: nil, logger: logger, on: MultiThreadedEventLoopGroup.singleton)
            let database = StoreDatabase(backend: .postgres(pool), location: location, logger: logger)
            do {
                try await database.execute("SELECT 1")
            } catch {
                try? await pool.shutdownAsync()
                throw StoreError(.unreachable(location: location.description, detail: Self.reason(error)))
            }
            return database
        }
    }

    /// A short reason for a connection failure, without the driver's internals.
    private static func reason(_ error: any Error) -> String {
        let text = String(reflecting: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connexion refusée" }
        if text.contains("28P01") || text.contains("password authentication") { return "mot de passe refusé" }
        if text.contains("3D000") { return "base inconnue" }
        if text.contains("timeout") || text.contains("Timeout") { return "délai dépassé" }
        return String(text.prefix(200))
    }

    /// Closes the connections.
    public func close() async {
        switch backend {
        case .sqlite(let connection, let lock):
            _ = try? await lock.withLock { try await connection.close().get() }
        case .postgres(let pool):
            try? await pool.shutdownAsync()
        }
    }

    /// Runs `body` on one session of the database; on SQLite no other session runs meanwhile.
    /// - Parameter body: the queries.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws.
    public func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws
        -> R
    {
        switch backend {
        case .sqlite(let connection, let lock):
            return try await lock.withLock { try await body(connection.sql()) }
        case .postgres(let pool):
            return try await pool.database(logger: logger).sql().withSession(body)
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws, so that a crash or an
    /// error leaves all of its rows or none.
    /// - Parameter body: the queries.
    /// - Returns: what `body` returns.
    /// - Throws: what `body` throws, after the rollback.
    public func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R)
        async throws -> R
    {
        let immediate = !location.isPostgres
        return try await session { database in
            // BEGIN IMMEDIATE takes SQLite's write lock at once, so another process waits instead of failing later.
            try await database.raw(SQLQueryString(immediate ? "BEGIN IMMEDIATE" : "BEGIN")).run()
            do {
                let result = try await body(database)
                try await database.raw("COMMIT").run()
                return result
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Runs one statement that returns nothing.
    /// - Parameter sql: the statement (no user input: use bound values for that).
    public func execute(_ sql: String) async throws {
        try await session { database in try await database.raw(SQLQueryString(sql)).run() }
    }

    /// The SQL dialect's name: `sqlite` or `postgresql`.
    public var dialect: String { location.isPostgres ? "postgresql" : "sqlite" }
}
