/// Corrects one-letter misspellings (a letter missing, added, replaced, or two letters swapped) of words of five
/// letters or more, choosing among the index's words the most frequent one.
struct SpellingCorrector: Sendable {
    /// Each known word, and how many passages use it.
    let frequency: [String: Int]
    /// Each word with one letter removed, and the known words it comes from.
    private let deletions: [String: [String]]

    init(frequency: [String: Int]) {
        self.frequency = frequency
        var deletions: [String: [String]] = [:]
        for word in frequency.keys where word.count >= 4 {
            for variant in Self.oneDeleted(word) { deletions[variant, default: []].append(word) }
        }
        for key in deletions.keys { deletions[key]!.sort() }
        self.deletions = deletions
    }

    private static func oneDeleted(_ word: String) -> Set<String> {
        let letters = Array(word)
        var variants = Set<String>()
        for index in letters.indices {
            var copy = letters
            copy.remove(at: index)
            variants.insert(String(copy))
        }
        return variants
    }

    /// `word` if known or short, else the most frequent known word one edit away, else `word`.
    func correct(_ word: String) -> String {
        guard word.count >= 5, frequency[word] == nil, !word.contains(where: \.isNumber) else { return word }
        var candidates = Set<String>()
        // A letter added by mistake: the word with one letter removed is known.
        for variant in Self.oneDeleted(word) where frequency[variant] != nil { candidates.insert(variant) }
        // A letter missing: the word is a known word with one letter removed.
        for known in deletions[word] ?? [] { candidates.insert(known) }
        // A letter replaced or two letters swapped: both lose the same letter... and are checked exactly.
        for variant in Self.oneDeleted(word) {
            for known in deletions[variant] ?? [] where Self.replacedOrSwapped(word, known) { candidates.insert(known) }
        }
        return candidates.max { a, b in
            let x = frequency[a]!
            let y = frequency[b]!
            return x != y ? x < y : a > b
        } ?? word
    }

    private static func replacedOrSwapped(_ a: String, _ b: String) -> Bool {
        let x = Array(a)
        let y = Array(b)
        guard x.count == y.count else { return false }
        let differences = x.indices.filter { x[$0] != y[$0] }
        if differences.count == 1 { return true }
        return differences.count == 2 && differences[1] == differences[0] + 1 && x[differences[0]] == y[differences[1]]
            && x[differences[1]] == y[differences[0]]
    }
}
