import LanterneData

/// An input of a register export that cannot be used, naming the file or option at fault.
public struct RegisterExportError: LocalizedMessage, Sendable, Equatable {
    /// The file or option at fault (`audit.json`, `--format`).
    public let subject: String
    /// What is wrong, in French.
    public let french: String
    /// What is wrong, in English.
    public let english: String

    /// Creates an error.
    /// - Parameters:
    ///   - subject: the file or option at fault.
    ///   - french: what is wrong, in French.
    ///   - english: what is wrong, in English.
    public init(subject: String, french: String, english: String) {
        self.subject = subject
        self.french = french
        self.english = english
    }

    /// An export format that does not exist, with the formats that do.
    /// - Parameter value: the format asked for.
    /// - Returns: the error.
    public static func unknownFormat(_ value: String) -> RegisterExportError {
        RegisterExportError(
            subject: "--format", french: "format « \(value) » inconnu ; formats possibles : \(RegisterFormat.names)",
            english: "unknown format “\(value)”; possible formats: \(RegisterFormat.names)")
    }

    /// The message, on one line, starting with the file or option.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        "\(subject): " + (language == .fr ? french : english)
    }
}
