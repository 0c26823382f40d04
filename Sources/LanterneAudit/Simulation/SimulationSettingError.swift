import LanterneData

/// A simulation setting out of range (no period, too few households, a share outside 0 to 1).
public struct SimulationSettingError: LocalizedMessage, Sendable, Equatable {
    /// The setting, by its JSON name (`periods`, `rows`, `random_share`, `capacity`, `threads`).
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

    /// The message in `language`, on one line.
    /// - Parameter language: the reader's language.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        language == .fr ? "\(setting) : \(french)" : "\(setting): \(english)"
    }
}
