/// One article of the knowledge base: an answer written from official sources, with the ways people ask for it.
public struct Article: Sendable, Equatable {
    /// Whether the article's facts were confirmed on the official pages it cites (front matter `status`).
    public enum Status: String, Sendable, Equatable {
        /// Confirmed on the official pages on the `checked` date (`status: vérifié`, the default).
        case verified = "vérifié"
        /// Confirmed only from secondary sources (`status: à vérifier`): never shown as checked, and the reply tells
        /// the person to check on the official page.
        case toVerify = "à vérifier"
    }

    /// A stable identifier (the file's name without `.md`).
    public var id: String
    /// The title.
    public var title: String
    /// The theme (`declaration`, `paiement`...).
    public var theme: String
    /// Other ways people ask the question.
    public var questions: [String]
    /// The official pages the article is written from.
    public var sources: [String]
    /// When the facts were last checked against the sources (`2026-11-29`).
    public var checked: String
    /// The tax year the figures apply to, or `permanent`.
    public var appliesTo: String
    /// Whether the facts were confirmed on the official pages.
    public var status: Status
    /// The paragraphs; the first one answers directly.
    public var paragraphs: [String]
    /// More ways people ask the question, from the base's `Paraphrases/` files: they teach the ranking and are never
    /// shown.
    public var paraphrases: [String]

    /// Creates an article.
    public init(
        id: String, title: String, theme: String, questions: [String], sources: [String], checked: String,
        appliesTo: String, paragraphs: [String], paraphrases: [String] = [], status: Status = .verified
    ) {
        self.id = id
        self.title = title
        self.theme = theme
        self.questions = questions
        self.sources = sources
        self.checked = checked
        self.appliesTo = appliesTo
        self.paragraphs = paragraphs
        self.paraphrases = paraphrases
        self.status = status
    }

    /// The tax year the facts apply to, or `nil` for `permanent`.
    public var taxYear: Int? { Int(appliesTo) }
}
