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
        let width = matrix.featureCount
        let blockSize = 64
        let blocks = (rows.count + blockSize - 1) / blockSize
        let results = ForkJoin.map(chunks: blocks, threads: threads) { block in
            matrix.values.withUnsafeBufferPointer { values in
                explainer.contributions(
                    rows: rows[(block * blockSize)..<min(rows.count, (block + 1) * blockSize)].map { row in
                        UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)])
                    })
            }
        }
        return results.flatMap { $0 }
    }

    /// The counterfactuals of `rows` of `matrix`, in the order of `rows`.
    /// - Parameters:
    ///   - search: the counterfactual search.
    ///   - threshold: the probability each score must go under.
    ///   - matrix: the encoded cases.
    ///   - rows: which rows.
    ///   - threads: how many threads to use (the results do not depend on it).
    /// - Returns: one answer per requested row.
    public static func counterfactuals(
        _ search: CounterfactualSearch, threshold: Double, matrix: FeatureMatrix, rows: [Int], threads: Int
    ) -> [Counterfactual] {
        perRow(matrix: matrix, rows: rows, threads: threads, blockSize: 2) {
            search.counterfactual(Array($0), threshold: threshold)
        }
    }

    private static func perRow<Value: Sendable>(
        matrix: FeatureMatrix, rows: [Int], threads: Int, blockSize: Int,
        _ body: @Sendable (UnsafeBufferPointer<Double>) -> Value
    ) -> [Value] {
        let width = matrix.featureCount
        let blocks = (rows.count + blockSize - 1) / blockSize
        let results = ForkJoin.map(chunks: blocks, threads: threads) { block in
            matrix.values.withUnsafeBufferPointer { values in
                ((block * blockSize)..<min(rows.count, (block + 1) * blockSize)).map { position in
                    let row = rows[position]
                    return body(UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]))
                }
            }
        }
        return results.flatMap { $0 }
    }
}
