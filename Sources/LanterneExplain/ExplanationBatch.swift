import Dispatch
import LanterneData
import LanterneModels

/// Explains many cases at once, blocks of cases spread over threads.
public enum ExplanationBatch {
    /// The contributions of `rows` of `matrix`, in the order of `rows`.
    /// - Parameters:
    ///   - explainer: the explainer.
    ///   - matrix: the encoded cases.
    ///   - rows: which rows to explain.
    ///   - threads: how many threads to use (the results do not depend on it).
    /// - Returns: one set of contributions per requested row.
    public static func contributions(_ explainer: Explainer, matrix: FeatureMatrix, rows: [Int], threads: Int)
        -> [Contributions]
    {
        let results = ResultSlots(count: rows.count)
        let width = matrix.featureCount
        let blockSize = 64
        let blocks = (rows.count + blockSize - 1) / blockSize
        let work: @Sendable (Int) -> Void = { block in
            matrix.values.withUnsafeBufferPointer { values in
                for position in (block * blockSize)..<min(rows.count, (block + 1) * blockSize) {
                    let row = rows[position]
                    let slice = UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)])
                    results.store(explainer.contributions(slice), at: position)
                }
            }
        }
        let workers = max(1, min(threads, blocks))
        if workers == 1 {
            for block in 0..<blocks { work(block) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var block = worker
                while block < blocks {
                    work(block)
                    block += workers
                }
            }
        }
        return results.values()
    }
}

/// Slots filled concurrently, each by one task.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [Contributions?]
    private let lock = Lock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ value: Contributions, at index: Int) { lock.locked { slots[index] = value } }

    func values() -> [Contributions] { slots.map { $0! } }
}
