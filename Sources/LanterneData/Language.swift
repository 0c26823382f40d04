/// The language of text shown to people: French first, English on request (`--lang en`).
public enum Language: String, Sendable, CaseIterable {
    /// French, the default.
    case fr
    /// English.
    case en
}

/// An error whose message can be shown to a person in French or English.
public protocol LocalizedMessage: Error, CustomStringConvertible {
    /// The message in `language`, on one line.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    func message(_ language: Language) -> String
}

extension LocalizedMessage {
    /// The French message.
    public var description: String { message(.fr) }
}
