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
        #expect(analyzer.terms("l'avis d'imposition") == ["avi", "impos"])
        #expect(FrenchStemmer.stem("declarations") == "declar")
        #expect(FrenchStemmer.stem("declarer") == "declar")
        #expect(FrenchStemmer.stem("declaree") == "declar")
        #expect(FrenchStemmer.stem("impots") == "impot")
        #expect(FrenchStemmer.stem("fiscaux") == "fiscal")
        #expect(FrenchStemmer.stem("fiscale") == "fiscal")
        #expect(FrenchStemmer.stem("mensualisation") == "mensualis")
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
