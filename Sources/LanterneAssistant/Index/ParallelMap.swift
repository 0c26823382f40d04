import Foundation
import LanterneData

extension Array where Element: Sendable {
    /// `map` over elements spread across the cores; the result is in order and does not depend on them.
    /// - Parameters:
    ///   - minimumPerWorker: the fewest elements worth a thread of their own.
    ///   - transform: the function applied to each element.
    func parallelMap<Result: Sendable>(
        minimumPerWorker: Int = 64, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let workers = Swift.max(
            1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(1, minimumPerWorker)))
        guard workers > 1 else { return map(transform) }
        let source = self
        return ForkJoin.map(chunks: count, threads: workers) { index in transform(source[index]) }
    }
}
