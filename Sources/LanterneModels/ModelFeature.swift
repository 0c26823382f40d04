import LanterneData

/// One input a model reads from the data, by column name.
public struct ModelFeature: Codable, Sendable, Equatable {
    /// The column name.
    public var name: String
    /// For a feature read from labels: the labels the model knows, whose index is the value the model sees. `nil`
    /// for a numeric feature (numbers, 0/1 booleans, or labels that are numbers).
    public var levels: [String]?

    /// Creates a feature.
    /// - Parameters:
    ///   - name: the column name.
    ///   - levels: the known labels of a categorical feature.
    public init(name: String, levels: [String]? = nil) {
        self.name = name
        self.levels = levels
    }
}
