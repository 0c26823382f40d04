import Foundation
import LanterneStore
import SQLKit
import Testing

/// `lanterne log verify` and `lanterne serve` as a person runs them.
@Suite("The log and serve commands")
struct CommandTests {
    /// A fresh folder with an SQLite store holding five log entries.
    private func storeWithEntries() async throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lanterne-cmd-" + OpaqueID.make(bytes: 6))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("journal.sqlite").path
        let store = try await Store.open(.sqlite(path: path))
        for number in 1...5 {
            try await store.log.append(actor: "agent1", action: "case.decide", object: "c\(number)")
        }
        await store.database.close()
        return (folder, path)
    }

    @Test("log verify says the chain is intact, with its entries and last hash, exit 0")
    func verifyIntact() async throws {
        let (folder, path) = try await storeWithEntries()
        let store = try await Store.open(.sqlite(path: path), migrate: false)
        let head = try await store.log.head()
        await store.database.close()
        let outcome = try LanterneProcess.run(["log", "verify", "--database", "sqlite:" + path], in: folder)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput == "journal intact : 5 entrées, dernière empreinte \(head.hash)\n")
    }

    @Test("log verify names the altered middle entry and exits 1")
    func verifyTampered() async throws {
        let (folder, path) = try await storeWithEntries()
        let store = try await Store.open(.sqlite(path: path), migrate: false)
        try await store.database.session { db in
            try await db.raw("UPDATE log_entries SET object = 'c99' WHERE sequence = 3").run()
        }
        await store.database.close()
        let outcome = try LanterneProcess.run(["log", "verify", "--database", "sqlite:" + path], in: folder)
        #expect(outcome.status == 1)
        #expect(
            outcome.standardError
                == "journal rompu à l'entrée 3 : modifiée, son empreinte ne correspond plus ; 3 entrées lues\n")
        let english = try LanterneProcess.run(
            ["log", "verify", "--database", "sqlite:" + path, "--lang", "en"], in: folder)
        #expect(english.standardError == "log broken at entry 3: altered, its hash no longer matches; 3 entries read\n")
    }

    @Test("log verify on a missing SQLite file says so on one line, exit 2, and creates nothing")
    func verifyMissingFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lanterne-cmd-" + OpaqueID.make(bytes: 6))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let outcome = try LanterneProcess.run(["log", "verify", "--database", "sqlite:absent.sqlite"], in: folder)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        #expect(outcome.standardError.contains("absent.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("absent.sqlite").path))
    }

    @Test("serve with an unreachable PostgreSQL prints one line and exits 2, without a password in it")
    func serveUnreachable() throws {
        let folder = FileManager.default.temporaryDirectory
        // Port 9 (discard) on loopback: nothing listens there.
        let outcome = try LanterneProcess.run(
            ["serve", "--database", "postgres://lanterne:secret-word@127.0.0.1:9/lanterne", "--port", "18099"],
            in: folder)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.split(separator: "\n").count == 1)
        #expect(outcome.standardError.contains("127.0.0.1:9"))
        #expect(!outcome.standardError.contains("secret-word"))
    }
}
