import CMemoryHints
import Dispatch
import LanterneData
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fork-join for the many short steps of growing trees: helper threads kept for a whole training, which wait for the
/// next step by spinning a moment before they sleep, as OpenMP's threads do.
///
/// A tree of 31 leaves hands work to the threads some 60 times; `ForkJoin` wakes Dispatch's threads each time, which
/// costs tens of microseconds, and on small nodes that is as long as the work. Here a helper that finished a step
/// watches for the next one for about `spinLimit` pauses (some 100 µs) and only then sleeps on a semaphore.
///
/// The calling thread takes part; chunks are claimed one at a time through one atomic word holding the step's
/// generation, its chunk count and the next chunk, so a helper that arrives late claims nothing and the caller never
/// waits for a helper to wake: it waits only for chunks already claimed. As with `ForkJoin`, a chunk's work and output
/// must depend on its number only.
final class WorkerTeam: @unchecked Sendable {
    /// The most threads working on a step, the caller included.
    let threads: Int
    /// Generation (bits 40 and up), chunk count (bits 20 to 39), next chunk (bits 0 to 19).
    private let ticket = Atomic<UInt64>(0)
    /// Chunks of the current step finished.
    private let finished = Atomic<Int>(0)
    /// Helpers asleep on `wake`.
    private let sleeping = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// The current step's work; written by the caller only while no chunk of a step is claimable.
    private let job: UnsafeMutablePointer<((Int) -> Void)?>
    /// The caller's generation counter.
    private var generation: UInt64 = 0
    private var helpers: [pthread_t] = []
    private let exited = DispatchSemaphore(value: 0)

    /// How many pauses a helper spins before sleeping.
    static let spinLimit = 4_000
    private static let chunkBits: UInt64 = 20
    private static let chunkMask: UInt64 = (1 << chunkBits) - 1

    /// Starts `threads - 1` helper threads (none for one thread).
    /// - Parameter threads: the most threads per step, the caller included.
    init(threads: Int) {
        self.threads = max(1, threads)
        job = .allocate(capacity: 1)
        job.initialize(to: nil)
        for _ in 1..<self.threads {
            let context = Unmanaged.passRetained(self).toOpaque()
            var thread = pthread_t()
            let created = pthread_create(
                &thread, nil,
                { context in
                    let team = Unmanaged<WorkerTeam>.fromOpaque(context!).takeRetainedValue()
                    team.helperLoop()
                    team.exited.signal()
                    return nil
                }, context)
            if created == 0 {
                pthread_detach(thread)
                helpers.append(thread)
            } else {
                Unmanaged<WorkerTeam>.fromOpaque(context).release()
            }
        }
    }

    deinit {
        job.deinitialize(count: 1)
        job.deallocate()
    }

    /// Stops the helpers and waits until they have left; the team then runs every step on the caller.
    func stop() {
        guard !helpers.isEmpty else { return }
        stopping.store(true, ordering: .sequentiallyConsistent)
        for _ in helpers { wake.signal() }
        for _ in helpers { exited.wait() }
        helpers = []
    }

    /// Runs `body` once for every chunk, on the caller and the helpers.
    /// - Parameters:
    ///   - chunks: how many chunks.
    ///   - body: the work of one chunk, given its number.
    func run(chunks: Int, _ body: (Int) -> Void) {
        if helpers.isEmpty || chunks <= 1 || UInt64(chunks) > Self.chunkMask {
            for chunk in 0..<max(0, chunks) { body(chunk) }
            return
        }
        withoutActuallyEscaping(body) { body in
            job.pointee = body
            finished.store(0, ordering: .relaxed)
            generation += 1
            let opened = generation << (2 * Self.chunkBits) | UInt64(chunks) << Self.chunkBits
            ticket.store(opened, ordering: .sequentiallyConsistent)
            let asleep = sleeping.exchange(0, ordering: .sequentiallyConsistent)
            for _ in 0..<asleep { wake.signal() }
            work(generation: generation)
            // Only chunks already claimed are left: wait for them, giving the core away now and then in case
            // the helper holding one shares it.
            var spins = 0
            while finished.load(ordering: .acquiring) < chunks {
                spins += 1
                if spins % 1_024 == 0 { sched_yield() } else { lanterne_spin_pause() }
            }
            job.pointee = nil
        }
    }

    /// The result of `body` for every chunk, in chunk order.
    /// - Parameters:
    ///   - chunks: how many chunks.
    ///   - body: the work of one chunk, given its number.
    /// - Returns: `chunks` results, the one of chunk `i` at `i`.
    func map<Result>(chunks: Int, _ body: (Int) -> Result) -> [Result] {
        guard chunks > 0 else { return [] }
        return [Result](unsafeUninitializedCapacity: chunks) { buffer, count in
            // Chunk `i` initializes slot `i` and nothing else.
            let slots = buffer.baseAddress!
            run(chunks: chunks) { chunk in (slots + chunk).initialize(to: body(chunk)) }
            count = chunks
        }
    }

    /// Claims and runs chunks of step `generation` until none is left.
    private func work(generation: UInt64) {
        while true {
            let current = ticket.load(ordering: .acquiring)
            let next = current & Self.chunkMask
            guard current >> (2 * Self.chunkBits) == generation,
                next < (current >> Self.chunkBits) & Self.chunkMask
            else { return }
            // The claim succeeds only while the step is unfinished, so `job` is this step's.
            if ticket.compareExchange(expected: current, desired: current + 1, ordering: .acquiringAndReleasing)
                .exchanged
            {
                job.pointee!(Int(next))
                finished.add(1, ordering: .releasing)
            }
        }
    }

    /// A helper: waits for each new step, spinning then sleeping, and works on it.
    private func helperLoop() {
        var seen: UInt64 = 0
        while true {
            var spins = 0
            var current = ticket.load(ordering: .acquiring) >> (2 * Self.chunkBits)
            while current == seen {
                if stopping.load(ordering: .relaxed) { return }
                spins += 1
                if spins < Self.spinLimit {
                    lanterne_spin_pause()
                } else {
                    sleep(seen: seen)
                    spins = 0
                }
                current = ticket.load(ordering: .acquiring) >> (2 * Self.chunkBits)
            }
            seen = current
            work(generation: seen)
        }
    }

    /// Sleeps until the caller opens a step after `seen` (or the team stops).
    private func sleep(seen: UInt64) {
        sleeping.add(1, ordering: .sequentiallyConsistent)
        let opened = ticket.load(ordering: .sequentiallyConsistent) >> (2 * Self.chunkBits) != seen
        if opened || stopping.load(ordering: .sequentiallyConsistent) {
            // Withdraw; if the caller already counted this helper, it signals: take that signal.
            while true {
                let count = sleeping.load(ordering: .sequentiallyConsistent)
                if count == 0 {
                    wake.wait()
                    return
                }
                if sleeping.compareExchange(
                    expected: count, desired: count - 1, ordering: .sequentiallyConsistent
                ).exchanged {
                    return
                }
            }
        }
        wake.wait()
    }
}
