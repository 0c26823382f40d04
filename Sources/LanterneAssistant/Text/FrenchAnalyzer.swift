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
        // Abbreviations are runs of ASCII letters.
        var run: [UInt8] = []
        for byte in text.utf8 + [0x20] {
            if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) {
                run.append(byte)
                continue
            }
            if !run.isEmpty && run.count <= 5 {
                let token = String(decoding: run, as: UTF8.self)
                if let expansion = abbreviations[token] ?? lowercaseAbbreviations[token.lowercased()] {
                    expansions.append(expansion)
                }
            }
            run.removeAll(keepingCapacity: true)
        }
        let plain = FrenchFolding.fold(text)
        // Phrases are matched with the elided words still there (« feuille d impot »).
        let spaced = plain.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x27 }).map { String(Substring($0)) }
        for (start, word) in spaced.enumerated() {
            for (phrase, words) in phrases[word] ?? [] where start + phrase.count <= spaced.count {
                if spaced[start..<(start + phrase.count)].elementsEqual(phrase) { expansions.append(words) }
            }
        }
        var words: [String] = []
        for token in removingElisions(plain) {
            words.append(token)
            if let extra = DomainLexicon.words[token] { expansions.append(extra) }
        }
        return (words, expansions.flatMap { $0.split(separator: " ").map(String.init) })
    }

    private static let abbreviations: [String: String] = Dictionary(
        DomainLexicon.abbreviations.map { ($0.short, $0.expansion) }, uniquingKeysWith: { first, _ in first })
    private static let lowercaseAbbreviations: [String: String] = Dictionary(
        DomainLexicon.abbreviations.filter(\.lowercaseToo).map { ($0.short.lowercased(), $0.expansion) },
        uniquingKeysWith: { first, _ in first })
    /// Phrases by their first word.
    private static let phrases: [String: [(words: [String], expansion: String)]] = Dictionary(
        grouping: DomainLexicon.phrases.map { phrase, expansion in
            (words: phrase.split(separator: " ").map(String.init), expansion: expansion)
        }, by: { $0.words[0] })

    /// The words of folded text; elided words (l', d', qu', jusqu'...) are dropped, other apostrophes join
    /// (« aujourd'hui »).
    private static func removingElisions(_ text: String) -> [String] {
        var words: [String] = []
        for token in text.utf8.split(separator: 0x20) {
            var bytes = Array(token)
            // Leading elided words go (« l'avis », « qu'il », « jusqu'au »); other apostrophes join (« aujourd'hui »).
            while let apostrophe = bytes.firstIndex(of: 0x27) {
                let head = String(decoding: bytes[..<apostrophe], as: UTF8.self)
                if head.isEmpty || elided.contains(head) {
                    bytes.removeSubrange(...apostrophe)
                } else {
                    bytes.remove(at: apostrophe)
                }
            }
            if !bytes.isEmpty { words.append(String(decoding: bytes, as: UTF8.self)) }
        }
        return words
    }

    private static let elided: Set<String> = [
        "l", "d", "j", "m", "t", "s", "c", "n", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "quelqu",
    ]

    /// The character trigrams of the words of `text` (stop words aside), each word framed by `#`: « impot » gives
    /// « #im », « imp », « mpo », « pot », « ot# ». They let misspelt and differently ended words still meet.
    /// - Parameter text: a question or a passage.
    /// - Returns: the trigrams, repeated as often as they occur.
    public static func trigrams(_ text: String) -> [String] { trigrams(words: words(text)) }

    /// The character trigrams of already split words.
    static func trigrams(words: [String]) -> [String] {
        var grams: [String] = []
        for word in words where !FrenchStopWords.words.contains(word) && word.utf8.count > 2 {
            let bytes = [0x23] + Array(word.utf8) + [0x23]
            // Bytes for ASCII words; characters otherwise, so that a gram never cuts a letter in two.
            if bytes.allSatisfy({ $0 < 0x80 }) {
                for start in 0...(bytes.count - 3) {
                    grams.append(String(decoding: bytes[start..<(start + 3)], as: UTF8.self))
                }
            } else {
                let letters = Array("#" + word + "#")
                for start in 0...(letters.count - 3) { grams.append(String(letters[start..<(start + 3)])) }
            }
        }
        return grams
    }

    /// The index terms of `text`.
    /// - Parameter text: a question or a passage.
    /// - Returns: the stems, in order, repeated as often as they occur.
    public func terms(_ text: String) -> [String] { terms(words: Self.words(text)) }

    /// The index terms of already split words.
    func terms(words: [String]) -> [String] {
        var terms: [String] = []
        for word in words where !FrenchStopWords.words.contains(word) {
            guard word.utf8.count > 1 || word.first?.isNumber == true else { continue }
            terms.append(SnowballFrenchStemmer.stem(corrector?.correct(word) ?? word))
        }
        return terms
    }
}
