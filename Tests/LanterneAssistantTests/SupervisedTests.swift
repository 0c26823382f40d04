import Foundation
import LanterneData
import Testing

@testable import LanterneAssistant

@Suite("The supervised ranking and the calibrated decision to answer")
struct SupervisedTests {
    @Test("Without penalty, the answer model's fit is the closed form for one binary feature: each group's logit")
    func logisticClosedForm() {
        // x = 0: 1 right in 4; x = 1: 3 right in 4. The maximum-likelihood intercept is ln(1/3) and the weight
        // ln 3 - ln(1/3) = 2 ln 3.
        let rows: [[Double]] = [[0], [0], [0], [0], [1], [1], [1], [1]]
        let labels = [true, false, false, false, true, true, true, false]
        let model = AnswerModel.fit(rows: rows, labels: labels, ridge: 0)
        #expect(abs(model.intercept - log(1.0 / 3)) < 1e-9)
        #expect(abs(model.weights[0] - 2 * log(3.0)) < 1e-9)
        #expect(abs(model.probability([1]) - 0.75) < 1e-9)
    }

    @Test("Gaussian elimination solves a system by hand and refuses a singular one")
    func solve() {
        // 2x + y = 5, x + 3y = 10: x = 1, y = 3.
        let x = AnswerModel.solve([[2, 1], [1, 3]], [5, 10])!
        #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 3) < 1e-12)
        #expect(AnswerModel.solve([[1, 2], [2, 4]], [1, 2]) == nil)
    }

    @Test("The classifier learns which words go with which article, and the same seed gives the same weights")
    func classifier() {
        let examples: [(terms: [String], article: Int)] = [
            (["taxe", "fonci"], 0), (["fonci", "propriet"], 0), (["taxe", "propriet", "maison"], 0),
            (["divorc", "separ"], 1), (["separ", "enfant"], 1), (["divorc", "garde"], 1),
        ]
        let model = ArticleClassifier.train(examples: examples, classes: 2, seed: 7)
        let foncier = model.probabilities(["fonci"])
        #expect(foncier[0] > 0.8)
        #expect(abs(foncier.reduce(0, +) - 1) < 1e-5)
        #expect(model.probabilities(["divorc", "inconnu"])[1] > 0.8)
        // No known term: every article is as likely.
        #expect(model.probabilities(["inconnu"]) == [0.5, 0.5])
        #expect(ArticleClassifier.train(examples: examples, classes: 2, seed: 7) == model)
    }

    @Test("Paraphrase files: blocks by article id, comments skipped, an unknown id or a stray line named with its line")
    func paraphraseFiles() throws {
        var found: [String: [String]] = [:]
        try KnowledgeBase.parseParaphrases(
            "# a comment\n## a\nune question\n\n  une autre  \n## b\nb1\n", file: "p.txt", known: ["a", "b"],
            into: &found)
        #expect(found == ["a": ["une question", "une autre"], "b": ["b1"]])
        do {
            try KnowledgeBase.parseParaphrases("## a\nq\n## zz\n", file: "p.txt", known: ["a"], into: &found)
            Issue.record("no error")
        } catch let error as KnowledgeBaseError {
            #expect(error.message(.fr) == "p.txt:3: aucun article « zz » dans la base")
        }
        #expect(throws: KnowledgeBaseError.self) {
            try KnowledgeBase.parseParaphrases("orpheline\n", file: "p.txt", known: ["a"], into: &found)
        }
    }

    @Test("The shipped base has at least eight paraphrases for every article, and a classifier is trained on them")
    func shippedParaphrases() throws {
        let base = try KnowledgeBase.shipped()
        for article in base.articles { #expect(article.paraphrases.count >= 8, "\(article.id)") }
        #expect(AssistantTests.assistant.classifier?.classes == base.articles.count)
    }

    /// The written out-of-scope questions that `assistant calibrate --out-of-scope` learns from.
    static func outOfScope() throws -> [String] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "Sources/LanterneAssistant/Evaluation/out-of-scope-training.txt")
        return AnswerCalibration.outOfScopeQuestions(try String(contentsOf: path, encoding: .utf8))
    }

    @Test("The out-of-scope training file: one question a line, comments and blank lines skipped")
    func outOfScopeFile() throws {
        let parsed = AnswerCalibration.outOfScopeQuestions("# note\nrecette de crêpes\n\n  horaires de la mairie \n")
        #expect(parsed == ["recette de crêpes", "horaires de la mairie"])
        let written = try Self.outOfScope()
        #expect(written.count == 159)
        // None of them is a question of the development set.
        let dev = Set(try AssistantTests.devSet().map { $0.question.lowercased() })
        #expect(written.allSatisfy { !dev.contains($0.lowercased()) })
    }

    @Test("The standard policy is what calibrating on the development set gives (model and threshold)")
    func standardIsCalibrated() throws {
        let calibration = AnswerCalibration(
            assistant: AssistantTests.assistant, items: try AssistantTests.devSet(), outOfScope: try Self.outOfScope())
        let standard = AnswerPolicy.standard
        #expect(calibration.policy.threshold == standard.threshold)
        #expect(abs(calibration.policy.model.intercept - standard.model.intercept) < 1e-3)
        for (fitted, shipped) in zip(calibration.policy.model.weights, standard.model.weights) {
            #expect(abs(fitted - shipped) < 1e-3)
        }
        // The targets hold on probabilities each question's fold did not see.
        #expect(calibration.crossValidated.precision >= 0.95)
        #expect(calibration.crossValidated.abstention >= 0.95)
    }
}
