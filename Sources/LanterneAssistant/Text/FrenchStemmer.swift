/// A light French stemmer: plurals, feminine and verb endings, and the commonest derivations, so that « déclarer »,
/// « déclaré », « déclaration » and « déclarations » meet at « declar ». Works on folded words.
enum FrenchStemmer {
    /// Endings removed, longest first, with the shortest stem each may leave.
    private static let endings: [(String, Int)] = [
        ("issements", 4), ("issement", 4), ("ements", 4), ("ement", 4), ("ations", 4), ("ation", 4), ("itions", 4),
        ("ition", 4), ("atrices", 4), ("atrice", 4), ("ateurs", 4), ("ateur", 4), ("ances", 4), ("ance", 4),
        ("ences", 4), ("ence", 4), ("ables", 4), ("able", 4), ("ibles", 4), ("ible", 4), ("iques", 4), ("ique", 4),
        ("euses", 4), ("euse", 4), ("eurs", 4), ("eur", 4), ("ites", 4), ("ite", 4), ("ives", 4), ("ive", 4),
        ("aient", 4), ("ais", 4), ("ait", 4), ("ions", 4), ("ees", 3), ("ee", 3), ("er", 3), ("ez", 3), ("es", 3),
        ("e", 3), ("ant", 5), ("ent", 5), ("if", 4), ("s", 3),
    ]

    /// The stem of a folded word; words of three letters or fewer, and numbers, are kept whole.
    static func stem(_ word: String) -> String {
        guard word.count > 3, !word.contains(where: \.isNumber) else { return word }
        var word = word
        if word.hasSuffix("eaux") {
            word.removeLast()
        } else if word.hasSuffix("aux") && word.count > 4 {
            word.removeLast(2)
            word += "l"
        } else if word.hasSuffix("x") || (word.hasSuffix("s") && !word.hasSuffix("ss")) {
            word.removeLast()
        }
        for (ending, shortest) in endings where word.hasSuffix(ending) && word.count - ending.count >= shortest {
            word.removeLast(ending.count)
            break
        }
        // « imposé » and « impos » meet; a doubled final consonant is made single (« taxe » / « tax »).
        if word.count > 4, let last = word.last, word.dropLast().last == last, !"aeiouy".contains(last) {
            word.removeLast()
        }
        return word
    }
}
