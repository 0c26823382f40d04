import Foundation

/// What the search found for one question: the articles ranked, and the features of that ranking that the answer
/// model reads to decide whether the first article is surely the right one.
public struct Retrieval: Sendable, Equatable {
    /// What the answer model reads: the best article's score and lead, how much of the question it covers, how well
    /// one of its questions or paraphrases matches, and how much of the question the base does not know.
    public struct Features: Sendable, Equatable {
        /// The best article's combined score.
        public var score: Float = 0
        /// Its lead over the second, as a share of its score.
        public var margin: Float = 0
        /// The share of the question's weight (idf) that the best article contains.
        public var coverage: Float = 0
        /// The BM25 score of the best article's best matching title, question or paraphrase.
        public var question: Float = 0
        /// That score's lead over the best other article's, as a share of the larger (from -1 to 1).
        public var questionLead: Float = 0
        /// The whole-article score's lead over the best other article's, as a share of the larger (from -1 to 1).
        public var wholeLead: Float = 0
        /// The share of the question's distinct terms that no passage contains.
        public var unknown: Float = 0
        /// The question's distinct terms.
        public var terms: Int = 0
        /// The supervised model's probability for the best article (0 without a model).
        public var probability: Float = 0
        /// That probability's lead over the best other article's (from -1 to 1).
        public var probabilityLead: Float = 0
        /// Whether the supervised model's own first choice is the best article (1) or not (0).
        public var agreement: Float = 0

        /// Creates features (all zero by default: nothing found).
        public init(
            score: Float = 0, margin: Float = 0, coverage: Float = 0, question: Float = 0, questionLead: Float = 0,
            wholeLead: Float = 0, unknown: Float = 0, terms: Int = 0, probability: Float = 0,
            probabilityLead: Float = 0, agreement: Float = 0
        ) {
            self.score = score
            self.margin = margin
            self.coverage = coverage
            self.question = question
            self.questionLead = questionLead
            self.wholeLead = wholeLead
            self.unknown = unknown
            self.terms = terms
            self.probability = probability
            self.probabilityLead = probabilityLead
            self.agreement = agreement
        }

        /// The names of ``vector``'s entries, in order.
        public static let names = [
            "log(1+score)", "margin", "coverage", "log(1+question)", "question lead", "whole lead", "unknown share",
            "log(1+terms)", "probability", "probability lead", "agreement",
        ]

        /// The values the answer model weighs, in the order of ``names``.
        public var vector: [Double] {
            [
                Double(log1p(score)), Double(margin), Double(coverage), Double(log1p(question)),
                Double(questionLead), Double(wholeLead), Double(unknown), log1p(Double(terms)), Double(probability),
                Double(probabilityLead), Double(agreement),
            ]
        }
    }

    /// The best articles with a positive score, best first: at most ``Assistant/rankingLength``.
    public var ranking: [Assistant.Ranked]
    /// The share of the question's weight the best article contains.
    public var coverage: Float
    /// The question's distinct known and unknown terms.
    public var terms: Int
    /// The features of the ranking.
    public var features: Features
}
