import Foundation
import LanterneData
import Synchronization
import Testing

@Suite("Atomic files: whole or nothing, one temporary file per write")
struct AtomicFileTests {
    /// The names in `folder`, sorted.
    static func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("Two writes of one file open at once each get their own temporary file; the last commit wins")
    func sameFileTwiceAtOnce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.csv").path
        let first = try AtomicFile(path: path)
        let second = try AtomicFile(path: path)
        let temporary = try Self.names(folder)
        #expect(temporary.count == 2)
        #expect(temporary.allSatisfy { $0.hasPrefix("out.csv.tmp-\(getpid())-") })
        try first.write("first\n")
        try second.write("second\n")
        try first.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        try second.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try Self.names(folder) == ["out.csv"])
    }

    @Test("Concurrent writes of one file and of many files neither collide nor leave anything behind")
    func concurrentWrites() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shared = folder.appendingPathComponent("shared.txt").path
        let base = folder.path
        // Each write's content names it and is long enough to span several system writes.
        let failures = Mutex<[String]>([])
        ForkJoin.run(chunks: 200, threads: 8) { write in
            let content = String(repeating: "write \(write);", count: 20_000)
            let path = write % 2 == 0 ? shared : base + "/own-\(write).txt"
            do {
                try AtomicFile.write(content, to: path)
            } catch {
                failures.withLock { $0.append("\(write): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let kept = try String(contentsOfFile: shared, encoding: .utf8)
        let writer = kept.prefix { $0 != ";" }.dropFirst("write ".count)
        #expect(Int(writer).map { $0 % 2 == 0 } == true)
        #expect(kept == String(repeating: "write \(writer);", count: 20_000))
        for write in stride(from: 1, to: 200, by: 2) {
            let own = try String(contentsOfFile: base + "/own-\(write).txt", encoding: .utf8)
            #expect(own == String(repeating: "write \(write);", count: 20_000))
        }
        #expect(try Self.names(folder).filter { $0.contains(".tmp-") }.isEmpty)
        #expect(try Self.names(folder).count == 101)
    }

    @Test("A write dropped before its commit removes its temporary file and keeps the earlier version")
    func abandonedWrite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kept.txt").path
        try AtomicFile.write("earlier\n", to: path)
        do {
            let file = try AtomicFile(path: path)
            try file.write("half a fi")
            #expect(try Self.names(folder).count == 2)
        }
        #expect(try Self.names(folder) == ["kept.txt"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "earlier\n")
    }

    @Test("A folder that does not exist is an OutputError naming the target")
    func missingFolder() {
        let path = "/nonexistent-lanterne-folder/out.csv"
        #expect {
            try AtomicFile.write("x", to: path)
        } throws: { error in
            (error as? OutputError)?.file == path
        }
    }
}
