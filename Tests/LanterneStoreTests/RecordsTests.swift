import Foundation
import LanterneStore
import LanterneTestSupport
import SQLKit
import Testing

@Suite("Accounts, sessions, algorithms and migrations as stored")
struct RecordsTests {
    @Test("Migrations are recorded once; a second run applies nothing", arguments: TestDatabases.kinds)
    func migrations(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let migrator = Migrator(database: store.database)
            let applied = try await migrator.applied()
            #expect(applied == Migration.all.map(\.version))
            #expect(applied == [1, 2, 3, 4])
            let again = try await migrator.migrate()
            #expect(again.isEmpty)
        }
    }

    @Test("A database newer than the program is refused with its migration number", arguments: TestDatabases.kinds)
    func newerSchema(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await store.database.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')")
            await #expect(throws: StoreError(.newerSchema(found: 999, known: Migration.all.count))) {
                try await Migrator(database: store.database).migrate()
            }
        }
    }

    @Test("An account is created once; its name cannot be taken twice", arguments: TestDatabases.kinds)
    func accounts(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let user = try await store.users.create(
                username: "agent1", role: .agent, passwordHash: "$2b$hash", actor: "system")
            #expect(try await store.users.find(username: "agent1") == user)
            #expect(try await store.users.find(id: user.id)?.role == .agent)
            await #expect(throws: StoreError(.conflict(what: "le compte « agent1 »"))) {
                try await store.users.create(username: "agent1", role: .admin, passwordHash: "x", actor: "system")
            }
            try await store.users.recordFailure(user, limit: 1)
            let locked = try #require(try await store.users.find(id: user.id))
            #expect(locked.failedLogins == 1)
            #expect(locked.lockedUntil != nil)
            let entries = try await store.log.entries()
            #expect(entries.map(\.action) == ["user.create"])
            #expect(entries[0].details == #"{"role":"agent"}"#)
        }
    }

    @Test(
        "A session is found by its token, never by the stored hash, and ends on close", arguments: TestDatabases.kinds)
    func sessions(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let user = try await store.users.create(username: "a", role: .auditor, passwordHash: "h", actor: "system")
            let grant = try await store.sessions.open(for: user)
            #expect(grant.token.count == 64)
            #expect(grant.csrfToken != grant.token)
            #expect(try await store.sessions.find(token: grant.token)?.user == user)
            let stored: [any SQLRow] = try await store.database.session { db in
                try await db.raw("SELECT token_hash FROM sessions").all()
            }
            let hash = try stored[0].decode(column: "token_hash", as: String.self)
            #expect(hash != grant.token)
            #expect(try await store.sessions.find(token: hash) == nil)
            try await store.sessions.close(token: grant.token)
            #expect(try await store.sessions.find(token: grant.token) == nil)
        }
    }

    @Test("An expired session is not found", arguments: TestDatabases.kinds)
    func expiredSession(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let user = try await store.users.create(username: "a", role: .agent, passwordHash: "h", actor: "system")
            let grant = try await SessionStore(database: store.database, lifetime: -1).open(for: user)
            #expect(try await store.sessions.find(token: grant.token) == nil)
        }
    }

    @Test(
        "Model versions are numbered, stored byte for byte, and publishing logs the version",
        arguments: TestDatabases.kinds)
    func algorithms(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let algorithm = try await store.algorithms.create(
                name: "Ciblage", kind: .ciblage, card: #"{"name":"Ciblage"}"#, actor: "steward")
            #expect(try await store.algorithms.all().isEmpty)
            let file = "{\"format\":\"lanterne-model\"}\n"
            let first = try await store.algorithms.addModel(
                file: file, sha256: String(repeating: "a", count: 64), to: algorithm.id, actor: "steward")
            let second = try await store.algorithms.addModel(
                file: file + " ", sha256: String(repeating: "b", count: 64), to: algorithm.id, actor: "steward")
            let again = try await store.algorithms.addModel(
                file: file, sha256: String(repeating: "a", count: 64), to: algorithm.id, actor: "steward")
            let numbers: [Int] = [first.number, second.number, again.number]
            #expect(numbers == [1, 2, 1])
            #expect(try await store.algorithms.model(sha256: first.sha256)?.file == file)
            let entry = try await store.algorithms.publish(algorithm.id, sha256: second.sha256, actor: "steward")
            #expect(entry.action == "algorithm.publish")
            #expect(entry.details == "{\"sha256\":\"\(second.sha256)\"}")
            let published = try #require(try await store.algorithms.find(id: algorithm.id))
            #expect(published.status == .published)
            #expect(published.publishedSHA256 == second.sha256)
            let listed = try await store.algorithms.all().map(\.id)
            #expect(listed == [algorithm.id])
            let versionNumbers = try await store.algorithms.versions(of: algorithm.id).map(\.number)
            #expect(versionNumbers == [1, 2])
            await #expect(throws: StoreError(.notFound(what: "version de modèle", id: "c"))) {
                try await store.algorithms.publish(algorithm.id, sha256: "c", actor: "steward")
            }
            #expect(try await store.log.verify().entries == 4)
        }
    }

    @Test(
        "Text that looks like SQL or HTML is stored and read back as given, and the tables stay whole",
        arguments: TestDatabases.kinds)
    func hostileText(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let names = [
                "x'); DROP TABLE users; --", "\" OR 1=1 --", "<script>alert('x')</script>",
                "Robert'); DELETE FROM log_entries;",
            ]
            for name in names {
                let user = try await store.users.create(
                    username: name, role: .agent, passwordHash: "$2b$04$hash", actor: name)
                #expect(try await store.users.find(username: name)?.id == user.id)
                let algorithm = try await store.algorithms.create(
                    name: name, kind: .ciblage,
                    card: #"{"purpose": "\#(name.replacingOccurrences(of: "\"", with: "\\\""))"}"#,
                    actor: name)
                #expect(try await store.algorithms.find(id: algorithm.id)?.name == name)
            }
            #expect(try await store.users.all().count == names.count)
            let entries = try await store.log.entries()
            #expect(entries.count == 2 * names.count)
            #expect(Set(entries.map(\.actor)) == Set(names))
            #expect(try await store.log.verify().valid)
        }
    }

    @Test(
        "A version whose latest audit failed a gate is published only with a written justification",
        arguments: TestDatabases.kinds)
    func publishingThroughGates(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let algorithm = try await store.algorithms.create(
                name: "Ciblage", kind: .ciblage, card: "{}", actor: "steward")
            let sha = String(repeating: "d", count: 64)
            _ = try await store.algorithms.addModel(file: "{}", sha256: sha, to: algorithm.id, actor: "steward")
            _ = try await store.algorithms.addAudit(
                algorithmID: algorithm.id, sha256: sha, report: "{}", gatesPassed: false, actor: "steward")
            for justification in [nil, "   "] {
                await #expect(throws: StoreError(.gatesFailed(algorithm: algorithm.id))) {
                    try await store.algorithms.publish(
                        algorithm.id, sha256: sha, actor: "steward", justification: justification)
                }
            }
            #expect(try await store.algorithms.find(id: algorithm.id)?.publishedSHA256 == nil)
            #expect(try await store.log.head().sequence == 3)
            let entry = try await store.algorithms.publish(
                algorithm.id, sha256: sha, actor: "steward", justification: "Essai encadré")
            #expect(entry.details == "{\"justification\":\"Essai encadré\",\"sha256\":\"\(sha)\"}")
            #expect(StoreError(.gatesFailed(algorithm: "x")).code == "gates_failed")
        }
    }

    @Test("--database values: sqlite:PATH, a path, postgres URLs; anything else is refused by name")
    func locations() throws {
        #expect(try DatabaseLocation(parsing: "sqlite:demo.sqlite") == .sqlite(path: "demo.sqlite"))
        #expect(try DatabaseLocation(parsing: "data/lanterne.db") == .sqlite(path: "data/lanterne.db"))
        #expect(try DatabaseLocation(parsing: "postgres://u:p@h/db") == .postgres(url: "postgres://u:p@h/db"))
        #expect(
            try DatabaseLocation(parsing: "postgres://u:secret@h:5432/db").description == "postgres://u:***@h:5432/db")
        #expect(throws: StoreError(.badLocation("mysql://h/db"))) { try DatabaseLocation(parsing: "mysql://h/db") }
        #expect(throws: StoreError(.badLocation("sqlite:"))) { try DatabaseLocation(parsing: "sqlite:") }
    }

    @Test("A PostgreSQL server that does not answer gives one clear error, not a crash")
    func unreachable() async throws {
        let error = await #expect(throws: StoreError.self) {
            _ = try await StoreDatabase.open(.postgres(url: "postgres://u:p@127.0.0.1:1/db"), connections: 1)
        }
        #expect(error?.code == "database_unreachable")
        #expect(error?.message(.fr).hasPrefix("base de données postgres://u:***@127.0.0.1:1/db injoignable") == true)
    }
}
