/// What the assistant says to one question.
public struct Reply: Sendable, Equatable {
    /// The kind of reply.
    public enum Status: String, Sendable, Equatable {
        /// A passage of the base, with its source.
        case answer
        /// Not sure: three articles to choose from.
        case clarify
        /// Not for the assistant: the human channels.
        case handoff
    }

    /// Why the assistant did not answer.
    public enum Reason: String, Sendable, Equatable {
        /// The question is about the person's own file, which the assistant cannot see.
        case personalFile = "personal_file"
        /// The question is not in French.
        case otherLanguage = "other_language"
        /// No word of the question is known to the base.
        case notUnderstood = "not_understood"
        /// The best article is not clearly the right one.
        case lowConfidence = "low_confidence"
        /// Nothing in the base is close enough.
        case outOfScope = "out_of_scope"
        /// The question was empty.
        case empty
    }

    /// A source shown with an answer.
    public struct Source: Sendable, Equatable {
        /// The article's title.
        public var title: String
        /// The official page.
        public var url: String
        /// When the article was checked against it (`AAAA-MM-JJ`); empty when it was not (``checked`` is false).
        public var updated: String
        /// Whether the article's facts were confirmed on the official page; when false, `updated` is empty, the
        /// source must not be shown as checked, and the reply's text ends with a sentence asking the person to check
        /// on the official page.
        public var checked: Bool
    }

    /// A suggested article.
    public struct Suggestion: Sendable, Equatable {
        /// The article's id.
        public var id: String
        /// Its title.
        public var title: String
    }

    /// The kind of reply.
    public var status: Status
    /// Why there is no answer, if so.
    public var reason: Reason?
    /// The text shown: a passage of the base, or a fixed sentence of the assistant. A passage of an article confirmed
    /// only from secondary sources is followed, on a line of its own, by a sentence asking the person to check on the
    /// official page (``Source/checked`` is then false).
    public var text: String
    /// The article answered from, if any.
    public var articleID: String?
    /// The sources of the answer.
    public var sources: [Source]
    /// Articles to choose from.
    public var suggestions: [Suggestion]
    /// How sure the assistant is, from 0 to 1.
    public var confidence: Double
    /// How to reach a person, always given.
    public var humanChannels: String
    /// Whether the question was cut because it was too long.
    public var truncated: Bool
}
