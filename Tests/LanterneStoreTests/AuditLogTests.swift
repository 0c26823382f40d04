import LanterneStore
import LanterneTestSupport
import SQLKit
import Testing

@Suite("The hash-chained log")
struct AuditLogTests {
    @Test("An entry's hash is SHA-256 of the previous hash and its length-prefixed fields (Python's hashlib)")
    func hashOracle() {
        let first = LogEntry.hash(
            sequence: 1, at: "2026-12-06T08:00:00.000Z", actor: "alice", action: "algorithm.publish", object: "abc",
            details: #"{"sha256":"ff"}"#, previousHash: LogEntry.genesis)
        #expect(first == "212202e07d9bbdd3b258c71e32ce4e848bee448abf5b411bbb1f3df805632a74")
        let second = LogEntry.hash(
            sequence: 2, at: "2026-12-06T08:00:01.000Z", actor: "système", action: "journal", object: "é",
            details: "{}", previousHash: first)
        #expect(second == "1683a70c69d277e911fc278e522648f0401f41babd2bfb44f283c389d0b2dcc0")
    }

    @Test("Appended entries chain, and the head is the last one's hash", arguments: TestDatabases.kinds)
    func chain(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let empty = try await store.log.head()
            #expect(empty.sequence == 0 && empty.hash == LogEntry.genesis)
            var written: [LogEntry] = []
            for number in 1...5 {
                written.append(
                    try await store.log.append(
                        actor: "alice", action: "test.step", object: "obj\(number)", details: ["n": String(number)]))
            }
            #expect(written.map(\.sequence) == [1, 2, 3, 4, 5])
            #expect(written[0].previousHash == LogEntry.genesis)
            for index in 1..<5 { #expect(written[index].previousHash == written[index - 1].hash) }
            #expect(written[2].details == #"{"n":"3"}"#)
            let head = try await store.log.head()
            #expect(head.sequence == 5 && head.hash == written[4].hash)
            let verification = try await store.log.verify()
            #expect(verification == LogVerification(valid: true, entries: 5, head: written[4].hash))
            let read = try await store.log.entries()
            #expect(read == written)
            #expect(try await store.log.entries(after: 3).map(\.sequence) == [4, 5])
        }
    }

    @Test("A middle row altered in the database breaks the chain at that entry", arguments: TestDatabases.kinds)
    func tamperedDetails(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            for number in 1...5 {
                try await store.log.append(actor: "bob", action: "case.decide", object: "c\(number)")
            }
            try await store.database.session { db in
                try await db.raw(#"UPDATE log_entries SET actor = 'mallory' WHERE sequence = 3"#).run()
            }
            let verification = try await store.log.verify()
            #expect(!verification.valid)
            #expect(verification.firstBroken == 3)
            #expect(verification.reason == "hash")
        }
    }

    @Test("A row rewritten with a fresh hash breaks the link of the entry after it", arguments: TestDatabases.kinds)
    func rehashedRow(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            var entries: [LogEntry] = []
            for number in 1...4 {
                entries.append(try await store.log.append(actor: "bob", action: "case.decide", object: "c\(number)"))
            }
            let forged = entries[1]
            let hash = LogEntry.hash(
                sequence: 2, at: forged.at, actor: "mallory", action: forged.action, object: forged.object,
                details: forged.details, previousHash: forged.previousHash)
            try await store.database.session { db in
                try await db.raw(
                    "UPDATE log_entries SET actor = 'mallory', hash = \(bind: hash) WHERE sequence = 2"
                ).run()
            }
            let verification = try await store.log.verify()
            #expect(verification.firstBroken == 3)
            #expect(verification.reason == "link")
        }
    }

    @Test("A deleted middle row is reported as a gap", arguments: TestDatabases.kinds)
    func deletedRow(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            for number in 1...4 { try await store.log.append(actor: "bob", action: "x", object: "c\(number)") }
            try await store.database.session { db in
                try await db.raw("DELETE FROM log_entries WHERE sequence = 2").run()
            }
            let verification = try await store.log.verify()
            #expect(verification.firstBroken == 2)
            #expect(verification.reason == "gap")
        }
    }

    @Test("Concurrent appends from many tasks give one unbroken chain", arguments: TestDatabases.kinds)
    func concurrentAppends(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<40 {
                    group.addTask { try await store.log.append(actor: "t\(number % 4)", action: "x", object: "o") }
                }
                try await group.waitForAll()
            }
            let verification = try await store.log.verify()
            #expect(verification.valid)
            #expect(verification.entries == 40)
        }
    }
}
