import LanterneData

/// A selection input file that cannot be read, naming the field.
public struct SelectionInputError: LocalizedMessage, Equatable {
    /// The file.
    public var file: String
    /// What is wrong, in French.
    public var detail: String

    /// Creates an error.
    public init(file: String, detail: String) {
        self.file = file
        self.detail = detail
    }

    /// The message.
    public func message(_ language: Language) -> String { "\(file): \(detail)" }
}
