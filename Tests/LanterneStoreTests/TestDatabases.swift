import Foundation
import LanterneStore

/// The databases every store test runs on: a fresh SQLite file always, and a fresh PostgreSQL database when
/// `LANTERNE_TEST_POSTGRES` holds a server URL whose role may create databases (`.ci/run` sets it).
enum TestDatabases {
    /// The kinds of database available here.
    static var kinds: [String] {
        ProcessInfo.processInfo.environment["LANTERNE_TEST_POSTGRES"] == nil ? ["sqlite"] : ["sqlite", "postgres"]
    }

    /// Opens a new, empty, migrated store of `kind`, runs `body`, then removes it.
    static func withStore(_ kind: String, _ body: (Store) async throws -> Void) async throws {
        if kind == "postgres" {
            let server = ProcessInfo.processInfo.environment["LANTERNE_TEST_POSTGRES"]!
            let name = "lanterne_test_" + OpaqueID.make(bytes: 6)
            let admin = try await StoreDatabase.open(.postgres(url: server), connections: 1)
            try await admin.execute("CREATE DATABASE \(name)")
            let url = replacingDatabase(in: server, with: name)
            do {
                let store = try await Store.open(.postgres(url: url))
                do { try await body(store) } catch {
                    await store.database.close()
                    throw error
                }
                await store.database.close()
            } catch {
                try? await admin.execute("DROP DATABASE \(name)")
                await admin.close()
                throw error
            }
            try await admin.execute("DROP DATABASE \(name)")
            await admin.close()
        } else {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "lanterne-store-" + OpaqueID.make(bytes: 6))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try await Store.open(.sqlite(path: folder.appendingPathComponent("test.sqlite").path))
            do { try await body(store) } catch {
                await store.database.close()
                throw error
            }
            await store.database.close()
        }
    }

    /// `postgres://u:p@h:5432/db?x` with `db` replaced by `name`.
    static func replacingDatabase(in url: String, with name: String) -> String {
        let scheme = url.range(of: "://")!
        let rest = url[scheme.upperBound...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        let path = rest.prefix { $0 != "?" }
        let host = path.firstIndex(of: "/").map { path[..<$0] } ?? path
        return String(url[..<scheme.upperBound]) + host + "/" + name + query
    }
}
