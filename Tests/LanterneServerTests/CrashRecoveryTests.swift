import Foundation
import LanterneServer
import LanterneStore
import LanterneTestSupport
import SQLKit
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `lanterne serve` processes as they run in production: killed with SIGKILL while writing (after a restart, every
/// write acknowledged is there and none is half there), and two of them on one PostgreSQL.
@Suite("Server processes: SIGKILL during writes, two servers on one database")
struct CrashRecoveryTests {
    static let password = "correct horse battery staple"
    static let users = ["agent1", "agent2", "agent3", "agent4"]

    @Test(
        "After SIGKILL during sign-ins, each acknowledged session is stored with its log entry and the chain holds",
        arguments: TestDatabases.kinds)
    func killedDuringSignIns(_ kind: String) async throws {
        try await TestDatabases.withLocation(kind) { location in
            try await Self.createAgents(at: location)
            let server = try ServedProcess(location: location)
            let port = server.port
            let acknowledged = Acknowledged()
            // Four clients sign in as fast as the server answers; each 201 is a committed session and log entry.
            await withTaskGroup(of: Void.self) { group in
                for user in Self.users {
                    group.addTask {
                        while let token = await Self.signIn(user, port: port) {
                            if await acknowledged.add(token) == 60 { server.kill() }
                        }
                    }
                }
            }
            server.kill()
            let tokens = await acknowledged.tokens
            #expect(tokens.count >= 60)

            let reopened = try await Store.open(location)
            for token in tokens {
                #expect(try await reopened.sessions.find(token: token) != nil)
            }
            let (sessions, opened) = try await reopened.database.session { db in
                let sessions = try await db.raw("SELECT COUNT(*) AS count FROM sessions").first()?
                    .decode(column: "count", as: Int.self)
                let opened = try await db.raw(
                    "SELECT COUNT(*) AS count FROM log_entries WHERE action = 'session.open'"
                ).first()?.decode(column: "count", as: Int.self)
                return (sessions ?? -1, opened ?? -2)
            }
            let verification = try await reopened.log.verify()
            await reopened.database.close()
            #expect(sessions >= tokens.count)
            #expect(sessions == opened)
            #expect(verification.valid)
            #expect(verification.entries == Self.users.count + sessions)

            // The restarted server serves the same accounts and appends after the surviving head.
            let restarted = try ServedProcess(location: location)
            let token = await Self.signIn("agent1", port: restarted.port)
            restarted.kill()
            #expect(token != nil)
            let check = try LanterneProcess.run(
                ["log", "verify", "--database", databaseArgument(location)], in: FileManager.default.temporaryDirectory)
            #expect(check.status == 0, "\(check.standardError)")
            #expect(check.standardOutput.hasPrefix("journal intact : \(Self.users.count + sessions + 1) entrées"))
        }
    }

    @Test(
        "Two servers on one PostgreSQL share sessions and one unbroken log under concurrent sign-ins",
        .enabled(if: TestDatabases.kinds.contains("postgres")))
    func twoServersOnePostgres() async throws {
        try await TestDatabases.withLocation("postgres") { location in
            try await Self.createAgents(at: location)
            let first = try ServedProcess(location: location)
            let second = try ServedProcess(location: location)
            let (port, other) = (first.port, second.port)
            defer {
                first.kill()
                second.kill()
            }
            // A session opened on one server is closed on the other, after which neither knows it.
            let token = try #require(await Self.signIn("agent1", port: port))
            #expect(await Self.closeSession(token, port: other) == 204)
            #expect(await Self.closeSession(token, port: port) == 401)
            // 25 sign-ins per account, two accounts on each server at once.
            await withTaskGroup(of: Int.self) { group in
                for (index, user) in Self.users.enumerated() {
                    group.addTask {
                        var count = 0
                        for _ in 0..<25 where await Self.signIn(user, port: index % 2 == 0 ? port : other) != nil {
                            count += 1
                        }
                        return count
                    }
                }
                var total = 0
                for await count in group { total += count }
                #expect(total == 100)
            }
            let heads = try [port, other].map {
                try Data(contentsOf: URL(string: "http://127.0.0.1:\($0)/api/v1/log/head")!)
            }
            #expect(heads[0] == heads[1], "\(heads.map { String(decoding: $0, as: UTF8.self) })")
            let reopened = try await Store.open(location, migrate: false)
            let verification = try await reopened.log.verify()
            await reopened.database.close()
            #expect(verification.valid)
            // The accounts, the first session, then the hundred sign-ins.
            #expect(verification.entries == Self.users.count + 1 + 100)
        }
    }

    @Test(
        "Two servers on one PostgreSQL share a population's scoring job; its result is lanterne score's file",
        .enabled(if: TestDatabases.kinds.contains("postgres")))
    func twoServersShareAJob() async throws {
        let fixture = try await ServerFixture.shared.get()
        let scored = try LanterneProcess.run(
            ["score", "m.json", "f.csv", "--out", "two-servers.csv"], in: fixture.folder)
        #expect(scored.status == 0)
        let expected = try Data(contentsOf: fixture.folder.appendingPathComponent("two-servers.csv"))
        let population = try Data(contentsOf: fixture.folder.appendingPathComponent("f.csv"))
        try await TestDatabases.withLocation("postgres") { location in
            let store = try await Store.open(location)
            let steward = try await store.users.create(
                username: "responsable", role: .steward,
                passwordHash: try await PasswordHasher(cost: 4).hash(Self.password), actor: "system")
            let algorithm = try await store.algorithms.create(
                name: "Ciblage", kind: .ciblage, card: "{}", actor: "responsable")
            let sha = String(
                fixture.modelFile.dropFirst(#"{"format":"lanterne-model","version":1,"sha256":""#.count).prefix(64))
            _ = try await store.algorithms.addModel(
                file: fixture.modelFile, sha256: sha, to: algorithm.id, actor: "responsable")
            try await store.algorithms.publish(algorithm.id, sha256: sha, actor: "responsable")
            let token = try await store.sessions.open(for: steward).token
            await store.database.close()
            let first = try ServedProcess(location: location)
            let second = try ServedProcess(location: location)
            let (port, other) = (first.port, second.port)
            defer {
                first.kill()
                second.kill()
            }
            // 1,500 households in 150 chunks of 10, sent to the first server, followed on the second.
            var request = URLRequest(
                url: URL(string: "http://127.0.0.1:\(port)/api/v1/algorithms/\(algorithm.id)/scores?chunk_rows=10")!)
            request.httpMethod = "POST"
            request.setValue("text/csv", forHTTPHeaderField: "Content-Type")
            request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
            request.httpBody = population
            let (created, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 202)
            let jobID = try #require(
                (try JSONSerialization.jsonObject(with: created) as? [String: Any])?["id"] as? String)
            var job: [String: Any] = [:]
            for _ in 0..<600 where !["done", "failed"].contains(job["status"] as? String ?? "") {
                try await Task.sleep(for: .milliseconds(100))
                var follow = URLRequest(url: URL(string: "http://127.0.0.1:\(other)/api/v1/jobs/\(jobID)")!)
                follow.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
                let (data, _) = try await URLSession.shared.data(for: follow)
                job = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            }
            let progress = job["progress"] as? [String: Any]
            #expect(job["status"] as? String == "done")
            #expect(progress?["chunks_done"] as? Int == 150)
            #expect(progress?["servers"] as? Int == 2)
            var result = URLRequest(url: URL(string: "http://127.0.0.1:\(other)/api/v1/jobs/\(jobID)/result")!)
            result.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
            let (scores, _) = try await URLSession.shared.data(for: result)
            #expect(scores == expected)
        }
    }

    /// `DELETE /api/v1/session` with a bearer token; the HTTP status, 0 when the server did not answer.
    static func closeSession(_ token: String, port: Int) async -> Int {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/session")!)
        request.httpMethod = "DELETE"
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        guard let (_, response) = try? await URLSession.shared.data(for: request) else { return 0 }
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    /// Migrates a new database and creates the four agents, all with `password`.
    static func createAgents(at location: DatabaseLocation) async throws {
        let store = try await Store.open(location)
        let hasher = PasswordHasher(cost: 4)
        for user in users {
            _ = try await store.users.create(
                username: user, role: .agent, passwordHash: try await hasher.hash(password), actor: "system")
        }
        await store.database.close()
    }

    /// `POST /api/v1/session`; the token when the server answered 201, `nil` when it did not answer.
    static func signIn(_ user: String, port: Int) async -> String? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/session")!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"username": "\#(user)", "password": "\#(password)"}"#.utf8)
        guard let (data, response) = try? await URLSession.shared.data(for: request),
            (response as? HTTPURLResponse)?.statusCode == 201,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["token"] as? String
    }
}

/// The `--database` value of a location, password included (its `description` hides it).
private func databaseArgument(_ location: DatabaseLocation) -> String {
    switch location {
    case .postgres(let url): url
    case .sqlite(let path): "sqlite:" + path
    case .sqliteMemory: "sqlite::memory:"
    }
}

/// The tokens the server acknowledged.
private actor Acknowledged {
    private(set) var tokens: [String] = []

    /// Records a token and returns how many there are.
    func add(_ token: String) -> Int {
        tokens.append(token)
        return tokens.count
    }
}

/// `lanterne serve` on a database and a free port (`--port 0`: concurrent tests never meet on one port), started and
/// waited for until it answers.
private final class ServedProcess: Sendable {
    let process: Process
    /// The port it listens on, read from its « Lanterne sert http://127.0.0.1:PORT » line.
    let port: Int

    init(location: DatabaseLocation) throws {
        let process = Process()
        process.executableURL = LanterneProcess.executable
        process.arguments = ["serve", "--database", databaseArgument(location), "--port", "0"]
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(OpaqueID.make(bytes: 6)).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        self.process = process
        var found: Int?
        for _ in 0..<600 where found == nil {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "http://127.0.0.1:") {
                found = Int(text[range.upperBound...].prefix { $0.isNumber })
            }
            guard found != nil || process.isRunning else {
                throw FixtureError(detail: "lanterne serve stopped on \(location): \(text)")
            }
            if found == nil { usleep(100_000) }
        }
        guard let port = found else {
            _ = Foundation.kill(process.processIdentifier, SIGKILL)
            throw FixtureError(detail: "lanterne serve did not say its port within 60 s")
        }
        self.port = port
        let head = URL(string: "http://127.0.0.1:\(port)/api/v1/log/head")!
        for _ in 0..<600 {
            if let data = try? Data(contentsOf: head), !data.isEmpty { return }
            usleep(100_000)
        }
        kill()
        throw FixtureError(detail: "lanterne serve did not answer on port \(port) within 60 s")
    }

    /// SIGKILL, then waits for the process to end.
    func kill() {
        guard process.isRunning else { return }
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
