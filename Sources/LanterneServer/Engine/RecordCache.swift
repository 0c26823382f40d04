import Foundation
import LanterneStore
import Synchronization

/// Algorithms' records kept for one second, so that scoring many cases does not read the database for each: a
/// publication reaches every server process within that second.
final class RecordCache: Sendable {
    private let records = Mutex<[String: (record: AlgorithmRecord, until: Double)]>([:])
    private let algorithms: AlgorithmStore
    private let seconds: Double

    init(algorithms: AlgorithmStore, seconds: Double = 1) {
        self.algorithms = algorithms
        self.seconds = seconds
    }

    /// The record of `id`, read again when older than the time limit; `nil` when unknown.
    func record(_ id: String) async throws -> AlgorithmRecord? {
        let now = Date().timeIntervalSinceReferenceDate
        if let kept = records.withLock({ $0[id] }), kept.until > now { return kept.record }
        guard let record = try await algorithms.find(id: id) else { return nil }
        records.withLock { records in
            if records.count > 10_000 { records.removeAll() }
            records[id] = (record, now + seconds)
        }
        return record
    }
}
