import LanterneData
import Testing

@testable import LanterneModels

@Suite("The trainer's team of threads")
struct WorkerTeamTests {
    @Test("Every chunk of every step runs once, results in chunk order, steps back to back and after sleeps")
    func everyChunkOnce() async throws {
        for threads in [1, 2, 3] {
            let team = WorkerTeam(threads: threads)
            defer { team.stop() }
            for step in 0..<2_000 {
                let chunks = step % 37
                // Chunk `i` counts its runs at `i`.
                let runs = UnsafeMutablePointer<Int>.allocate(capacity: max(1, chunks))
                defer { runs.deallocate() }
                runs.initialize(repeating: 0, count: max(1, chunks))
                let results = team.map(chunks: chunks) { chunk in
                    runs[chunk] += 1
                    return chunk * chunk + step
                }
                #expect(results == (0..<chunks).map { $0 * $0 + step })
                #expect((0..<chunks).allSatisfy { runs[$0] == 1 })
                if step % 500 == 499 {
                    // Long enough for the helpers to go to sleep: the next step wakes them.
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
        }
    }

    @Test("A stopped team still runs its steps, on the calling thread")
    func stopped() {
        let team = WorkerTeam(threads: 2)
        team.stop()
        team.stop()
        #expect(team.map(chunks: 5) { $0 + 1 } == [1, 2, 3, 4, 5])
    }

    @Test("Counts estimated from hessians round half away from zero, as Double.rounded() does")
    func roundedCounts() {
        var random = SeededRandom(seed: 3)
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994, -0.49999999999999994, 1e-300]
        values += [4_503_599_627_370_495.5, 123_456.5, 99.49999999999999, -7.5000000000000001]
        for _ in 0..<100_000 { values.append((random.uniform() - 0.5) * 2_000_000) }
        for _ in 0..<10_000 { values.append(Double(Int(random.uniform() * 1_000)) + 0.5) }
        for x in values { #expect(TreeGrower.roundedCount(x) == Int(x.rounded()), "\(x)") }
    }
}
