import LanterneData

/// The tax assistant: it searches the knowledge base, answers with a passage and its source only when sure, else
/// suggests articles or hands off to a person, and always says how to reach one. It never writes text of its own
/// beyond a few fixed sentences.
public struct Assistant: Sendable {
    /// The articles.
    public let base: KnowledgeBase
    /// Their index.
    public let index: SearchIndex
    /// The articles' index by character trigrams, whose score is added to the words'.
    public let trigrams: SearchIndex
    /// When to answer.
    public var policy: AnswerPolicy
    private let analyzer: FrenchAnalyzer
    /// Each article's terms, to measure how much of a question it covers.
    private let articleTerms: [Set<String>]

    /// How much the best paragraph's score adds to the whole article's.
    static let paragraphWeight: Float = 0.5
    /// How much the trigram score adds.
    static let trigramWeight: Float = 0.1

    /// The longest question read, in characters; longer ones are cut, and the reply says so.
    public static let maximumLength = 2000

    /// Creates an assistant over a base, indexing it.
    /// - Parameters:
    ///   - base: the articles.
    ///   - policy: when to answer.
    ///   - progress: a bar counting the pieces of text analysed (each article's title, questions and paragraphs),
    ///     finished once both indexes are built; it does not change them.
    public init(base: KnowledgeBase, policy: AnswerPolicy = .standard, progress: ProgressBar? = nil) {
        // Each piece of text is analysed once: the title, the questions and each paragraph. A paragraph's passage is
        // its title and itself; the whole article's passage (the title twice, the questions, every paragraph) finds
        // the topic and gives the trigram index.
        let pieces = base.articles.flatMap { article in
            [article.title, article.questions.joined(separator: "\n")] + article.paragraphs
        }
        // Terms and trigrams are word by word, so a passage's are its pieces' put end to end.
        progress?.start(total: pieces.count)
        let analyzed = pieces.parallelMap { piece -> (words: [String], terms: [String], grams: [String]) in
            let words = FrenchAnalyzer.words(piece)
            defer { progress?.advance() }
            return (words, FrenchAnalyzer().terms(words: words), FrenchAnalyzer.trigrams(words: words))
        }
        var passages: [Passage] = []
        var wordLists: [[String]] = []
        var termLists: [[String]] = []
        var wholeGrams: [[String]] = []
        var next = 0
        for (number, article) in base.articles.enumerated() {
            let title = analyzed[next]
            let questions = analyzed[next + 1]
            let paragraphs = analyzed[(next + 2)..<(next + 2 + article.paragraphs.count)]
            next += 2 + article.paragraphs.count
            passages.append(Passage(article: number, paragraph: -1))
            wordLists.append(title.words + title.words + questions.words + paragraphs.flatMap(\.words))
            termLists.append(title.terms + title.terms + questions.terms + paragraphs.flatMap(\.terms))
            wholeGrams.append(title.grams + title.grams + questions.grams + paragraphs.flatMap(\.grams))
            for (paragraph, piece) in paragraphs.enumerated() {
                passages.append(Passage(article: number, paragraph: paragraph))
                wordLists.append(title.words + piece.words)
                termLists.append(title.terms + piece.terms)
            }
        }
        let whole = passages.filter { $0.paragraph < 0 }
        let (allPassages, words, terms, grams) = (passages, wordLists, termLists, wholeGrams)
        // The two indexes are built side by side.
        let built = [0, 1].parallelMap(minimumPerWorker: 1) { which -> SearchIndex in
            which == 0
                ? SearchIndex(passages: allPassages, words: words, terms: terms)
                : SearchIndex(passages: whole, words: [], terms: grams)
        }
        let index = built[0]
        let trigrams = built[1]
        progress?.finish()
        self.init(base: base, index: index, trigrams: trigrams, policy: policy)
    }

    /// Creates an assistant from a base and its saved indexes.
    public init(base: KnowledgeBase, index: SearchIndex, trigrams: SearchIndex, policy: AnswerPolicy = .standard) {
        self.base = base
        self.index = index
        self.trigrams = trigrams
        self.policy = policy
        analyzer = index.analyzer
        // Each article's terms, read back from the index's whole-article passages.
        var articleTerms = [Set<String>](repeating: [], count: base.articles.count)
        for (term, id) in index.termIDs {
            for posting in Int(index.postingStarts[Int(id)])..<Int(index.postingStarts[Int(id) + 1]) {
                let passage = index.passages[Int(index.postingDocuments[posting])]
                if passage.paragraph < 0 { articleTerms[passage.article].insert(term) }
            }
        }
        self.articleTerms = articleTerms
    }

    /// One article's place in a ranking.
    public struct Ranked: Sendable, Equatable {
        /// The article's index in the base.
        public var article: Int
        /// Its best passage's score.
        public var score: Float
        /// Its best paragraph (the first when only the title and questions matched).
        public var paragraph: Int
    }

    /// The articles by decreasing score for a question, with the question's known terms.
    /// - Parameter question: the question.
    /// - Returns: the ranking (articles with a positive score) and the share of the question's terms the best article
    ///   contains.
    public func rank(_ question: String) -> (ranking: [Ranked], coverage: Float, terms: Int) {
        let terms = analyzer.terms(question)
        let (scores, _) = index.scores(terms)
        // An article's score: the whole article's plus half its best paragraph's.
        var articleScores: [Int: Float] = [:]
        var paragraphScores: [Int: (Float, Int)] = [:]
        for (document, score) in scores.enumerated() where score > 0 {
            let passage = index.passages[document]
            if passage.paragraph < 0 {
                articleScores[passage.article] = max(score, articleScores[passage.article] ?? 0)
            } else if score > paragraphScores[passage.article]?.0 ?? 0 {
                paragraphScores[passage.article] = (score, passage.paragraph)
            }
        }
        var ranking: [Ranked] = []
        let (gramScores, _) = trigrams.scores(FrenchAnalyzer.trigrams(question))
        for article in Set(articleScores.keys).union(paragraphScores.keys) {
            let score =
                (articleScores[article] ?? 0) + (paragraphScores[article]?.0 ?? 0) * Self.paragraphWeight
                + gramScores[article] * Self.trigramWeight
            ranking.append(Ranked(article: article, score: score, paragraph: paragraphScores[article]?.1 ?? 0))
        }
        ranking.sort { $0.score != $1.score ? $0.score > $1.score : $0.article < $1.article }
        // Coverage: the share of the question's weight (its terms' idf; unknown terms weigh most) that the best
        // article contains.
        let distinct = Set(terms)
        var coverage: Float = 0
        if let top = ranking.first, !distinct.isEmpty {
            let own = articleTerms[top.article]
            var total: Float = 0
            var matched: Float = 0
            for term in distinct.sorted() {
                let weight = index.inverseDocumentFrequency(term)
                total += weight
                if own.contains(term) { matched += weight }
            }
            coverage = total > 0 ? matched / total : 0
        }
        return (ranking, coverage, distinct.count)
    }

    /// The reply to what a person typed, with personal identifiers (NIR, tax number, IBAN…) removed before anything
    /// else reads it: the entry point of the command line and the server alike.
    /// - Parameter question: what the person typed.
    /// - Returns: the reply to the redacted question.
    public func answer(_ question: String) -> Reply {
        reply(to: Redactor.redact(question).text)
    }

    /// The reply to a question already redacted.
    /// - Parameter question: what the person typed.
    /// - Returns: an answer from the base, suggestions, or the human channels, always with the channels.
    public func reply(to question: String) -> Reply {
        let truncated = question.count > Self.maximumLength
        let text = truncated ? String(question.prefix(Self.maximumLength)) : question
        func fixed(_ status: Reply.Status, _ reason: Reply.Reason, suggestions: [Reply.Suggestion] = []) -> Reply {
            Reply(
                status: status, reason: reason, text: HumanChannels.sentence(reason), articleID: nil, sources: [],
                suggestions: suggestions, confidence: 0, humanChannels: HumanChannels.french, truncated: truncated)
        }
        switch QuestionScreen.kind(text) {
        case .empty:
            return fixed(
                .clarify, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? .empty : .notUnderstood)
        case .otherLanguage: return fixed(.handoff, .otherLanguage)
        case .personalFile: return fixed(.handoff, .personalFile)
        case .question: break
        }
        let (ranking, coverage, terms) = rank(text)
        guard terms > 0, let top = ranking.first else { return fixed(.clarify, .notUnderstood) }
        let second = ranking.count > 1 ? ranking[1].score : 0
        let margin = (top.score - second) / top.score
        let confidence = Double(
            min(1, top.score / (policy.minimumScore * 2)) * min(1, margin / max(policy.minimumMargin, 0.01)) * coverage)
        let suggestions = ranking.prefix(3).map {
            Reply.Suggestion(id: base.articles[$0.article].id, title: base.articles[$0.article].title)
        }
        if top.score >= policy.minimumScore && margin >= policy.minimumMargin && coverage >= policy.minimumCoverage {
            let article = base.articles[top.article]
            return Reply(
                status: .answer, reason: nil, text: article.paragraphs[top.paragraph], articleID: article.id,
                sources: article.sources.map { Reply.Source(title: article.title, url: $0, updated: article.checked) },
                suggestions: Array(suggestions.dropFirst()), confidence: confidence,
                humanChannels: HumanChannels.french, truncated: truncated)
        }
        if top.score >= policy.suggestionScore && coverage >= policy.minimumCoverage / 2 {
            var reply = fixed(.clarify, .lowConfidence, suggestions: suggestions)
            reply.confidence = confidence
            return reply
        }
        return fixed(.handoff, .outOfScope)
    }
}
