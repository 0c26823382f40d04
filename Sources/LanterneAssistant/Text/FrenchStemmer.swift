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
        ("e", 4), ("ant", 5), ("ent", 5), ("if", 4), ("s", 3),
    ]

    /// The stem of a folded word; words of three letters or fewer, and numbers, are kept whole.
    static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        // Words of three letters or fewer, numbers and words of other scripts are kept whole.
        guard bytes.count > 3, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        func ends(_ suffix: [UInt8]) -> Bool {
            bytes.count >= suffix.count && bytes[(bytes.count - suffix.count)...].elementsEqual(suffix)
        }
        if ends(eaux) {
            bytes.removeLast()
        } else if ends(aux) && bytes.count > 4 {
            bytes.removeLast(2)
            bytes.append(0x6C)  // l
        } else if ends(x) || (ends(s) && !ends(ss)) {
            bytes.removeLast()
        }
        for (ending, shortest) in endingBytes where ends(ending) && bytes.count - ending.count >= shortest {
            bytes.removeLast(ending.count)
            break
        }
        // A doubled final consonant is made single (« taxe » / « tax »).
        if bytes.count > 4, bytes[bytes.count - 1] == bytes[bytes.count - 2], !vowels.contains(bytes[bytes.count - 1]) {
            bytes.removeLast()
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let endingBytes: [([UInt8], Int)] = endings.map { (Array($0.0.utf8), $0.1) }
    private static let eaux = Array("eaux".utf8)
    private static let aux = Array("aux".utf8)
    private static let x = Array("x".utf8)
    private static let s = Array("s".utf8)
    private static let ss = Array("ss".utf8)
    private static let vowels = Set("aeiouy".utf8)
}
