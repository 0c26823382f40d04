import NIOPosix

/// Work that takes the processor for long (hashing a password, an audit, a batch of explanations) runs here, on a
/// bounded pool of threads, so that it never stalls the event loops or Swift's cooperative threads.
enum EngineWork {
    /// Runs `body` on the engine pool.
    /// - Parameter body: the work.
    /// - Returns: its result.
    /// - Throws: what `body` throws.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
