/// When the assistant answers, asks to choose, or hands off: thresholds on the best article's score, its lead over
/// the next one, and the share of the question's words it contains. The defaults were calibrated once on the
/// development set (docs/assistant.md), never question by question.
public struct AnswerPolicy: Sendable, Equatable {
    /// The best article's BM25 score must reach this to answer.
    public var minimumScore: Float
    /// The best article must lead the second by this share of its score to answer.
    public var minimumMargin: Float
    /// The best article must contain this share of the question's known terms to answer.
    public var minimumCoverage: Float
    /// Under this score, nothing is close enough: hand off rather than suggest.
    public var suggestionScore: Float

    /// Creates a policy.
    public init(minimumScore: Float, minimumMargin: Float, minimumCoverage: Float, suggestionScore: Float) {
        self.minimumScore = minimumScore
        self.minimumMargin = minimumMargin
        self.minimumCoverage = minimumCoverage
        self.suggestionScore = suggestionScore
    }

    /// The calibrated defaults.
    public static let standard = AnswerPolicy(
        minimumScore: 10, minimumMargin: 0.25, minimumCoverage: 0.5, suggestionScore: 4)
}
