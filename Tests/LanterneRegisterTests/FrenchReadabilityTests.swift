import LanterneRegister
import Testing

@Suite("Kandel and Moles' French readability")
struct FrenchReadabilityTests {
    @Test("Two short sentences of one-syllable words: 207 − 1.015 × 3 − 73.6 × 1 = 130.355")
    func short() {
        let measure = FrenchReadability("Le chat dort. Il fait beau.")
        #expect(measure.words == 6)
        #expect(measure.sentences == 2)
        #expect(measure.syllables == 6)
        #expect(abs(measure.score - 130.355) < 1e-9)
    }

    @Test("Written syllables: votre 2, dossier 2, été 2, examiné 4, agent 2; one sentence of 8 words scores 60.88")
    func written() {
        let measure = FrenchReadability("Votre dossier a été examiné par un agent.")
        #expect(measure.words == 8)
        #expect(measure.syllables == 15)
        #expect(abs(measure.score - (207 - 1.015 * 8 - 73.6 * 15 / 8)) < 1e-9)
        #expect(abs(measure.score - 60.88) < 1e-9)
    }

    @Test("Elisions and hyphens stay in one word, numbers are not words, a list item without a stop is a sentence")
    func tokens() {
        let measure = FrenchReadability("L'article L311-3-1 : peut-être 12 % d'écart\nfin")
        // l'article (a, i, e: 3), peut-être (eu, ê, e: 3), d'écart (é, a: 2), fin (1); L311-3-1 and 12 are not words.
        #expect(measure.words == 4)
        #expect(measure.syllables == 9)
        #expect(measure.sentences == 2)
    }
}
