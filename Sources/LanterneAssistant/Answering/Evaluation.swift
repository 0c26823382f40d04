/// How well the assistant does on questions with known answers (an article id, or none when the base cannot or must
/// not answer).
public struct Evaluation: Sendable, Equatable {
    /// One question and the article that answers it (`nil`: none does).
    public struct Item: Sendable, Equatable {
        /// The question.
        public var question: String
        /// The expected article's id, or `nil`.
        public var expected: String?

        /// Creates an item.
        public init(question: String, expected: String?) {
            self.question = question
            self.expected = expected
        }
    }

    /// Questions with an expected article.
    public var answerable: Int
    /// Questions without one.
    public var unanswerable: Int
    /// Share of answerable questions whose article ranks first.
    public var recallAt1: Double
    /// Share whose article is in the first three.
    public var recallAt3: Double
    /// Mean reciprocal rank of the expected article (0 when absent).
    public var meanReciprocalRank: Double
    /// Share of unanswerable questions the assistant did not answer.
    public var correctAbstention: Double
    /// Share of answers given whose article is the expected one.
    public var answerPrecision: Double
    /// Share of answerable questions answered with the right article.
    public var answeredCorrectly: Double
    /// The questions answered wrongly or not answered, for reading (question, expected, given — or the first
    /// article ranked, in brackets, when none was given).
    public var misses: [(question: String, expected: String?, given: String?)]

    /// Evaluates an assistant.
    /// - Parameters:
    ///   - assistant: the assistant.
    ///   - items: the questions.
    public init(assistant: Assistant, items: [Item]) {
        var answerable = 0
        var unanswerable = 0
        var top1 = 0
        var top3 = 0
        var reciprocal = 0.0
        var abstained = 0
        var answers = 0
        var rightAnswers = 0
        var misses: [(String, String?, String?)] = []
        for item in items {
            let reply = assistant.reply(to: item.question)
            let given = reply.status == .answer ? reply.articleID : nil
            if reply.status == .answer { answers += 1 }
            if let expected = item.expected {
                answerable += 1
                let ranking = assistant.rank(item.question).ranking.map { assistant.base.articles[$0.article].id }
                if let position = ranking.firstIndex(of: expected) {
                    if position == 0 { top1 += 1 }
                    if position < 3 { top3 += 1 }
                    reciprocal += 1 / Double(position + 1)
                }
                if given == expected {
                    rightAnswers += 1
                } else {
                    misses.append((item.question, expected, given ?? ranking.first.map { "(" + $0 + ")" }))
                }
            } else {
                unanswerable += 1
                if reply.status != .answer { abstained += 1 } else { misses.append((item.question, nil, given)) }
            }
        }
        self.answerable = answerable
        self.unanswerable = unanswerable
        recallAt1 = answerable == 0 ? 0 : Double(top1) / Double(answerable)
        recallAt3 = answerable == 0 ? 0 : Double(top3) / Double(answerable)
        meanReciprocalRank = answerable == 0 ? 0 : reciprocal / Double(answerable)
        correctAbstention = unanswerable == 0 ? 1 : Double(abstained) / Double(unanswerable)
        answerPrecision = answers == 0 ? 1 : Double(rightAnswers) / Double(answers)
        answeredCorrectly = answerable == 0 ? 0 : Double(rightAnswers) / Double(answerable)
        self.misses = misses
    }

    /// Equality of the figures (misses aside).
    public static func == (a: Evaluation, b: Evaluation) -> Bool {
        a.answerable == b.answerable && a.unanswerable == b.unanswerable && a.recallAt1 == b.recallAt1
            && a.recallAt3 == b.recallAt3 && a.correctAbstention == b.correctAbstention
            && a.answerPrecision == b.answerPrecision
    }
}
