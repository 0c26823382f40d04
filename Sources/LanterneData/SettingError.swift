/// A setting out of range, or that does not fit the data: a training's number of trees, a monotone constraint on an
/// unknown feature, a simulation's periods or random share.
public struct SettingError: LocalizedMessage, Sendable, Equatable {
    /// The setting, by its JSON name (`trees`, `monotone`, `periods`, `random_share`).
    public let setting: String
    /// The French explanation.
    public let french: String
    /// The English explanation.
    public let english: String

    /// Creates an error.
    /// - Parameters:
    ///   - setting: the setting's JSON name.
    ///   - french: what is wrong, in French.
    ///   - english: what is wrong, in English.
    public init(setting: String, french: String, english: String) {
        self.setting = setting
        self.french = french
        self.english = english
    }

    /// The stable code of the error.
    public var code: String { "bad_setting" }

    /// The message in `language`, on one line (`periods : doit valoir au moins 1 (reçu 0)`).
    /// - Parameter language: the reader's language.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        language == .fr ? "\(setting) : \(french)" : "\(setting): \(english)"
    }
}
