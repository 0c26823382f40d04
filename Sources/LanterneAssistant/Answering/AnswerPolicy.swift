/// When the assistant answers, asks to choose, or hands off. It answers when the answer model's probability that the
/// first article is right reaches the threshold; otherwise it suggests the three best articles when something is
/// close, else hands off. The model and the threshold are chosen on the development set by
/// `lanterne assistant calibrate` (``AnswerCalibration``), never question by question.
public struct AnswerPolicy: Sendable, Equatable {
    /// The chance that the first article is right, from the retrieval's features.
    public var model: AnswerModel
    /// The probability the model must give to answer.
    public var threshold: Double
    /// Under this score, nothing is close enough: hand off rather than suggest.
    public var suggestionScore: Float
    /// Under this coverage of the question by the best article, hand off rather than suggest.
    public var suggestionCoverage: Float

    /// Creates a policy.
    public init(model: AnswerModel, threshold: Double, suggestionScore: Float, suggestionCoverage: Float) {
        self.model = model
        self.threshold = threshold
        self.suggestionScore = suggestionScore
        self.suggestionCoverage = suggestionCoverage
    }

    /// The calibrated defaults (`lanterne assistant calibrate Sources/LanterneAssistant/Evaluation/dev.csv`).
    public static let standard = AnswerPolicy(
        model: AnswerModel(
            intercept: -10.5195,
            weights: [0.1143, 6.3759, 4.8943, -0.4186, 2.0293, -4.0604, -3.6405, 3.5738, 2.8160, -0.1313, -0.8676]),
        threshold: 0.77, suggestionScore: 4, suggestionCoverage: 0.25)
}
