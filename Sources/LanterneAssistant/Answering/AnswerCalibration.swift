import Foundation

/// Chooses the answer policy on a labelled question set: the answer model is fitted on the questions that reach the
/// search, and the threshold is the one that answers the most questions rightly while the given answers stay right
/// and the unanswerable questions stay unanswered, both at least at their targets, judged on probabilities that
/// each question's own fold did not see (k-fold cross-validation, folds by position: no randomness). Both rates must
/// reach their target with one standard error to spare (rate − √(rate (1 − rate) / n) ≥ target, n being the answers
/// given or the unanswerable questions): on a few hundred questions a rate just at its target is as likely as not
/// to fall under it on new questions.
public struct AnswerCalibration: Sendable {
    /// The fitted policy: the model from every question, the threshold from cross-validation.
    public var policy: AnswerPolicy
    /// The figures at that threshold from cross-validated probabilities: what to expect on unseen questions.
    public var crossValidated: Figures

    /// Answer rates at one threshold.
    public struct Figures: Sendable, Equatable {
        /// Share of answerable questions answered with the right article.
        public var answeredCorrectly: Double
        /// Share of the given answers that are right.
        public var precision: Double
        /// Share of unanswerable questions not answered.
        public var abstention: Double
        /// The answers given.
        public var answers: Int
        /// The unanswerable questions.
        public var unanswerable: Int

        /// The precision less one standard error.
        public var precisionLowerBound: Double { Self.lowerBound(precision, answers) }
        /// The abstention less one standard error.
        public var abstentionLowerBound: Double { Self.lowerBound(abstention, unanswerable) }

        /// A rate less one standard error (the rate itself when there is nothing to count).
        static func lowerBound(_ rate: Double, _ count: Int) -> Double {
            count == 0 ? rate : rate - (rate * (1 - rate) / Double(count)).squareRoot()
        }
    }

    /// Fits the policy.
    /// - Parameters:
    ///   - assistant: the assistant whose retrieval is calibrated (its policy is not read).
    ///   - items: the labelled questions.
    ///   - folds: the number of cross-validation folds (at least 2).
    ///   - minimumPrecision: the share of right answers to keep.
    ///   - minimumAbstention: the share of unanswerable questions to leave unanswered.
    ///   - outOfScope: questions written only to teach the model what must not be answered (other administrations,
    ///     advice, insults...): each is a wrong first article in every fold's training, and in the final fit, and is
    ///     never measured.
    ///   - base: the policy whose suggestion settings are kept.
    public init(
        assistant: Assistant, items: [Evaluation.Item], folds: Int = 5, minimumPrecision: Double = 0.95,
        minimumAbstention: Double = 0.95, outOfScope: [String] = [], base: AnswerPolicy = .standard
    ) {
        // Each question: screened out before the search (never answered), or its features and whether the first
        // article is the expected one.
        var rows: [[Double]] = []
        var labels: [Bool] = []
        var places: [Int] = []
        for (position, item) in items.enumerated() {
            let text = String(item.question.prefix(Assistant.maximumLength))
            guard QuestionScreen.kind(text) == .question else { continue }
            let found = assistant.retrieve(text)
            guard found.terms > 0, let top = found.ranking.first else { continue }
            rows.append(found.features.vector)
            labels.append(item.expected != nil && assistant.base.articles[top.article].id == item.expected)
            places.append(position)
        }
        // The written out-of-scope questions that reach the search: always wrong.
        var extra: [[Double]] = []
        for question in outOfScope {
            let text = String(question.prefix(Assistant.maximumLength))
            guard QuestionScreen.kind(text) == .question else { continue }
            let found = assistant.retrieve(text)
            guard found.terms > 0, found.ranking.first != nil else { continue }
            extra.append(found.features.vector)
        }
        let negatives = [Bool](repeating: false, count: extra.count)
        let folds = max(2, folds)
        var heldOut = [Double](repeating: 0, count: rows.count)
        for fold in 0..<folds {
            let train = rows.indices.filter { places[$0] % folds != fold }
            let model = AnswerModel.fit(
                rows: train.map { rows[$0] } + extra, labels: train.map { labels[$0] } + negatives)
            for index in rows.indices where places[index] % folds == fold {
                heldOut[index] = model.probability(rows[index])
            }
        }
        let answerable = items.filter { $0.expected != nil }.count
        let unanswerable = items.count - answerable
        func figures(_ threshold: Double) -> Figures {
            var answers = 0
            var right = 0
            var wrongOnUnanswerable = 0
            for index in rows.indices where heldOut[index] >= threshold {
                answers += 1
                if labels[index] { right += 1 }
                if items[places[index]].expected == nil { wrongOnUnanswerable += 1 }
            }
            return Figures(
                answeredCorrectly: answerable == 0 ? 0 : Double(right) / Double(answerable),
                precision: answers == 0 ? 1 : Double(right) / Double(answers),
                abstention: unanswerable == 0 ? 1 : 1 - Double(wrongOnUnanswerable) / Double(unanswerable),
                answers: answers, unanswerable: unanswerable)
        }
        var chosen = 0.99
        var best = figures(chosen)
        for step in stride(from: 98, through: 5, by: -1) {
            let threshold = Double(step) / 100
            let candidate = figures(threshold)
            if candidate.precisionLowerBound >= minimumPrecision && candidate.abstentionLowerBound >= minimumAbstention
                && candidate.answeredCorrectly > best.answeredCorrectly
            {
                chosen = threshold
                best = candidate
            }
        }
        var policy = base
        policy.model = AnswerModel.fit(rows: rows + extra, labels: labels + negatives)
        policy.threshold = chosen
        self.policy = policy
        crossValidated = best
    }

    /// The questions of an out-of-scope training file: one a line, blank lines and lines starting with `#` skipped.
    /// - Parameter text: the file's text.
    /// - Returns: the questions, in order.
    public static func outOfScopeQuestions(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// The policy as Swift source, to paste into ``AnswerPolicy/standard``.
    public var swiftSource: String {
        func number(_ value: Double) -> String { String(format: "%.4f", value) }
        return "AnswerModel(intercept: \(number(policy.model.intercept)), weights: ["
            + policy.model.weights.map(number).joined(separator: ", ") + "]), threshold: "
            + number(policy.threshold)
    }
}
