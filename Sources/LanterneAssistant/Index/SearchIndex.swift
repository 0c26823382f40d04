import Foundation

/// An inverted index with BM25 scores (Robertson and Zaragoza's Okapi BM25, k1 = 1.2, b = 0.75) over passages.
public struct SearchIndex: Sendable {
    /// The passages, in index order.
    public let passages: [Passage]
    /// Each term's id.
    let termIDs: [String: Int32]
    /// For each term, where its postings start in `postingDocuments`; term `t` ends where `t + 1` starts.
    let postingStarts: [Int32]
    /// The passage of each posting.
    let postingDocuments: [Int32]
    /// The term's count in that passage.
    let postingCounts: [Float]
    /// Each passage's length in terms.
    let lengths: [Float]
    /// The folded words of the passages and how many passages use each: the speller's vocabulary.
    let vocabulary: [String: Int]
    /// Each passage's BM25 length normalisation, k1 (1 - b + b length / average length), computed once.
    let norms: [Float]
    /// Each posting's whole BM25 term score, idf × tf × (k1 + 1) / (tf + norm), computed once (as bm25s does), so
    /// that a query only adds them up.
    let postingScores: [Float]

    /// BM25's term-frequency saturation.
    public static let k1: Float = 1.2
    /// BM25's length normalisation.
    public static let b: Float = 0.75

    /// Builds the index of texts, analysed by ``FrenchAnalyzer`` (without spelling correction).
    /// - Parameters:
    ///   - passages: what each text is.
    ///   - texts: the texts, one per passage.
    public init(passages: [Passage], texts: [String]) {
        let analyzer = FrenchAnalyzer()
        let words = texts.map(FrenchAnalyzer.words)
        self.init(passages: passages, words: words, terms: words.map { analyzer.terms(words: $0) })
    }

    /// Builds the index of analysed texts.
    /// - Parameters:
    ///   - passages: what each text is.
    ///   - words: each text's folded words (the speller's vocabulary, counted by occurrence), or none.
    ///   - terms: each text's index terms.
    init(passages: [Passage], words: [[String]], terms: [[String]]) {
        precondition(passages.count == terms.count && (words.isEmpty || words.count == terms.count))
        var termIDs: [String: Int32] = [:]
        var postings: [[(Int32, Float)]] = []
        var lengths: [Float] = []
        var vocabulary: [String: Int] = [:]
        lengths.reserveCapacity(terms.count)
        var termCounts: [Int32: Float] = [:]
        var order: [Int32] = []
        for document in words.indices {
            // The speller's vocabulary counts occurrences: the most frequent word wins a correction.
            for word in words[document] where word.utf8.count >= 2 { vocabulary[word, default: 0] += 1 }
        }
        for (document, documentTerms) in terms.enumerated() {
            // Term ids in order of first appearance, so that the same texts always give the same index bytes.
            termCounts.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            for term in documentTerms {
                let id: Int32
                if let known = termIDs[term] {
                    id = known
                } else {
                    id = Int32(postings.count)
                    termIDs[term] = id
                    postings.append([])
                }
                if termCounts[id] == nil { order.append(id) }
                termCounts[id, default: 0] += 1
            }
            for id in order { postings[Int(id)].append((Int32(document), termCounts[id]!)) }
            lengths.append(Float(documentTerms.count))
        }
        var starts: [Int32] = [0]
        var documents: [Int32] = []
        var counts: [Float] = []
        for list in postings {
            for (document, count) in list {
                documents.append(document)
                counts.append(count)
            }
            starts.append(Int32(documents.count))
        }
        self.passages = passages
        self.termIDs = termIDs
        postingStarts = starts
        postingDocuments = documents
        postingCounts = counts
        self.lengths = lengths
        self.vocabulary = vocabulary
        norms = Self.norms(lengths)
        postingScores = Self.postingScores(starts: starts, documents: documents, counts: counts, norms: norms)
    }

    /// Each posting's BM25 term score: the same expression, in the same order, that a query would evaluate, so the
    /// sums keep their bits.
    static func postingScores(starts: [Int32], documents: [Int32], counts: [Float], norms: [Float]) -> [Float] {
        var scores = [Float](repeating: 0, count: documents.count)
        let passages = Float(norms.count)
        for term in 0..<max(0, starts.count - 1) {
            let start = Int(starts[term])
            let end = Int(starts[term + 1])
            let frequency = Float(end - start)
            let idf = logf(1 + (passages - frequency + 0.5) / (frequency + 0.5))
            for posting in start..<end {
                let tf = counts[posting]
                scores[posting] = idf * tf * (k1 + 1) / (tf + norms[Int(documents[posting])])
            }
        }
        return scores
    }

    /// BM25's length normalisation of each passage.
    static func norms(_ lengths: [Float]) -> [Float] {
        let average = lengths.reduce(0, +) / max(1, Float(lengths.count))
        return lengths.map { k1 * (1 - b + b * $0 / average) }
    }

    init(
        passages: [Passage], termIDs: [String: Int32], postingStarts: [Int32], postingDocuments: [Int32],
        postingCounts: [Float], lengths: [Float], vocabulary: [String: Int]
    ) {
        self.passages = passages
        self.termIDs = termIDs
        self.postingStarts = postingStarts
        self.postingDocuments = postingDocuments
        self.postingCounts = postingCounts
        self.lengths = lengths
        self.vocabulary = vocabulary
        norms = Self.norms(lengths)
        self.postingScores = Self.postingScores(
            starts: postingStarts, documents: postingDocuments, counts: postingCounts, norms: norms)
    }

    /// An analyzer that corrects misspellings against this index's words.
    public var analyzer: FrenchAnalyzer { FrenchAnalyzer(corrector: SpellingCorrector(frequency: vocabulary)) }

    /// The BM25 score of every passage for the query's terms (terms the index does not know are ignored).
    /// - Parameter terms: the query's terms (repeated terms count once).
    /// - Returns: one score per passage, and the number of distinct query terms the index knows.
    public func scores(_ terms: [String]) -> (scores: [Float], known: Int) {
        var scores = [Float](repeating: 0, count: passages.count)
        var known = 0
        // Terms in a fixed order, so that the sums (and the ranking of near ties) never depend on hashing.
        for term in Set(terms).sorted() {
            guard let id = termIDs[term] else { continue }
            known += 1
            let start = Int(postingStarts[Int(id)])
            let end = Int(postingStarts[Int(id) + 1])
            postingScores.withUnsafeBufferPointer { weights in
                postingDocuments.withUnsafeBufferPointer { documents in
                    scores.withUnsafeMutableBufferPointer { scores in
                        for posting in start..<end { scores[Int(documents[posting])] += weights[posting] }
                    }
                }
            }
        }
        return (scores, known)
    }

    /// BM25's inverse document frequency of `term`; a term no passage contains gets the largest value.
    public func inverseDocumentFrequency(_ term: String) -> Float {
        let count = Float(passages.count)
        let frequency = Float(documentFrequency(term))
        return logf(1 + (count - frequency + 0.5) / (frequency + 0.5))
    }

    /// The number of passages that contain `term`.
    public func documentFrequency(_ term: String) -> Int {
        guard let id = termIDs[term] else { return 0 }
        return Int(postingStarts[Int(id) + 1] - postingStarts[Int(id)])
    }
}
