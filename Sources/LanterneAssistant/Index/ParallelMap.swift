import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over blocks of elements spread across the cores; the result is in order and does not depend on them.
    /// - Parameters:
    ///   - minimumPerWorker: the fewest elements worth a thread of their own.
    ///   - transform: the function applied to each element.
    func parallelMap<Result: Sendable>(
        minimumPerWorker: Int = 64, _ transform: @escaping @Sendable (Element) -> Result
    ) -> [Result] {
        let count = self.count
        let workers = Swift.max(
            1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(1, minimumPerWorker)))
        guard workers > 1 else { return map(transform) }
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        let source = self
        let address = Int(bitPattern: slots.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each worker writes its own positions only.
            let output = UnsafeMutablePointer<Result?>(bitPattern: address)!
            var index = worker
            while index < count {
                output[index] = transform(source[index])
                index += workers
            }
        }
        return slots.map { $0! }
    }
}
