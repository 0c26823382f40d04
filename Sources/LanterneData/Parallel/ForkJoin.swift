import Dispatch
import Synchronization

/// Fork-join parallelism: chunks of work numbered `0..<chunks` run on up to `threads` threads, and the call returns
/// once every chunk has finished.
///
/// Free threads take the next chunk in turn, so which thread runs a chunk changes from run to run: a chunk's work and
/// output must depend on its number only, and the caller combines the chunks' results in chunk order. Then the bytes
/// are the same whatever the threads. The threads are Dispatch's (`concurrentPerform`), sized to the cores; the
/// calling thread takes part and is blocked until the join. With one thread, or one chunk, the chunks run in order
/// on the calling thread.
public enum ForkJoin {
    /// Runs `body` once for every chunk.
    /// - Parameters:
    ///   - chunks: how many chunks.
    ///   - threads: the most threads to use; 1 or less runs the chunks in order on the calling thread.
    ///   - body: the work of one chunk, given its number.
    public static func run(chunks: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        let workers = min(threads, chunks)
        if workers <= 1 {
            for chunk in 0..<max(0, chunks) { body(chunk) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunks else { return }
                body(chunk)
            }
        }
    }

    /// The result of `body` for every chunk, in chunk order.
    /// - Parameters:
    ///   - chunks: how many chunks.
    ///   - threads: the most threads to use; 1 or less runs the chunks in order on the calling thread.
    ///   - body: the work of one chunk, given its number.
    /// - Returns: `chunks` results, the one of chunk `i` at `i`.
    public static func map<Result: Sendable>(chunks: Int, threads: Int, _ body: @Sendable (Int) -> Result)
        -> [Result]
    {
        guard chunks > 0 else { return [] }
        if min(threads, chunks) <= 1 { return (0..<chunks).map(body) }
        return [Result](unsafeUninitializedCapacity: chunks) { buffer, count in
            // Chunk `i` initializes slot `i` and nothing else.
            let slots = SharedPointer(buffer.baseAddress!)
            run(chunks: chunks, threads: threads) { chunk in (slots.pointer + chunk).initialize(to: body(chunk)) }
            count = chunks
        }
    }
}
