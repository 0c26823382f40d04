import LanterneData

/// The settings of a feedback-loop simulation: how many periods, how many households a period, how many of them are
/// controlled and which share of the controls is drawn at random. `lanterne simulate` gives them from its options.
public struct FeedbackSimulationRequest: Sendable, Equatable {
    /// The fewest households a period: below this the groups are too small to compare.
    public static let minimumRows = 1_000

    /// The number of periods (each scores, controls and then retrains).
    public var periods = 5
    /// The households of each period (a new synthetic population each period).
    public var rows = 20_000
    /// The households of the history whose past controls train the first model.
    public var historyRows = 200_000
    /// The share of a period's households controlled (the capacity), 4 % as in the past controls.
    public var capacity = 0.04
    /// The share of the capacity drawn uniformly from the whole population, in the arm with a random draw.
    public var randomShare = 0.1
    /// The seed of the households, of the detection of irregularities and of the random draws.
    public var seed: UInt64 = 1
    /// Threads used to train and score (the results do not depend on it).
    public var threads = 1

    /// Creates a request with `lanterne simulate`'s defaults.
    public init() {}

    /// The households controlled each period.
    public var controlsPerPeriod: Int { max(1, Int((Double(rows) * capacity).rounded())) }

    /// The households drawn at random each period, in the arm with a random draw.
    public var drawnPerPeriod: Int { Int((Double(controlsPerPeriod) * randomShare).rounded()) }

    /// Checks that the settings are in range.
    /// - Throws: ``SimulationSettingError`` naming the first setting out of range.
    public func check() throws {
        func require(_ holds: Bool, _ setting: String, _ french: String, _ english: String) throws {
            if !holds { throw SimulationSettingError(setting: setting, french: french, english: english) }
        }
        try require(
            periods >= 1, "periods", "doit valoir au moins 1 (reçu \(periods))", "must be at least 1 (got \(periods))")
        try require(
            rows >= Self.minimumRows, "rows", "doit valoir au moins \(Self.minimumRows) (reçu \(rows))",
            "must be at least \(Self.minimumRows) (got \(rows))")
        try require(
            historyRows >= Self.minimumRows, "history_rows",
            "doit valoir au moins \(Self.minimumRows) (reçu \(historyRows))",
            "must be at least \(Self.minimumRows) (got \(historyRows))")
        try require(
            randomShare >= 0 && randomShare <= 1, "random_share",
            "doit être entre 0 et 1 (reçu \(NumberFormatting.shortest(randomShare)))",
            "must be between 0 and 1 (got \(NumberFormatting.shortest(randomShare)))")
        try require(
            capacity > 0 && capacity <= 0.5, "capacity",
            "doit être dans ]0 ; 0,5] (reçu \(NumberFormatting.shortest(capacity)))",
            "must be in (0, 0.5] (got \(NumberFormatting.shortest(capacity)))")
        try require(threads >= 1, "threads", "doit valoir au moins 1", "must be at least 1")
    }
}
