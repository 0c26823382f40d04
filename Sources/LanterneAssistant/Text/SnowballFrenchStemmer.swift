/// The French stemmer of the Snowball project (Martin Porter's « French stemming algorithm », as published on
/// snowballstem.org), written here from that description, for words already folded by ``FrenchFolding`` (lower
/// case, no accents).
///
/// The published algorithm reads accents; the analysis folds them first, because people write « declaree » for
/// « déclarée ». So the endings that carry an accent are read without it where that keeps the word's forms
/// together: « é, ée, ées, és » of step 2b become « ee, ees, es » (a bare final « e » is left to step 4, which removes
/// it anyway), « ité(s) » and « ièr » of step 1 and « ière » of step 4 lose their accent, and « è » before a final
/// « s » in step 4 reads as « e ». The endings whose accent is what tells them apart from common endings (« âmes,
/// ât, âtes » of step 2b, « îmes, ît, îtes » of step 2a, « èrent ») are left out: read without their accent they
/// would cut « resultat » but not « resultats ». Step 6 (taking the accent off a final é or è) has nothing to do.
/// Everything else follows the description: the marking of u, i and y that act as consonants, the regions RV, R1
/// and R2, steps 1 (standard suffixes), 2a (verbs in -ir), 2b (other verbs), 3, 4 (residual suffixes) and 5
/// (undoubling).
enum SnowballFrenchStemmer {
    // Bytes of the letters the rules name; upper-case U, I and Y mark the u, i and y that act as consonants.
    private static let upperU = UInt8(ascii: "U")
    private static let upperI = UInt8(ascii: "I")
    private static let upperY = UInt8(ascii: "Y")

    /// The stem of a folded word. Words of other scripts, words with digits and words of two letters or fewer are
    /// kept whole.
    static func stem(_ word: String) -> String {
        var letters = Array(word.utf8)
        guard letters.count > 2, letters.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        markConsonants(&letters)
        var stemmer = Work(letters)
        stemmer.run()
        return String(decoding: stemmer.word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Whether a byte is one of the vowels a, e, i, o, u, y (the marked U, I, Y are not).
    static func isVowel(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: true
        default: false
        }
    }

    /// The prelude: u or i between two vowels, y after or before a vowel, and u after q are consonants, marked in
    /// upper case.
    static func markConsonants(_ word: inout [UInt8]) {
        for index in word.indices {
            let letter = word[index]
            let after = index + 1 < word.count && isVowel(word[index + 1])
            let before = index > 0 && isVowel(word[index - 1])
            if before && after && (letter == UInt8(ascii: "u") || letter == UInt8(ascii: "i")) {
                word[index] = letter - 32
            } else if letter == UInt8(ascii: "y") && (before || after) {
                word[index] = upperY
            } else if letter == UInt8(ascii: "u") && index > 0 && word[index - 1] == UInt8(ascii: "q") {
                word[index] = upperU
            }
        }
    }

    /// The beginnings after which RV starts at the fourth letter.
    private static let prefixes: [[UInt8]] = [Array("par".utf8), Array("col".utf8), Array("tap".utf8)]

    /// The regions of a marked word: RV, R1 and R2, each as the index where it starts (the word's length when it is
    /// empty).
    static func regions(_ word: [UInt8]) -> (rv: Int, r1: Int, r2: Int) {
        let count = word.count
        var rv = count
        if count >= 3 && isVowel(word[0]) && isVowel(word[1]) {
            rv = 3
        } else if count >= 3, prefixes.contains(where: { $0[0] == word[0] && $0[1] == word[1] && $0[2] == word[2] }) {
            rv = 3
        } else if count > 1, let vowel = word[1...].firstIndex(where: isVowel) {
            rv = vowel + 1
        }
        func region(after start: Int) -> Int {
            var index = start
            while index < count && !isVowel(word[index]) { index += 1 }
            while index < count && isVowel(word[index]) { index += 1 }
            return min(count, index + 1)
        }
        let r1 = region(after: 0)
        let r2 = r1 < count ? region(after: r1) : count
        return (rv, r1, r2)
    }

    /// One word through the steps.
    private struct Work {
        var word: [UInt8]
        let rv: Int
        let r1: Int
        let r2: Int

        init(_ word: [UInt8]) {
            self.word = word
            (rv, r1, r2) = SnowballFrenchStemmer.regions(word)
        }

        /// Whether the word ends with `suffix`.
        func ends(_ suffix: [UInt8]) -> Bool {
            word.count >= suffix.count && word[(word.count - suffix.count)...].elementsEqual(suffix)
        }

        /// The longest suffix of `table` the word ends with.
        func longest(_ table: SuffixTable) -> [UInt8]? {
            guard let last = word.last else { return nil }
            // The table's suffixes ending with that letter, longest first: the first that matches is the longest.
            for suffix in table.byLastLetter[Int(last)] where ends(suffix) { return suffix }
            return nil
        }

        /// Where a suffix of `length` letters starts.
        func start(_ length: Int) -> Int { word.count - length }

        mutating func delete(_ length: Int) { word.removeLast(length) }

        mutating func replace(_ length: Int, with text: String) {
            word.removeLast(length)
            word.append(contentsOf: text.utf8)
        }

        mutating func run() {
            var changedBySuffix = false
            switch standardSuffix() {
            case .changed: changedBySuffix = true
            case .changedThenVerb, .unchanged:
                // Step 2a when step 1 removed nothing or removed an adverb's « ment »; 2b when 2a finds nothing.
                if iVerbSuffix() || verbSuffix() { changedBySuffix = true }
            }
            if changedBySuffix {
                // Step 3.
                if word.last == SnowballFrenchStemmer.upperY {
                    word[word.count - 1] = UInt8(ascii: "i")
                }
            } else {
                residualSuffix()
            }
            undouble()
        }

        enum Outcome { case unchanged, changed, changedThenVerb }

        /// Step 1: standard suffixes.
        mutating func standardSuffix() -> Outcome {
            guard let suffix = longest(Tables.step1) else { return .unchanged }
            let length = suffix.count
            let at = start(length)
            let text = String(decoding: suffix, as: UTF8.self)
            switch text {
            case "ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes":
                guard at >= r2 else { return .unchanged }
                delete(length)
            case "atrice", "ateur", "ation", "atrices", "ateurs", "ations":
                guard at >= r2 else { return .unchanged }
                delete(length)
                if ends(Tables.ic) { if start(2) >= r2 { delete(2) } else { replace(2, with: "iqU") } }
            case "logie", "logies":
                guard at >= r2 else { return .unchanged }
                replace(length, with: "log")
            case "usion", "ution", "usions", "utions":
                guard at >= r2 else { return .unchanged }
                replace(length, with: "u")
            case "ence", "ences":
                guard at >= r2 else { return .unchanged }
                replace(length, with: "ent")
            case "ement", "ements":
                guard at >= rv else { return .unchanged }
                delete(length)
                if ends(Tables.iv) {
                    if start(2) >= r2 {
                        delete(2)
                        if ends(Tables.at) && start(2) >= r2 { delete(2) }
                    }
                } else if ends(Tables.eus) {
                    if start(3) >= r2 { delete(3) } else if start(3) >= r1 { replace(3, with: "eux") }
                } else if ends(Tables.abl) || ends(Tables.iqU) {
                    if start(3) >= r2 { delete(3) }
                } else if ends(Tables.ier) || ends(Tables.iErMarked) {
                    if start(3) >= rv { replace(3, with: "i") }
                }
            case "ite", "ites":
                guard at >= r2 else { return .unchanged }
                delete(length)
                if ends(Tables.abil) {
                    if start(4) >= r2 { delete(4) } else { replace(4, with: "abl") }
                } else if ends(Tables.ic) {
                    if start(2) >= r2 { delete(2) } else { replace(2, with: "iqU") }
                } else if ends(Tables.iv) {
                    if start(2) >= r2 { delete(2) }
                }
            case "if", "ive", "ifs", "ives":
                guard at >= r2 else { return .unchanged }
                delete(length)
                if ends(Tables.at) && start(2) >= r2 {
                    delete(2)
                    if ends(Tables.ic) { if start(2) >= r2 { delete(2) } else { replace(2, with: "iqU") } }
                }
            case "eaux":
                replace(length, with: "eau")
            case "aux":
                guard at >= r1 else { return .unchanged }
                replace(length, with: "al")
            case "euse", "euses":
                if at >= r2 {
                    delete(length)
                } else if at >= r1 {
                    replace(length, with: "eux")
                } else {
                    return .unchanged
                }
            case "issement", "issements":
                guard at >= r1, at > 0, !SnowballFrenchStemmer.isVowel(word[at - 1]) else { return .unchanged }
                delete(length)
            case "amment":
                guard at >= rv else { return .unchanged }
                replace(length, with: "ant")
                return .changedThenVerb
            case "emment":
                guard at >= rv else { return .unchanged }
                replace(length, with: "ent")
                return .changedThenVerb
            default:  // ment, ments
                guard at > 0, at - 1 >= rv, SnowballFrenchStemmer.isVowel(word[at - 1]) else { return .unchanged }
                delete(length)
                return .changedThenVerb
            }
            return .changed
        }

        /// Step 2a: verb endings in i, removed inside RV when a consonant (also inside RV) comes before them.
        mutating func iVerbSuffix() -> Bool {
            guard let suffix = longest(Tables.step2a) else { return false }
            let at = start(suffix.count)
            guard at > rv, !SnowballFrenchStemmer.isVowel(word[at - 1]) else { return false }
            delete(suffix.count)
            return true
        }

        /// Step 2b: other verb endings, inside RV.
        mutating func verbSuffix() -> Bool {
            guard let suffix = longest(Tables.step2b) else { return false }
            let at = start(suffix.count)
            guard at >= rv else { return false }
            if suffix == Tables.ions {
                guard at >= r2 else { return false }
                delete(suffix.count)
            } else if Tables.step2bThenE.contains(suffix) {
                delete(suffix.count)
                if ends(Tables.e) && start(1) >= rv { delete(1) }
            } else {
                delete(suffix.count)
            }
            return true
        }

        /// Step 4: a final s, then « ion », « ier », « ière » or « e » inside RV.
        mutating func residualSuffix() {
            if let last = word.last, last == UInt8(ascii: "s"), word.count >= 2,
                !Tables.keepS.contains(word[word.count - 2])
            {
                word.removeLast()
            }
            guard let suffix = longest(Tables.step4) else { return }
            let at = start(suffix.count)
            guard at >= rv else { return }
            if suffix == Tables.ion {
                let letter = at > 0 ? word[at - 1] : 0
                guard at >= r2, at - 1 >= rv, letter == UInt8(ascii: "s") || letter == UInt8(ascii: "t") else {
                    return
                }
                delete(3)
            } else if suffix == Tables.e {
                delete(1)
            } else {
                replace(suffix.count, with: "i")
            }
        }

        /// Step 5: a final « enn », « onn », « ett », « ell » or « eill » loses its last letter.
        mutating func undouble() {
            if Tables.doubles.contains(where: ends) { word.removeLast() }
        }
    }

    /// Suffixes grouped by their last letter, longest first in each group.
    struct SuffixTable {
        let byLastLetter: [[[UInt8]]]

        init(_ suffixes: [[UInt8]]) {
            var groups = [[[UInt8]]](repeating: [], count: 256)
            for suffix in suffixes { groups[Int(suffix.last!)].append(suffix) }
            byLastLetter = groups.map { $0.sorted { $0.count > $1.count } }
        }
    }

    /// The endings, as bytes.
    private enum Tables {
        static func bytes(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }
        static let step1 = SuffixTable(
            bytes([
                "ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes", "atrice",
                "ateur", "ation", "atrices", "ateurs", "ations", "logie", "logies", "usion", "ution", "usions",
                "utions", "ence", "ences", "ement", "ements", "ite", "ites", "if", "ive", "ifs", "ives", "eaux", "aux",
                "euse", "euses", "issement", "issements", "amment", "emment", "ment", "ments",
            ]))
        static let step2a = SuffixTable(
            bytes([
                "i", "ie", "ies", "ir", "ira", "irai", "iraIent", "irais", "irait", "iras", "irent", "irez", "iriez",
                "irions", "irons", "iront", "is", "issaIent", "issais", "issait", "issant", "issante", "issantes",
                "issants", "isse", "issent", "isses", "issez", "issiez", "issions", "issons", "it",
            ]))
        static let step2bThenE = Set(
            bytes([
                "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as", "asse", "assent", "asses",
                "assiez", "assions",
            ]))
        static let step2b = SuffixTable(
            bytes([
                "ions", "ee", "ees", "es", "er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez", "eriez",
                "erions", "erons", "eront", "ez", "iez",
            ]) + Array(step2bThenE))
        static let step4 = SuffixTable(bytes(["ion", "ier", "iere", "Ier", "Iere", "e"]))
        static let doubles = bytes(["enn", "onn", "ett", "ell", "eill"])
        static let keepS = Set("aiouse".utf8)
        static let ic = Array("ic".utf8)
        static let iv = Array("iv".utf8)
        static let at = Array("at".utf8)
        static let eus = Array("eus".utf8)
        static let abl = Array("abl".utf8)
        static let iqU = Array("iqU".utf8)
        static let ier = Array("ier".utf8)
        static let iErMarked = Array("Ier".utf8)
        static let abil = Array("abil".utf8)
        static let ions = Array("ions".utf8)
        static let ion = Array("ion".utf8)
        static let e = Array("e".utf8)
    }
}
