import LanterneData

/// What a feedback-loop simulation measured: for each arm (without and with a random draw), each period's controls,
/// hit rates, the model's AUC on the hidden truth and the groups' shares and selection ratios.
public struct FeedbackSimulationOutcome: Sendable, Equatable {
    /// One protected group in one period.
    public struct GroupLine: Sendable, Equatable {
        /// The protected attribute (`parent_isole`).
        public var attribute: String
        /// The group's value as in the file (`1`, `hors_ue`).
        public var group: String
        /// The group's share of the period's households.
        public var populationShare: Double
        /// The group's share of the controlled households.
        public var controlledShare: Double
        /// The group's share of the households drawn at random (`nil` without a draw).
        public var drawnShare: Double?
        /// The share of the group's households controlled.
        public var selectionRate: Double
        /// The group's selection rate divided by the reference group's (`nil` for a group too small to publish).
        public var selectionRatio: Double?
        /// The group's share of truly irregular households (the hidden truth).
        public var irregularRate: Double
    }

    /// One period of one arm.
    public struct Period: Sendable, Equatable {
        /// The period's number, from 1.
        public var period: Int
        /// The rows the period's model was trained on (known outcomes, blanks read as « nothing found »).
        public var trainingRows: Int
        /// The households controlled.
        public var controlled: Int
        /// Of them, drawn at random.
        public var drawn: Int
        /// The share of truly irregular households among the controlled.
        public var hitRate: Double
        /// The share among the households the model chose.
        public var targetedHitRate: Double
        /// The share among the households drawn at random (`nil` without a draw).
        public var drawnHitRate: Double?
        /// The share of truly irregular households in the whole period's population.
        public var prevalence: Double
        /// The model's AUC against the true irregularity over the whole period's population.
        public var auc: Double
        /// The groups, attribute by attribute, largest group first.
        public var groups: [GroupLine]
    }

    /// One arm: every period with one random share.
    public struct Arm: Sendable, Equatable {
        /// The share of the capacity drawn at random (0 for the arm without a draw).
        public var randomShare: Double
        /// The periods in order.
        public var periods: [Period]
    }

    /// The settings.
    public var request: FeedbackSimulationRequest
    /// The reference group of each attribute's selection ratios (the largest group).
    public var references: [String: String]
    /// The arms: without a random draw, then with the request's random share.
    public var arms: [Arm]
    /// The households' schema (for words in the reports).
    public var schema: Schema
}
