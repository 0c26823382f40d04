/// What the index searches: an article's paragraph, or its title with the other ways people ask it.
public struct Passage: Sendable, Equatable {
    /// The article's index in the base.
    public var article: Int
    /// The paragraph's index, or -1 for the title and questions.
    public var paragraph: Int
}
