import Foundation
import LanterneData

/// A multinomial logistic model (softmax regression) from a question's terms to the article that answers it, trained
/// on each article's title, questions, paraphrases and paragraphs: the supervised half of the ranking. A question's
/// features are its distinct known terms, each worth one over the square root of their number, and its distinct
/// known character trigrams (``FrenchAnalyzer/trigrams(_:)``, stored with a leading space so that they never meet a
/// term), each worth ``gramWeight`` over the square root of theirs: trigrams let a misspelt or differently ended word
/// still count.
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

    /// How much the trigrams weigh against the terms: each group's values are normalised on their own, then the
    /// trigrams' are multiplied by this.
    public static let gramWeight: Float = 0.25

    /// A question's inputs: its terms, then its trigrams marked with a leading space.
    /// - Parameters:
    ///   - terms: the index terms.
    ///   - grams: the character trigrams.
    /// - Returns: what ``probabilities(_:)`` and ``train(examples:classes:epochs:seed:)`` read.
    public static func inputs(terms: [String], grams: [String]) -> [String] {
        terms + grams.map { " " + $0 }
    }

    /// Each article's probability for a question's inputs.
    /// - Parameter inputs: the question's terms and marked trigrams (``inputs(terms:grams:)``); plain terms alone
    ///   work too.
    /// - Returns: one probability per article, summing to 1.
    public func probabilities(_ inputs: [String]) -> [Float] {
        var logits = bias
        let features = Self.features(inputs, featureIDs)
        guard !features.isEmpty else { return logits.map { _ in 1 / Float(classes) } }
        let count = classes
        weights.withUnsafeBufferPointer { weights in
            for (feature, value) in features {
                let row = Int(feature) * count
                for article in 0..<count { logits[article] += value * weights[row + article] }
            }
        }
        return Self.softmax(logits)
    }

    /// The distinct known features of `inputs`, sorted, with their values: one over the square root of the number of
    /// distinct known terms for a term, ``gramWeight`` over the square root of the number of distinct known trigrams
    /// for a trigram.
    static func features(_ inputs: [String], _ ids: [String: Int32]) -> [(id: Int32, value: Float)] {
        var terms = Set<Int32>()
        var grams = Set<Int32>()
        for input in inputs {
            guard let id = ids[input] else { continue }
            if input.utf8.first == 0x20 { grams.insert(id) } else { terms.insert(id) }
        }
        let termValue = terms.isEmpty ? 0 : 1 / Float(terms.count).squareRoot()
        let gramValue = grams.isEmpty ? 0 : gramWeight / Float(grams.count).squareRoot()
        return (terms.map { ($0, termValue) } + grams.map { ($0, gramValue) }).sorted { $0.id < $1.id }
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
    ///   - examples: each text's inputs (``inputs(terms:grams:)``, or plain terms) and its article.
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
                weights.withUnsafeMutableBufferPointer { weights in
                    for article in 0..<classes { logits[article] = bias[article] }
                    for (feature, value) in row {
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
                    for (feature, value) in row {
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
