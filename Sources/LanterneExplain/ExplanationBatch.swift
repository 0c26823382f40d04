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
    ///   - progress: a bar counting the cases explained, a block of 64 at a time, finished at the end.
    /// - Returns: one set of contributions per requested row.
    public static func contributions(
        _ explainer: Explainer, matrix: FeatureMatrix, rows: [Int], threads: Int, progress: ProgressBar? = nil
    ) -> [Contributions] {
        let width = matrix.featureCount
        let blockSize = 64
        let blocks = (rows.count + blockSize - 1) / blockSize
        progress?.start(total: rows.count)
        let results = ForkJoin.map(chunks: blocks, threads: threads) { block in
            let explained = matrix.values.withUnsafeBufferPointer { values in
                explainer.contributions(
                    rows: rows[(block * blockSize)..<min(rows.count, (block + 1) * blockSize)].map { row in
                        UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)])
                    })
            }
            progress?.advance(by: explained.count)
            return explained
        }
        progress?.finish()
        return results.flatMap { $0 }
    }

    /// The counterfactuals of `rows` of `matrix`, in the order of `rows`.
    /// - Parameters:
    ///   - search: the counterfactual search.
    ///   - threshold: the probability each score must go under.
    ///   - matrix: the encoded cases.
    ///   - rows: which rows.
    ///   - threads: how many threads to use (the results do not depend on it).
    ///   - progress: a bar counting the cases searched, finished at the end.
    /// - Returns: one answer per requested row.
    public static func counterfactuals(
        _ search: CounterfactualSearch, threshold: Double, matrix: FeatureMatrix, rows: [Int], threads: Int,
        progress: ProgressBar? = nil
    ) -> [Counterfactual] {
        perRow(matrix: matrix, rows: rows, threads: threads, blockSize: 2, progress: progress) {
            search.counterfactual(Array($0), threshold: threshold)
        }
    }

    private static func perRow<Value: Sendable>(
        matrix: FeatureMatrix, rows: [Int], threads: Int, blockSize: Int, progress: ProgressBar?,
        _ body: @Sendable (UnsafeBufferPointer<Double>) -> Value
    ) -> [Value] {
        let width = matrix.featureCount
        let blocks = (rows.count + blockSize - 1) / blockSize
        progress?.start(total: rows.count)
        let results = ForkJoin.map(chunks: blocks, threads: threads) { block in
            let answers = matrix.values.withUnsafeBufferPointer { values in
                ((block * blockSize)..<min(rows.count, (block + 1) * blockSize)).map { position in
                    let row = rows[position]
                    return body(UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]))
                }
            }
            progress?.advance(by: answers.count)
            return answers
        }
        progress?.finish()
        return results.flatMap { $0 }
    }
}
