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
    /// Each title, question and paraphrase as a passage: an article's best match is added to its score.
    public let questions: SearchIndex
    /// The supervised model from a question's terms to its article, when the base has paraphrases to learn from.
    public let classifier: ArticleClassifier?
    /// When to answer.
    public var policy: AnswerPolicy
    private let analyzer: FrenchAnalyzer
    /// Each article's terms, to measure how much of a question it covers.
    private let articleTerms: [Set<String>]

    /// How the retrieval scores add up to an article's score.
    public var weights: RankingWeights = .standard

    /// The longest question read, in characters; longer ones are cut, and the reply says so.
    public static let maximumLength = 2000

    /// Creates an assistant over a base, indexing it.
    /// - Parameters:
    ///   - base: the articles.
    ///   - policy: when to answer.
    ///   - progress: a bar counting the pieces of text analysed (each article's title, questions, paraphrases and
    ///     paragraphs), finished once the indexes are built; it does not change them.
    public init(base: KnowledgeBase, policy: AnswerPolicy = .standard, progress: ProgressBar? = nil) {
        // Each piece of text is analysed once: the title, each question, each paraphrase and each paragraph. A
        // paragraph's passage is its title and itself; the whole article's passage (the title twice, the questions,
        // every paragraph) finds the topic and gives the trigram index; each question and paraphrase, and the title,
        // is a passage of the question index.
        let pieces = base.articles.flatMap { article in
            [article.title] + article.questions + article.paraphrases + article.paragraphs
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
        var askedPassages: [Passage] = []
        var askedTerms: [[String]] = []
        var examples: [(terms: [String], article: Int)] = []
        var next = 0
        for (number, article) in base.articles.enumerated() {
            let title = analyzed[next]
            let questions = analyzed[(next + 1)..<(next + 1 + article.questions.count)]
            next += 1 + article.questions.count
            let paraphrases = analyzed[next..<(next + article.paraphrases.count)]
            next += article.paraphrases.count
            let paragraphs = analyzed[next..<(next + article.paragraphs.count)]
            next += article.paragraphs.count
            passages.append(Passage(article: number, paragraph: -1))
            wordLists.append(title.words + title.words + questions.flatMap(\.words) + paragraphs.flatMap(\.words))
            termLists.append(title.terms + title.terms + questions.flatMap(\.terms) + paragraphs.flatMap(\.terms))
            wholeGrams.append(title.grams + title.grams + questions.flatMap(\.grams) + paragraphs.flatMap(\.grams))
            for (paragraph, piece) in paragraphs.enumerated() {
                passages.append(Passage(article: number, paragraph: paragraph))
                wordLists.append(title.words + piece.words)
                termLists.append(title.terms + piece.terms)
            }
            for (order, asked) in ([title] + questions + paraphrases).enumerated() {
                askedPassages.append(Passage(article: number, paragraph: order))
                askedTerms.append(asked.terms)
            }
            // The classifier learns terms from every piece, and trigrams from the ways of asking only (a paragraph's
            // many trigrams would cost time and teach little).
            for piece in [title] + questions + paraphrases {
                examples.append((ArticleClassifier.inputs(terms: piece.terms, grams: piece.grams), number))
            }
            for piece in paragraphs { examples.append((piece.terms, number)) }
        }
        let whole = passages.filter { $0.paragraph < 0 }
        let (allPassages, words, terms, grams) = (passages, wordLists, termLists, wholeGrams)
        let (asked, askedLists) = (askedPassages, askedTerms)
        // The three indexes are built side by side.
        let built = [0, 1, 2].parallelMap(minimumPerWorker: 1) { which -> SearchIndex in
            switch which {
            case 0: SearchIndex(passages: allPassages, words: words, terms: terms)
            case 1: SearchIndex(passages: whole, words: [], terms: grams)
            default: SearchIndex(passages: asked, words: [], terms: askedLists)
            }
        }
        // The supervised model learns only from a base with paraphrases; without them the ranking is BM25's.
        let classifier =
            base.articles.contains { !$0.paraphrases.isEmpty }
            ? ArticleClassifier.train(examples: examples, classes: base.articles.count) : nil
        progress?.finish()
        self.init(
            base: base, index: built[0], trigrams: built[1], questions: built[2], classifier: classifier,
            policy: policy)
    }

    /// Creates an assistant from a base and its saved indexes.
    /// - Parameters:
    ///   - base: the articles.
    ///   - index: the words of whole articles and of their paragraphs.
    ///   - trigrams: the character trigrams of whole articles.
    ///   - questions: the words of each title, question and paraphrase, one passage each.
    ///   - classifier: the supervised model, if any.
    ///   - policy: when to answer.
    public init(
        base: KnowledgeBase, index: SearchIndex, trigrams: SearchIndex, questions: SearchIndex,
        classifier: ArticleClassifier?, policy: AnswerPolicy = .standard
    ) {
        self.base = base
        self.index = index
        self.trigrams = trigrams
        self.questions = questions
        self.classifier = classifier
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

    /// The most articles a ranking keeps (every article of the shipped base, and far more than a reply shows).
    public static let rankingLength = 200

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
        let found = retrieve(question)
        return (found.ranking, found.coverage, found.terms)
    }

    /// What the search finds for a question: the ranking, and the features of the retrieval that the answer model
    /// reads.
    /// - Parameter question: the question.
    /// - Returns: the retrieval.
    public func retrieve(_ question: String) -> Retrieval {
        let terms = analyzer.terms(question)
        let (scores, _) = index.scores(terms)
        let count = base.articles.count
        // An article's score: its whole text's, its best paragraph's, its best question's and its trigram score,
        // weighted.
        var whole = [Float](repeating: 0, count: count)
        var best = [Float](repeating: 0, count: count)
        var bestParagraph = [Int](repeating: 0, count: count)
        for (document, score) in scores.enumerated() where score > 0 {
            let passage = index.passages[document]
            if passage.paragraph < 0 {
                whole[passage.article] = max(score, whole[passage.article])
            } else if score > best[passage.article] {
                best[passage.article] = score
                bestParagraph[passage.article] = passage.paragraph
            }
        }
        var asked = [Float](repeating: 0, count: count)
        let (questionScores, _) = questions.scores(terms)
        for (document, score) in questionScores.enumerated() where score > 0 {
            let article = questions.passages[document].article
            asked[article] = max(asked[article], score)
        }
        let grams = FrenchAnalyzer.trigrams(question)
        let (gramScores, _) = trigrams.scores(grams)
        let probabilities =
            classifier?.probabilities(ArticleClassifier.inputs(terms: terms, grams: grams))
            ?? [Float](repeating: 0, count: count)
        // The best articles, best first (ties by article order); past ``rankingLength`` only the best are kept, found
        // by insertion into a short sorted list instead of sorting every article that matched a word.
        var ranking: [Ranked] = []
        ranking.reserveCapacity(min(count, Self.rankingLength) + 1)
        func before(_ one: Ranked, _ other: Ranked) -> Bool {
            one.score != other.score ? one.score > other.score : one.article < other.article
        }
        for article in 0..<count
        where whole[article] > 0 || best[article] > 0 || asked[article] > 0 || probabilities[article] >= 0.01 {
            let score =
                whole[article] * weights.article + best[article] * weights.paragraph
                + gramScores[article] * weights.trigram + asked[article] * weights.question
                + probabilities[article] * weights.classifier
            let candidate = Ranked(article: article, score: score, paragraph: bestParagraph[article])
            if ranking.count == Self.rankingLength {
                guard let last = ranking.last, before(candidate, last) else { continue }
                ranking.removeLast()
            }
            var low = 0
            var high = ranking.count
            while low < high {
                let middle = (low + high) / 2
                if before(ranking[middle], candidate) { low = middle + 1 } else { high = middle }
            }
            ranking.insert(candidate, at: low)
        }
        // Coverage: the share of the question's weight (its terms' idf; unknown terms weigh most) that the best
        // article contains.
        let distinct = Set(terms)
        var coverage: Float = 0
        var unknown: Float = 0
        if let top = ranking.first, !distinct.isEmpty {
            let own = articleTerms[top.article]
            var total: Float = 0
            var matched: Float = 0
            for term in distinct.sorted() {
                let weight = index.inverseDocumentFrequency(term)
                total += weight
                if own.contains(term) { matched += weight }
                if index.documentFrequency(term) == 0 { unknown += 1 }
            }
            coverage = total > 0 ? matched / total : 0
        }
        var features = Retrieval.Features()
        if let top = ranking.first {
            let second = ranking.count > 1 ? ranking[1].score : 0
            var otherAsked: Float = 0
            var otherWhole: Float = 0
            var otherProbability: Float = 0
            for article in 0..<count where article != top.article {
                otherAsked = max(otherAsked, asked[article])
                otherWhole = max(otherWhole, whole[article])
                otherProbability = max(otherProbability, probabilities[article])
            }
            features = Retrieval.Features(
                score: top.score, margin: (top.score - second) / top.score, coverage: coverage,
                question: asked[top.article],
                questionLead: (asked[top.article] - otherAsked) / max(asked[top.article], otherAsked, 1e-6),
                wholeLead: (whole[top.article] - otherWhole) / max(whole[top.article], otherWhole, 1e-6),
                unknown: unknown / Float(distinct.count), terms: distinct.count,
                probability: probabilities[top.article],
                probabilityLead: probabilities[top.article] - otherProbability,
                agreement: classifier != nil && probabilities[top.article] >= otherProbability ? 1 : 0)
        }
        return Retrieval(ranking: ranking, coverage: coverage, terms: distinct.count, features: features)
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
        let found = retrieve(text)
        guard found.terms > 0, let top = found.ranking.first else { return fixed(.clarify, .notUnderstood) }
        let confidence = policy.model.probability(found.features)
        let suggestions = found.ranking.prefix(3).map {
            Reply.Suggestion(id: base.articles[$0.article].id, title: base.articles[$0.article].title)
        }
        if confidence >= policy.threshold {
            let article = base.articles[top.article]
            // An article confirmed only from secondary sources shows no check date and asks the person to check on
            // the official page.
            let checked = article.status == .verified
            var answer = article.paragraphs[top.paragraph]
            if !checked { answer += "\n" + HumanChannels.unverified(article.sources[0]) }
            return Reply(
                status: .answer, reason: nil, text: answer, articleID: article.id,
                sources: article.sources.map { url in
                    Reply.Source(
                        title: article.title, url: url, updated: checked ? article.checked : "", checked: checked)
                },
                suggestions: Array(suggestions.dropFirst()), confidence: confidence,
                humanChannels: HumanChannels.french, truncated: truncated)
        }
        if top.score >= policy.suggestionScore && found.coverage >= policy.suggestionCoverage {
            var reply = fixed(.clarify, .lowConfidence, suggestions: suggestions)
            reply.confidence = confidence
            return reply
        }
        return fixed(.handoff, .outOfScope)
    }
}
