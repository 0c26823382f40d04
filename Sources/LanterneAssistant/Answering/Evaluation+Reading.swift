import LanterneData

extension Evaluation {
    /// The questions of a CSV question set: its `question` column and its `expected` article ids (empty: the base
    /// must not answer), each expected id checked against the base.
    /// - Parameters:
    ///   - table: the question set, read with both columns as text.
    ///   - file: the file's name, for messages.
    ///   - base: the knowledge base the ids refer to.
    /// - Returns: the items, in file order.
    /// - Throws: ``QuestionSetError`` naming the file, or the file and line of an unknown article.
    public static func items(from table: Table, file: String, base: KnowledgeBase) throws -> [Item] {
        guard let question = table.column(named: "question"), let expected = table.column(named: "expected") else {
            throw QuestionSetError(
                place: file, french: "il faut les colonnes « question » et « expected »",
                english: "the columns “question” and “expected” are required")
        }
        let known = Set(base.articles.map(\.id))
        return try (0..<table.rowCount).map { row in
            let id = expected.isMissing(row) ? nil : expected.formatted(row)
            if let id, !id.isEmpty, !known.contains(id) {
                throw QuestionSetError(
                    place: "\(file):\(row + 2)", french: "l'article attendu « \(id) » n'existe pas dans la base",
                    english: "the expected article “\(id)” is not in the base")
            }
            return Item(question: question.formatted(row) ?? "", expected: id?.isEmpty == true ? nil : id)
        }
    }

    /// The figures as one line of JSON, what `lanterne assistant eval --format json` prints.
    public var json: String {
        "{\"answerable\":\(answerable),\"unanswerable\":\(unanswerable),"
            + "\"recall_at_1\":\(JSONText.number(recallAt1)),"
            + "\"recall_at_3\":\(JSONText.number(recallAt3)),"
            + "\"mrr\":\(JSONText.number(meanReciprocalRank)),"
            + "\"correct_abstention\":\(JSONText.number(correctAbstention)),"
            + "\"answer_precision\":\(JSONText.number(answerPrecision)),"
            + "\"answered_correctly\":\(JSONText.number(answeredCorrectly))}\n"
    }

    /// The figures as lines of text, with the missed questions (expected, given, question; tab-separated) when
    /// asked, what `lanterne assistant eval` prints.
    /// - Parameter misses: whether to list the missed questions.
    /// - Returns: the lines, each ending with a line end.
    public func text(misses listed: Bool) -> String {
        func show(_ value: Double) -> String { ReadableNumber.text(value, language: .en, decimals: 3) }
        var lines = [
            "questions: \(answerable) answerable, \(unanswerable) unanswerable",
            "recall@1: \(show(recallAt1))",
            "recall@3: \(show(recallAt3))",
            "MRR: \(show(meanReciprocalRank))",
            "correct abstention: \(show(correctAbstention))",
            "answer precision: \(show(answerPrecision))",
            "answered correctly: \(show(answeredCorrectly))",
        ]
        if listed {
            lines += misses.map { "MISS\t\($0.expected ?? "-")\t\($0.given ?? "-")\t\($0.question)" }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
