import Foundation
import LanterneData

/// The kinds of model Lanterne trains, imports and explains.
public enum ModelKind: String, Codable, Sendable, CaseIterable {
    /// Logistic regression, shown as a scorecard.
    case logistic
    /// Gradient-boosted decision trees.
    case gbdt
    /// An additive model: one shape function per feature (EBM-like).
    case additive
}

/// What a model's raw output (``ScoringModel/logit(_:)``) is.
public enum ModelOutput: String, Codable, Sendable {
    /// Log-odds of a yes/no outcome: the probability is its logistic function.
    case logOdds
    /// A value predicted directly (gradient boosting on squared error): no probability.
    case value
}

/// A model that gives each case a log-odds score from its features.
public protocol ScoringModel: Sendable {
    /// The model's kind.
    var kind: ModelKind { get }
    /// The features it reads, in the order of a ``FeatureMatrix`` row.
    var features: [ModelFeature] { get }
    /// The log-odds of one row.
    /// - Parameter row: the row's feature values, in ``features`` order.
    /// - Returns: the log-odds.
    func logit(_ row: UnsafeBufferPointer<Double>) -> Double
    /// The log-odds of every row of a matrix, on `threads` threads; kinds may provide a faster batch path.
    /// - Parameters:
    ///   - matrix: the encoded data.
    ///   - threads: how many threads to use.
    /// - Returns: one log-odds per row.
    func logits(_ matrix: FeatureMatrix, threads: Int) -> [Double]
}

extension ScoringModel {
    /// What ``logit(_:)`` gives: log-odds for every kind but trees trained on squared error.
    public var output: ModelOutput {
        (self as? TreeEnsemble)?.predicts ?? .logOdds
    }

    /// The log-odds of every row, computed on `threads` threads (the result does not depend on it).
    /// - Parameters:
    ///   - matrix: the encoded data.
    ///   - threads: how many threads to use.
    /// - Returns: one log-odds per row.
    public func logits(_ matrix: FeatureMatrix, threads: Int) -> [Double] {
        rowByRow(matrix, threads: threads) { self.logit($0) }
    }

    /// Applies `score` to every row of `matrix` in blocks of rows spread over `threads` threads.
    /// - Parameters:
    ///   - matrix: the encoded data.
    ///   - threads: how many threads to use.
    ///   - score: the score of one row.
    /// - Returns: one score per row.
    public func rowByRow(
        _ matrix: FeatureMatrix, threads: Int, _ score: @escaping @Sendable (UnsafeBufferPointer<Double>) -> Double
    ) -> [Double] {
        let rows = matrix.rowCount
        let width = matrix.featureCount
        var output = [Double](repeating: 0, count: rows)
        let blockSize = 4096
        let blocks = (rows + blockSize - 1) / blockSize
        matrix.values.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { out in
                // Block `b` writes rows `b * blockSize ..< (b + 1) * blockSize` of the output.
                let outBase = SharedPointer(out.baseAddress!)
                let valuesBase = SharedPointer(readOnly: values.baseAddress ?? UnsafePointer(outBase.pointer))
                ForkJoin.run(chunks: blocks, threads: threads) { block in
                    let end = min(rows, (block + 1) * blockSize)
                    for row in (block * blockSize)..<end {
                        let slice = UnsafeBufferPointer(start: valuesBase.pointer + row * width, count: width)
                        outBase.pointer[row] = score(slice)
                    }
                }
            }
        }
        return output
    }

    /// The probability of every row: the logistic function of its log-odds.
    /// - Parameters:
    ///   - matrix: the encoded data.
    ///   - threads: how many threads to use.
    /// - Returns: one probability per row.
    public func probabilities(_ matrix: FeatureMatrix, threads: Int = ProcessInfo.processInfo.activeProcessorCount)
        -> [Double]
    {
        logits(matrix, threads: threads).map(LanterneData.logistic)
    }
}
