/// The readability of a French text by Kandel and Moles' adaptation of Flesch's formula (1958):
/// `207 − 1.015 × words per sentence − 73.6 × syllables per word`. Scores from 60 up read easily; 30 and under are
/// hard.
///
/// Words are runs of letters, apostrophes and inner hyphens (« l'algorithme » and « peut-être » are one word each);
/// tokens with digits are not words. Sentences end with `.`, `!`, `?`, `:` or `;` (a list item without one is
/// counted as a sentence by the notice, which ends each item with a full stop). Syllables are the written ones:
/// groups of vowels (a e i o u y and their accented forms, œ, æ), so the final mute « e » counts, as in hyphenation
/// dictionaries: « votre » has two, « que » one.
public struct FrenchReadability: Sendable, Equatable {
    /// The number of words.
    public var words: Int
    /// The number of sentences.
    public var sentences: Int
    /// The number of syllables.
    public var syllables: Int

    /// Measures a text.
    /// - Parameter text: French prose.
    public init(_ text: String) {
        var words = 0
        var sentences = 0
        var syllables = 0
        var inWord = false
        var wordHasLetter = false
        var wordHasDigit = false
        var wordSyllables = 0
        var previousWasVowel = false
        var sentenceHasWord = false
        func endWord() {
            if inWord && wordHasLetter && !wordHasDigit {
                words += 1
                syllables += max(1, wordSyllables)
                sentenceHasWord = true
            }
            inWord = false
            wordHasLetter = false
            wordHasDigit = false
            wordSyllables = 0
            previousWasVowel = false
        }
        for character in text {
            if character.isLetter {
                inWord = true
                wordHasLetter = true
                let vowel = Self.vowels.contains(Character(character.lowercased()))
                if vowel && !previousWasVowel { wordSyllables += 1 }
                previousWasVowel = vowel
            } else if character.isNumber {
                inWord = true
                wordHasDigit = true
                previousWasVowel = false
            } else if inWord && (character == "'" || character == "’" || character == "-") {
                previousWasVowel = false
            } else {
                endWord()
                if ".!?:;".contains(character) && sentenceHasWord {
                    sentences += 1
                    sentenceHasWord = false
                }
            }
        }
        endWord()
        if sentenceHasWord { sentences += 1 }
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
    }

    private static let vowels: Set<Character> = Set("aeiouyàâäéèêëîïôöùûüÿœæ")

    /// The average number of words per sentence.
    public var wordsPerSentence: Double { sentences == 0 ? 0 : Double(words) / Double(sentences) }

    /// The average number of syllables per word.
    public var syllablesPerWord: Double { words == 0 ? 0 : Double(syllables) / Double(words) }

    /// Kandel and Moles' score.
    public var score: Double { 207 - 1.015 * wordsPerSentence - 73.6 * syllablesPerWord }
}
