/// What the register says an algorithm is for: the four kinds of public algorithm Lanterne runs.
public enum AlgorithmKind: String, Sendable, Codable, CaseIterable {
    /// The citizen assistant.
    case accueil
    /// Ranking cases for control.
    case ciblage
    /// Ranking and allocating candidates under quotas.
    case selection
    /// Predictive risk scores.
    case prediction
}

/// Where an algorithm stands.
public enum AlgorithmStatus: String, Sendable, Codable, CaseIterable {
    /// Being prepared: not in the public register.
    case draft
    /// In service and in the register.
    case published
    /// Out of service; kept in the register with its history.
    case retired
}

/// An algorithm as stored: its card and which model version is in service.
public struct AlgorithmRecord: Sendable, Equatable {
    /// Opaque id.
    public var id: String
    /// Its public name.
    public var name: String
    /// Its kind.
    public var kind: AlgorithmKind
    /// Where it stands.
    public var status: AlgorithmStatus
    /// The card, as the JSON that `lanterne notice` reads.
    public var card: String
    /// When it was created.
    public var createdAt: String
    /// The model version in service.
    public var publishedSHA256: String?
    /// When that version was published.
    public var publishedAt: String?
    /// The number of the published version (1 for the first model added), when one is published.
    public var publishedNumber: Int? = nil
}

/// One stored model version: the model file's bytes and their SHA-256.
public struct ModelVersion: Sendable, Equatable {
    /// The SHA-256 of the model file's body: the version id.
    public var sha256: String
    /// The algorithm.
    public var algorithmID: String
    /// 1, 2, 3… in the order versions were added.
    public var number: Int
    /// The model file, byte for byte.
    public var file: String
    /// When it was added.
    public var createdAt: String
}
