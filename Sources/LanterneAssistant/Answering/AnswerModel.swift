import Foundation

/// A logistic model of the chance that the first-ranked article is the right answer, read from the features of the
/// retrieval (``Retrieval/Features``). It is fitted on a labelled question set by ``fit(rows:labels:ridge:)``
/// (Newton's method on the L2-penalised log-likelihood: deterministic, no random start).
public struct AnswerModel: Sendable, Equatable {
    /// The intercept.
    public var intercept: Double
    /// One weight per feature, in the order of ``Retrieval/Features/names``.
    public var weights: [Double]

    /// Creates a model.
    public init(intercept: Double, weights: [Double]) {
        self.intercept = intercept
        self.weights = weights
    }

    /// The probability that the first article is right.
    /// - Parameter features: the retrieval's features.
    /// - Returns: a probability from 0 to 1.
    public func probability(_ features: Retrieval.Features) -> Double { probability(features.vector) }

    /// The probability for a feature vector.
    func probability(_ row: [Double]) -> Double {
        var z = intercept
        for (weight, value) in zip(weights, row) { z += weight * value }
        return 1 / (1 + exp(-z))
    }

    /// Fits the model by Newton's method (iteratively reweighted least squares), the weights (not the intercept)
    /// penalised by `ridge` times their squared norm.
    /// - Parameters:
    ///   - rows: one feature vector per question.
    ///   - labels: whether the first article was right.
    ///   - ridge: the L2 penalty.
    /// - Returns: the fitted model.
    public static func fit(rows: [[Double]], labels: [Bool], ridge: Double = 0.01) -> AnswerModel {
        precondition(rows.count == labels.count && !rows.isEmpty)
        let width = rows[0].count + 1
        var beta = [Double](repeating: 0, count: width)
        for _ in 0..<50 {
            var gradient = [Double](repeating: 0, count: width)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: width), count: width)
            for (row, label) in zip(rows, labels) {
                let x = [1] + row
                var z = 0.0
                for j in 0..<width { z += beta[j] * x[j] }
                let p = 1 / (1 + exp(-z))
                let w = max(p * (1 - p), 1e-9)
                for j in 0..<width {
                    gradient[j] += ((label ? 1 : 0) - p) * x[j]
                    for k in 0..<width { hessian[j][k] += w * x[j] * x[k] }
                }
            }
            for j in 1..<width {
                gradient[j] -= ridge * beta[j]
                hessian[j][j] += ridge
            }
            guard let step = solve(hessian, gradient) else { break }
            var largest = 0.0
            for j in 0..<width {
                beta[j] += step[j]
                largest = max(largest, abs(step[j]))
            }
            if largest < 1e-10 { break }
        }
        return AnswerModel(intercept: beta[0], weights: Array(beta.dropFirst()))
    }

    /// Solves `a x = b` by Gaussian elimination with partial pivoting; `nil` when `a` is singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var v = b
        let n = v.count
        for column in 0..<n {
            var pivot = column
            for row in column..<n where abs(m[row][column]) > abs(m[pivot][column]) { pivot = row }
            guard abs(m[pivot][column]) > 1e-12 else { return nil }
            m.swapAt(column, pivot)
            v.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                guard factor != 0 else { continue }
                for k in column..<n { m[row][k] -= factor * m[column][k] }
                v[row] -= factor * v[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = v[row]
            for k in (row + 1)..<n { sum -= m[row][k] * x[k] }
            x[row] = sum / m[row][row]
        }
        return x
    }
}
