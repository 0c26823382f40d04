import Foundation
import LanterneStore

/// The databases every store test runs on: a fresh SQLite file always, and a fresh PostgreSQL database when
/// `LANTERNE_TEST_POSTGRES` holds a server URL whose role may create databases (`.ci/run` sets it).
public enum TestDatabases {
    /// The kinds of database available here.
    public static var kinds: [String] {
        ProcessInfo.processInfo.environment["LANTERNE_TEST_POSTGRES"] == nil ? ["sqlite"] : ["sqlite", "postgres"]
    }

    /// Creates a new, empty database of `kind` (not migrated), runs `body` with its location, then removes it.
    public static func withLocation(_ kind: String, _ body: (DatabaseLocation) async throws -> Void) async throws {
        if kind == "postgres" {
            let server = ProcessInfo.processInfo.environment["LANTERNE_TEST_POSTGRES"]!
            let name = "lanterne_test_" + OpaqueID.make(bytes: 6)
            let admin = try await StoreDatabase.open(.postgres(url: server), connections: 1)
            try await admin.execute("CREATE DATABASE \(name)")
            do {
                try await body(.postgres(url: replacingDatabase(in: server, with: name)))
            } catch {
                try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
                await admin.close()
                throw error
            }
            try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            await admin.close()
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "lanterne-store-" + OpaqueID.make(bytes: 6))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body(.sqlite(path: folder.appendingPathComponent("test.sqlite").path))
        }
    }

    /// Opens a new, empty, migrated store of `kind`, runs `body`, then removes it.
    public static func withStore(_ kind: String, _ body: (Store) async throws -> Void) async throws {
        try await withLocation(kind) { location in
            let store = try await Store.open(location)
            do { try await body(store) } catch {
                await store.database.close()
                throw error
            }
            await store.database.close()
        }
    }

    /// A new database for an HTTP suite's store: a fresh PostgreSQL database when `LANTERNE_TEST_HTTP_POSTGRES`
    /// holds a server URL (`.ci/run` runs the server suites so a second time), else the SQLite file at `sqlitePath`.
    /// The PostgreSQL database is left for the throwaway test cluster to drop.
    public static func httpLocation(sqlitePath: String) async throws -> DatabaseLocation {
        guard let server = ProcessInfo.processInfo.environment["LANTERNE_TEST_HTTP_POSTGRES"] else {
            return .sqlite(path: sqlitePath)
        }
        let name = "lanterne_http_" + OpaqueID.make(bytes: 6)
        let admin = try await StoreDatabase.open(.postgres(url: server), connections: 1)
        try await admin.execute("CREATE DATABASE \(name)")
        await admin.close()
        return .postgres(url: replacingDatabase(in: server, with: name))
    }

    /// `postgres://u:p@h:5432/db?x` with `db` replaced by `name`.
    public static func replacingDatabase(in url: String, with name: String) -> String {
        let scheme = url.range(of: "://")!
        let rest = url[scheme.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        let path = rest.prefix { $0 != "?" }
        let host = path.firstIndex(of: "/").map { path[..<$0] } ?? path
        return String(url[..<scheme.upperBound]) + host + "/" + name + query
    }
}

extension Store {
    /// Runs `body`, then closes the database whether `body` threw or not: a test that fails half-way must not leave an
    /// open SQLite connection to be deinitialised (SQLiteNIO stops the process on that), taking the other tests down.
    public func closing<T>(_ body: () async throws -> T) async throws -> T {
        let value: T
        do {
            value = try await body()
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        return value
    }
}
