import LanterneData

/// One input a model reads from the data, by column name.
public struct ModelFeature: Codable, Sendable, Equatable {
    /// The column name.
    public var name: String
    /// For a feature read from labels: the labels the model knows, whose index is the value the model sees. `nil`
    /// for a numeric feature (numbers, 0/1 booleans, or labels that are numbers).
    public var levels: [String]?
    /// Whether a label the model does not know is read as an unknown level (the code `levels.count`, which InterpretML
    /// models score with their own "unknown" bin) rather than as a missing value. `nil`: missing.
    public var unseenIsUnknown: Bool?

    /// Creates a feature.
    /// - Parameters:
    ///   - name: the column name.
    ///   - levels: the known labels of a categorical feature.
    ///   - unseenIsUnknown: whether unseen labels get their own code rather than counting as missing.
    public init(name: String, levels: [String]? = nil, unseenIsUnknown: Bool? = nil) {
        self.name = name
        self.levels = levels
        self.unseenIsUnknown = unseenIsUnknown
    }
}
