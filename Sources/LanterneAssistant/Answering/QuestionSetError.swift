import LanterneData

/// A question set that cannot be read: a missing column, or an expected article the base does not have.
public struct QuestionSetError: LocalizedMessage, Equatable {
    /// Where: the file, or the file and line (`questions.csv:12`).
    public var place: String
    /// What is wrong, in French.
    public var french: String
    /// What is wrong, in English.
    public var english: String

    /// The message, after the place (`questions.csv:12 : l'article attendu « x » n'existe pas dans la base`).
    public func message(_ language: Language) -> String {
        "\(place) : " + (language == .fr ? french : english)
    }
}
