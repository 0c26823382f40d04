import Testing

@testable import LanterneAssistant

@Suite("French text analysis")
struct FrenchAnalyzerTests {
    @Test("Folding: case, accents, ligatures, curly apostrophes")
    func folding() {
        #expect(FrenchFolding.fold("Prélèvement À LA SOURCE") == "prelevement a la source")
        #expect(FrenchFolding.fold("Cœur, ÆSOP’s") == "coeur  aesop's")
    }

    @Test("Elisions go, stop words go, negations stay, words are stemmed")
    func terms() {
        let analyzer = FrenchAnalyzer()
        // « pas d'internet » adds « sans internet »; « internet » adds « en ligne » (« en » is a stop word).
        #expect(analyzer.terms("Je n'ai pas d'internet") == ["pas", "internet", "san", "internet", "internet", "lign"])
        #expect(analyzer.terms("l'avis d'imposition") == ["avis", "imposit"])
        #expect(analyzer.terms("Déclarée, déclarer, déclarations") == ["declar", "declar", "declar"])
    }

    @Test(
        "The Snowball French stemmer on folded words: each step and the regions",
        arguments: [
            // Step 1: « ations » in R2, « aux » in R1 → « al », « ité » in R2, « ement » in RV then « eus » in R2.
            ("declarations", "declar"), ("mensualisation", "mensualis"), ("fiscaux", "fiscal"), ("chevaux", "cheval"),
            ("nationalite", "national"), ("majestueusement", "majestu"),
            // Step 1 then step 5: « ement » goes, then « ell » loses an l.
            ("continuellement", "continuel"),
            // Step 2a: a verb ending in i after a consonant inside RV; step 2b: other verb endings, « ée » read as ee.
            ("finissait", "fin"), ("declarer", "declar"), ("declaree", "declar"), ("declarees", "declar"),
            // The prelude marks y between vowels as a consonant; step 3 turns a final one back into i.
            ("payer", "pai"),
            // Step 4: a final s (not after a, i, o, u, s), « ion » after s or t in R2, a final e.
            ("impots", "impot"), ("imposition", "imposit"), ("fiscale", "fiscal"), ("avis", "avis"),
            // Short words, numbers and other scripts stay whole.
            ("ir", "ir"), ("2026", "2026"), ("naïve", "naïve"),
        ])
    func snowball(word: String, stem: String) {
        #expect(SnowballFrenchStemmer.stem(word) == stem)
    }

    @Test("The Snowball regions: RV, R1 and R2, and the prelude marking u, i and y that act as consonants")
    func regions() {
        // « fameusement »: R1 starts at « eusement » (after « fam »), R2 at « ement »; RV after the first vowel
        // that is not the first letter.
        #expect(SnowballFrenchStemmer.regions(Array("fameusement".utf8)) == (rv: 2, r1: 3, r2: 6))
        // Two vowels first: RV after the third letter; « par », « col », « tap » too.
        #expect(SnowballFrenchStemmer.regions(Array("aimer".utf8)).rv == 3)
        #expect(SnowballFrenchStemmer.regions(Array("parler".utf8)).rv == 3)
        var marked = Array("ennuyeux".utf8)
        SnowballFrenchStemmer.markConsonants(&marked)
        #expect(String(decoding: marked, as: UTF8.self) == "ennuYeux")
    }

    @Test("The domain lexicon: PAS in capitals only, RFR, « feuille d'impôt » for « avis d'impôt »")
    func lexicon() {
        let words = FrenchAnalyzer.words("Le PAS et mon RFR sur ma feuille d’impôt")
        #expect(words.contains("prelevement") && words.contains("source"))
        #expect(words.contains("reference"))
        #expect(words.contains("avis"))
        #expect(!FrenchAnalyzer.words("je ne paie pas").contains("prelevement"))
    }

    @Test("One-letter misspellings of words of five letters or more are corrected to the most frequent word")
    func spelling() {
        let corrector = SpellingCorrector(frequency: [
            "prelevement": 30, "declaration": 40, "mensualisation": 5, "taxe": 9,
        ])
        #expect(corrector.correct("prelevment") == "prelevement")  // a letter missing
        #expect(corrector.correct("declarration") == "declaration")  // a letter added
        #expect(corrector.correct("mensualisaton") == "mensualisation")
        #expect(corrector.correct("declaratoin") == "declaration")  // two letters swapped
        #expect(corrector.correct("taxx") == "taxx")  // too short to correct
        #expect(corrector.correct("prlvmnt") == "prlvmnt")  // too far
    }
}
