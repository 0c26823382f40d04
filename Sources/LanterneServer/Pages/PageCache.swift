import Foundation
import Synchronization

/// Public pages as a person without an account sees them, kept for a second by default: the same bytes for everyone (no
/// session, no token in them), so a busy register is read from the database once a second, and a publication shows
/// within that second.
final class PageCache: Sendable {
    private let pages = Mutex<[String: (html: String, until: Double)]>([:])
    private let seconds: Double
    private let clock: @Sendable () -> Double

    /// - Parameters:
    ///   - seconds: how long a page is kept.
    ///   - clock: the time in seconds (the system's by default; tests give their own).
    init(seconds: Double = 1, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSinceReferenceDate }) {
        self.seconds = seconds
        self.clock = clock
    }

    /// The page at `key`, rendered again by `render` when absent or older than the time limit.
    func page(_ key: String, render: () async throws -> String) async throws -> String {
        let now = clock()
        if let kept = pages.withLock({ $0[key] }), kept.until > now { return kept.html }
        let html = try await render()
        pages.withLock { pages in
            if pages.count > 10_000 { pages.removeAll() }
            pages[key] = (html, now + seconds)
        }
        return html
    }
}
