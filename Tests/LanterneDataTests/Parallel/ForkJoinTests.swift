import LanterneData
import Synchronization
import Testing

@Suite("Fork-join runs every chunk once and keeps chunk order")
struct ForkJoinTests {
    @Test("Every chunk runs exactly once, whatever the threads", arguments: [0, 1, 2, 3, 8, 64])
    func everyChunkOnce(threads: Int) {
        for chunks in [0, 1, 2, 7, 1000] {
            let runs = Mutex([Int](repeating: 0, count: chunks))
            ForkJoin.run(chunks: chunks, threads: threads) { chunk in runs.withLock { $0[chunk] += 1 } }
            #expect(runs.withLock { $0 } == [Int](repeating: 1, count: chunks), "\(chunks) chunks")
        }
    }

    @Test("Results come back in chunk order, equal to a sequential map", arguments: [1, 2, 4, 13])
    func mapOrder(threads: Int) {
        let expected = (0..<5_000).map { chunk in (0...chunk % 97).map { Double($0) * 0.1 }.reduce(0, +) }
        let found = ForkJoin.map(chunks: 5_000, threads: threads) { chunk in
            (0...chunk % 97).map { Double($0) * 0.1 }.reduce(0, +)
        }
        #expect(found.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(ForkJoin.map(chunks: 0, threads: threads) { $0 }.isEmpty)
    }

    @Test("Non-trivial results (arrays, strings) are moved out whole")
    func nonTrivialResults() {
        let found = ForkJoin.map(chunks: 300, threads: 3) { chunk in
            (String(chunk), [UInt8](repeating: 7, count: chunk))
        }
        #expect(found.map(\.0) == (0..<300).map(String.init))
        #expect(found.map(\.1.count) == Array(0..<300))
    }

    @Test("Chunks write disjoint parts of one buffer through a shared pointer")
    func disjointWrites() {
        var output = [Int](repeating: -1, count: 10_000)
        output.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedPointer(buffer.baseAddress!)
            ForkJoin.run(chunks: 100, threads: 4) { chunk in
                for i in (chunk * 100)..<((chunk + 1) * 100) { shared.pointer[i] = i * i }
            }
        }
        #expect(output == (0..<10_000).map { $0 * $0 })
    }
}
