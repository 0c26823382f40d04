/// How an article's retrieval scores add up to the score that ranks it: its whole text's BM25 score, its best
/// paragraph's, its character-trigram score, its best matching title, question or paraphrase, and the supervised model's
/// probability. Chosen on the
/// development set (docs/assistant.md), never question by question.
public struct RankingWeights: Sendable, Equatable {
    /// The whole article's BM25 score.
    public var article: Float
    /// The best paragraph's BM25 score.
    public var paragraph: Float
    /// The whole article's character-trigram BM25 score.
    public var trigram: Float
    /// The best matching title, question or paraphrase's BM25 score.
    public var question: Float
    /// The supervised model's probability (``ArticleClassifier``).
    public var classifier: Float

    /// Creates weights.
    public init(article: Float, paragraph: Float, trigram: Float, question: Float, classifier: Float) {
        self.article = article
        self.paragraph = paragraph
        self.trigram = trigram
        self.question = question
        self.classifier = classifier
    }

    /// The chosen weights.
    public static let standard = RankingWeights(
        article: 1, paragraph: 0.5, trigram: 0.1, question: 0.5, classifier: 20)
}
