import Foundation
import Hummingbird
import HummingbirdTesting
import LanterneAssistant
import LanterneServer
import LanterneStore
import LanterneTestSupport
import Testing

/// A store with an account per role, a published targeting model trained by `lanterne train` on 1,500 synthetic
/// households, and a draft; built once and shared by the server tests.
struct ServerFixture: Sendable {
    let folder: URL
    let store: Store
    let published: AlgorithmRecord
    let draft: AlgorithmRecord
    let modelFile: String
    /// A scoring job started by `steward`, done (its one chunk completed by hand).
    let doneJob: String
    /// A scoring job started by `steward`, waiting (no runner in the router tests).
    let pendingJob: String
    /// The first five cases of the synthetic file, as CSV with its header.
    let fiveCases: String
    /// The password of every account (`agent`, `steward`, `auditor`, `admin`, `agent2`).
    static let password = "correct horse battery staple"
    static let roles: [Role] = [.agent, .steward, .auditor, .admin]

    static let shared = FixtureCache()

    /// Makes the fixture once, however many tests ask for it at the same time.
    actor FixtureCache {
        private var making: Task<ServerFixture, any Error>?

        func get() async throws -> ServerFixture {
            if let making { return try await making.value }
            let task = Task { try await ServerFixture.make() }
            making = task
            return try await task.value
        }
    }

    static func make() async throws -> ServerFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lanterne-server-" + OpaqueID.make(bytes: 6))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try LanterneProcess.run(
            ["synth", "foyers", "--rows", "1500", "--seed", "5", "--out", "f.csv", "--schema-out", "s.json"],
            in: folder)
        let trained = try LanterneProcess.run(
            [
                "train", "f.csv", "--schema", "s.json", "--kind", "logistic", "--label", "irregularite_reelle",
                "--out", "m.json",
            ], in: folder)
        guard trained.status == 0 else { throw FixtureError(detail: trained.standardError) }
        let modelFile = try String(contentsOf: folder.appendingPathComponent("m.json"), encoding: .utf8)
        let store = try await Store.open(
            try await TestDatabases.httpLocation(sqlitePath: folder.appendingPathComponent("test.sqlite").path))
        let hasher = PasswordHasher(cost: 4)
        for (name, role) in [
            ("agent", Role.agent), ("steward", .steward), ("auditor", .auditor), ("admin", .admin),
            ("agent2", .agent),
        ] {
            _ = try await store.users.create(
                username: name, role: role, passwordHash: try await hasher.hash(password), actor: "system")
        }
        let card = try String(
            contentsOf: repositoryRoot.appendingPathComponent("docs/notice/card.json"), encoding: .utf8)
        let published = try await store.algorithms.create(
            name: "Ciblage des contrôles", kind: .ciblage, card: card, actor: "steward")
        let sha = String(modelFile.dropFirst(#"{"format":"lanterne-model","version":1,"sha256":""#.count).prefix(64))
        _ = try await store.algorithms.addModel(file: modelFile, sha256: sha, to: published.id, actor: "steward")
        try await store.algorithms.publish(published.id, sha256: sha, actor: "steward")
        let draft = try await store.algorithms.create(
            name: "Brouillon", kind: .prediction, card: "{}", actor: "steward")
        let lines = try String(contentsOf: folder.appendingPathComponent("f.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let fiveCases = lines.prefix(6).joined(separator: "\n") + "\n"
        let chunk = JobStore.ChunkInput(firstRow: 1, rowCount: 5, input: fiveCases)
        let done = try await store.jobs.create(
            kind: "score", algorithmID: published.id, modelSHA256: sha, chunks: [chunk], actor: "steward")
        let taken = try await store.jobs.claim(by: "fixture")
        try await store.jobs.complete(#require(taken), result: "ligne,score\n1,0.5\n", by: "fixture")
        let pending = try await store.jobs.create(
            kind: "score", algorithmID: published.id, modelSHA256: sha, chunks: [chunk], actor: "steward")
        return ServerFixture(
            folder: folder, store: store, published: try await store.algorithms.find(id: published.id)!,
            draft: draft, modelFile: modelFile, doneJob: done.id, pendingJob: pending.id, fiveCases: fiveCases)
    }

    /// The application over the fixture's store.
    func application() async throws -> some ApplicationProtocol {
        let router = try await LanterneServer.router(
            store: store, configuration: ServerConfiguration(passwordCost: 4),
            assistant: Assistant(base: try KnowledgeBase.shipped()))
        return Application(router: router)
    }

    /// A bearer token for `username`.
    func token(_ username: String) async throws -> String {
        guard let user = try await store.users.find(username: username) else { throw FixtureError(detail: username) }
        return try await store.sessions.open(for: user).token
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

struct FixtureError: Error {
    let detail: String
}

/// Runs the built `lanterne` executable, which sits beside the test bundle.
enum LanterneProcess {
    static let executable: URL = {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = me.deletingLastPathComponent()
        while folder.path != "/"
            && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("lanterne").path)
        {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("lanterne")
    }()

    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

extension ServerFixture {
    /// The body of the model `lanterne train FILE --schema s.json --kind logistic --label irregularite_reelle
    /// --seed 1` writes in the fixture's folder: what a server-trained version must equal but for its origin.
    func trainedByCommand(_ file: String) throws -> [String: Any] {
        let out = "command-" + file + ".json"
        let outcome = try LanterneProcess.run(
            [
                "train", file, "--schema", "s.json", "--kind", "logistic", "--label", "irregularite_reelle", "--seed",
                "1", "--out", out,
            ], in: folder)
        guard outcome.status == 0 else { throw FixtureError(detail: outcome.standardError) }
        return try Self.modelBody(try String(contentsOf: folder.appendingPathComponent(out), encoding: .utf8))
    }

    /// A Lanterne model file's `body` object.
    static func modelBody(_ text: String) throws -> [String: Any] {
        guard let file = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let body = file["body"] as? [String: Any]
        else { throw FixtureError(detail: "not a model file") }
        return body
    }

    /// Whether two logistic model bodies hold the same weights, intercept, quintiles and metrics.
    static func sameLogistic(_ one: [String: Any], _ other: [String: Any]) -> Bool {
        ["logistic", "metrics"].allSatisfy { key in
            guard let left = one[key] as? [String: Any], let right = other[key] as? [String: Any] else { return false }
            return NSDictionary(dictionary: left).isEqual(right)
        }
    }
}
