/// Turns French text into index terms: abbreviations expanded, folded, elisions removed, phrases and familiar words
/// given the words of the texts, stop words dropped (negations kept), misspellings corrected against the index's
/// vocabulary, words stemmed.
public struct FrenchAnalyzer: Sendable {
    /// Corrects words of five letters or more that are one letter away from a known word; `nil` while indexing.
    let corrector: SpellingCorrector?

    /// Creates an analyzer.
    /// - Parameter corrector: the vocabulary to correct misspellings against, if any.
    public init() {
        corrector = nil
    }

    /// Creates an analyzer that corrects misspellings.
    init(corrector: SpellingCorrector?) {
        self.corrector = corrector
    }

    /// The folded words of `text`, before stop words and stemming: what the vocabulary and the speller work on.
    /// - Parameter text: any text.
    /// - Returns: the words, with the expansions of abbreviations, phrases and familiar words added.
    static func words(_ text: String) -> [String] {
        let (original, added) = split(text)
        return original + added
    }

    /// The words of `text` as written, and the words its abbreviations, phrases and familiar words add.
    static func split(_ text: String) -> (original: [String], added: [String]) {
        var expansions: [String] = []
        for token in text.split(whereSeparator: { !$0.isLetter }) {
            for entry in DomainLexicon.abbreviations
            where token == entry.short || (entry.lowercaseToo && token.lowercased() == entry.short.lowercased()) {
                expansions.append(entry.expansion)
            }
        }
        let plain = FrenchFolding.fold(text)
        // Phrases are matched with the elided words still there (« feuille d impot »).
        let spaced = " " + plain.replacingOccurrences(of: "'", with: " ") + " "
        for (phrase, words) in DomainLexicon.phrases where spaced.contains(" " + phrase + " ") {
            expansions.append(words)
        }
        let folded = removingElisions(" " + plain.replacingOccurrences(of: "'", with: "' ") + " ")
        var words: [String] = []
        for token in folded.split(separator: " ") {
            let word = String(token)
            words.append(word)
            if let extra = DomainLexicon.words[word] { expansions.append(extra) }
        }
        return (words, expansions.flatMap { $0.split(separator: " ").map(String.init) })
    }

    /// Elided words (l', d', qu', jusqu'...) are dropped; other apostrophes join (« aujourd'hui »).
    private static func removingElisions(_ text: String) -> String {
        var result = ""
        for token in text.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasSuffix("'") {
                let stem = token.dropLast()
                if elided.contains(String(stem)) { continue }
                result += stem + " "
            } else {
                result += token.replacingOccurrences(of: "'", with: "") + " "
            }
        }
        return result
    }

    private static let elided: Set<String> = [
        "l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu",
    ]

    /// The character trigrams of the words of `text` (stop words aside), each word framed by `#`: « impot » gives
    /// « #im », « imp », « mpo », « pot », « ot# ». They let misspelt and differently ended words still meet.
    /// - Parameter text: a question or a passage.
    /// - Returns: the trigrams, repeated as often as they occur.
    public static func trigrams(_ text: String) -> [String] {
        var grams: [String] = []
        for word in words(text) where !FrenchStopWords.words.contains(word) && word.count > 2 {
            let letters = Array("#" + word + "#")
            for start in 0...(letters.count - 3) { grams.append(String(letters[start..<(start + 3)])) }
        }
        return grams
    }

    /// The index terms of `text`.
    /// - Parameter text: a question or a passage.
    /// - Returns: the stems, in order, repeated as often as they occur.
    public func terms(_ text: String) -> [String] {
        var terms: [String] = []
        for word in Self.words(text) where !FrenchStopWords.words.contains(word) {
            guard word.count > 1 || word.first?.isNumber == true else { continue }
            terms.append(FrenchStemmer.stem(corrector?.correct(word) ?? word))
        }
        return terms
    }
}
