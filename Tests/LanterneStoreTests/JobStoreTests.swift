import Foundation
import LanterneStore
import LanterneTestSupport
import SQLKit
import Testing

@Suite("Jobs cut into chunks that any process takes")
struct JobStoreTests {
    /// A published algorithm's model version to hang jobs on, and a job of `chunks` chunks of 10 rows.
    private func job(_ store: Store, chunks: Int, actor: String = "steward") async throws -> Job {
        let algorithm = try await store.algorithms.create(name: "Ciblage", kind: .ciblage, card: "{}", actor: actor)
        let sha = String(repeating: "e", count: 63) + String(chunks % 10)
        _ = try await store.algorithms.addModel(file: "{}", sha256: sha, to: algorithm.id, actor: actor)
        let inputs = (0..<chunks).map {
            JobStore.ChunkInput(firstRow: 1 + 10 * $0, rowCount: 10, input: "id\n\($0)\n")
        }
        return try await store.jobs.create(
            kind: "score", algorithmID: algorithm.id, modelSHA256: sha, chunks: inputs, actor: actor)
    }

    @Test(
        "Chunks are taken in order, each by one process; the last one done ends the job, logged",
        arguments: TestDatabases.kinds)
    func lifecycle(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let created = try await job(store, chunks: 3)
            #expect(created.status == .queued)
            #expect(created.rows == 30)
            let first = try #require(try await store.jobs.claim(by: "a"))
            let second = try #require(try await store.jobs.claim(by: "b"))
            #expect(first.number == 0 && second.number == 1)
            #expect(first.firstRow == 1 && second.firstRow == 11)
            #expect(second.input == "id\n1\n")
            #expect(try await store.jobs.find(id: created.id)?.status == .running)
            // Only the process that holds a chunk may finish it.
            #expect(try await store.jobs.complete(first, result: "x", by: "b") == false)
            #expect(try await store.jobs.complete(first, result: "id,score\n0,0.1\n", by: "a"))
            // A stopping process hands back what it holds; another takes it next.
            let third = try #require(try await store.jobs.claim(by: "a"))
            #expect(third.number == 2)
            #expect(try await store.jobs.handBack(by: "a") == 1)
            #expect(try await store.jobs.complete(third, result: "late", by: "a") == false)
            let again = try #require(try await store.jobs.claim(by: "b"))
            #expect(again.number == 2)
            #expect(try await store.jobs.claim(by: "c") == nil)
            #expect(try await store.jobs.complete(second, result: "id,score\n1,0.2\n", by: "b"))
            var progress = try #require(try await store.jobs.find(id: created.id))
            #expect(progress.status == .running)
            #expect(progress.chunksDone == 2 && progress.rowsDone == 20)
            #expect(try await store.jobs.complete(again, result: "id,score\n2,0.3\n", by: "b"))
            progress = try #require(try await store.jobs.find(id: created.id))
            #expect(progress.status == .done)
            #expect(progress.chunksDone == 3 && progress.rowsDone == 30)
            #expect(progress.servers == 2)
            #expect(progress.finishedAt != nil)
            #expect(
                try await store.jobs.results(of: created.id) == [
                    "id,score\n0,0.1\n", "id,score\n1,0.2\n", "id,score\n2,0.3\n",
                ])
            let actions = try await store.log.entries(object: created.id).map(\.action)
            #expect(actions == ["job.create", "job.done"])
            #expect(try await store.log.verify().valid)
        }
    }

    @Test(
        "A failed chunk fails the job, logged, and its other chunks are no longer taken", arguments: TestDatabases.kinds
    )
    func failure(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let created = try await job(store, chunks: 2)
            let chunk = try #require(try await store.jobs.claim(by: "a"))
            try await store.jobs.fail(chunk, message: "chunk 0 : colonne « age » absente")
            let failed = try #require(try await store.jobs.find(id: created.id))
            #expect(failed.status == .failed)
            #expect(failed.error == "chunk 0 : colonne « age » absente")
            #expect(try await store.jobs.claim(by: "b") == nil)
            #expect(try await store.log.entries(object: created.id).map(\.action) == ["job.create", "job.fail"])
        }
    }

    @Test("A chunk held past the time limit by a process that died is taken again", arguments: TestDatabases.kinds)
    func staleChunk(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            _ = try await job(store, chunks: 1)
            let taken = try #require(try await store.jobs.claim(by: "dead"))
            #expect(try await store.jobs.claim(by: "alive") == nil)
            try await Task.sleep(for: .milliseconds(20))
            let patient = JobStore(database: store.database, staleAfter: 0.01)
            let retaken = try #require(try await patient.claim(by: "alive"))
            #expect(retaken.number == taken.number)
            #expect(try await store.jobs.complete(taken, result: "old", by: "dead") == false)
            #expect(try await store.jobs.complete(retaken, result: "new", by: "alive"))
        }
    }

    @Test("Eight claimers at once take forty chunks, each exactly once", arguments: TestDatabases.kinds)
    func concurrentClaims(_ kind: String) async throws {
        try await TestDatabases.withStore(kind) { store in
            let created = try await job(store, chunks: 40)
            let numbers = try await withThrowingTaskGroup(of: [Int].self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        var mine: [Int] = []
                        while let chunk = try await store.jobs.claim(by: "w\(worker)") {
                            mine.append(chunk.number)
                            try await store.jobs.complete(chunk, result: "\(chunk.number)", by: "w\(worker)")
                        }
                        return mine
                    }
                }
                var all: [Int] = []
                for try await mine in group { all += mine }
                return all
            }
            #expect(numbers.sorted() == Array(0..<40))
            #expect(try await store.jobs.find(id: created.id)?.status == .done)
            #expect(try await store.log.entries(object: created.id).map(\.action) == ["job.create", "job.done"])
        }
    }
}
