import LanterneData

/// An algorithm card that cannot be used, with the field at fault.
public struct CardError: LocalizedMessage, Equatable {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// The file is not a JSON object.
        case malformed
        /// A required field is absent or empty.
        case missing(field: String)
        /// A field has a value outside what is allowed.
        case invalid(field: String, value: String, expected: String)
    }

    /// The problem.
    public let problem: Problem
    /// The card file.
    public let file: String

    /// Creates an error.
    /// - Parameters:
    ///   - problem: what is wrong.
    ///   - file: the card file.
    public init(_ problem: Problem, file: String) {
        self.problem = problem
        self.file = file
    }

    /// The message, naming the file and the field.
    /// - Parameter language: French or English.
    /// - Returns: one line.
    public func message(_ language: Language) -> String {
        let fr = language == .fr
        switch problem {
        case .malformed:
            return fr
                ? "\(file): fiche algorithme illisible : il faut un objet JSON (voir docs/notice.md)"
                : "\(file): unreadable algorithm card: a JSON object is expected (see docs/notice.md)"
        case .missing(let field):
            return fr
                ? "\(file): champ obligatoire « \(field) » manquant ou vide dans la fiche algorithme"
                : "\(file): required field “\(field)” missing or empty in the algorithm card"
        case .invalid(let field, let value, let expected):
            return fr
                ? "\(file): champ « \(field) » : valeur « \(value) » invalide ; attendu : \(expected)"
                : "\(file): field “\(field)”: invalid value “\(value)”; expected: \(expected)"
        }
    }
}
