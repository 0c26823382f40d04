import Foundation
import LanterneData

/// A multinomial logistic model (softmax regression) from a question's terms to the article that answers it, trained
/// on each article's title, questions, paraphrases and paragraphs: the supervised half of the ranking. A question's
/// features are its distinct known terms, each worth one over the square root of their number.
public struct ArticleClassifier: Sendable, Equatable {
    /// Each term's feature id.
    let featureIDs: [String: Int32]
    /// The weights, feature by feature: feature `f`'s weight for article `a` is at `f * classes + a`.
    let weights: [Float]
    /// Each article's bias.
    let bias: [Float]

    /// The number of articles.
    public var classes: Int { bias.count }

    init(featureIDs: [String: Int32], weights: [Float], bias: [Float]) {
        self.featureIDs = featureIDs
        self.weights = weights
        self.bias = bias
    }

    /// Each article's probability for a question's terms.
    /// - Parameter terms: the question's index terms.
    /// - Returns: one probability per article, summing to 1.
    public func probabilities(_ terms: [String]) -> [Float] {
        var logits = bias
        let features = Self.features(terms, featureIDs)
        guard !features.isEmpty else { return logits.map { _ in 1 / Float(classes) } }
        let value = 1 / Float(features.count).squareRoot()
        let count = classes
        weights.withUnsafeBufferPointer { weights in
            for feature in features {
                let row = Int(feature) * count
                for article in 0..<count { logits[article] += value * weights[row + article] }
            }
        }
        return Self.softmax(logits)
    }

    /// The distinct known features of `terms`, sorted.
    static func features(_ terms: [String], _ ids: [String: Int32]) -> [Int32] {
        Array(Set(terms.compactMap { ids[$0] })).sorted()
    }

    static func softmax(_ logits: [Float]) -> [Float] {
        let top = logits.max() ?? 0
        var exps = logits.map { expf($0 - top) }
        let sum = exps.reduce(0, +)
        for index in exps.indices { exps[index] /= sum }
        return exps
    }

    /// Trains the model by stochastic gradient descent, the examples visited in an order drawn from `seed`.
    /// - Parameters:
    ///   - examples: each text's terms and its article.
    ///   - classes: the number of articles.
    ///   - epochs: passes over the examples.
    ///   - seed: the seed of the visiting order.
    /// - Returns: the model; the same examples and seed always give the same weights.
    public static func train(
        examples: [(terms: [String], article: Int)], classes: Int, epochs: Int = 12, seed: UInt64 = 1
    ) -> ArticleClassifier {
        var ids: [String: Int32] = [:]
        for example in examples {
            for term in example.terms where ids[term] == nil { ids[term] = Int32(ids.count) }
        }
        let rows = examples.map { features($0.terms, ids) }
        var weights = [Float](repeating: 0, count: ids.count * classes)
        var bias = [Float](repeating: 0, count: classes)
        var order = Array(examples.indices)
        var generator = SeededRandom(seed: seed)
        let decay: Float = 1e-5
        var logits = [Float](repeating: 0, count: classes)
        for epoch in 0..<max(1, epochs) {
            // Fisher–Yates with the seeded generator.
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
            }
            let rate: Float = 0.5 / (1 + Float(epoch) * 0.3)
            for example in order where !rows[example].isEmpty {
                let row = rows[example]
                let value = 1 / Float(row.count).squareRoot()
                weights.withUnsafeMutableBufferPointer { weights in
                    for article in 0..<classes { logits[article] = bias[article] }
                    for feature in row {
                        let start = Int(feature) * classes
                        for article in 0..<classes { logits[article] += value * weights[start + article] }
                    }
                    let top = logits.max() ?? 0
                    var sum: Float = 0
                    for article in 0..<classes {
                        logits[article] = expf(logits[article] - top)
                        sum += logits[article]
                    }
                    let target = examples[example].article
                    for article in 0..<classes {
                        let gradient = logits[article] / sum - (article == target ? 1 : 0)
                        logits[article] = gradient
                        bias[article] -= rate * gradient
                    }
                    for feature in row {
                        let start = Int(feature) * classes
                        for article in 0..<classes {
                            weights[start + article] -=
                                rate * (logits[article] * value + decay * weights[start + article])
                        }
                    }
                }
            }
        }
        return ArticleClassifier(featureIDs: ids, weights: weights, bias: bias)
    }
}
