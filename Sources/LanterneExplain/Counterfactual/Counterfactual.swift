/// The smallest set of changes to what a person can change that would have put their score under a threshold.
public struct Counterfactual: Sendable, Equatable {
    /// What the search concluded.
    public enum Status: String, Sendable, Equatable {
        /// The score is already under the threshold.
        case notNeeded = "not_needed"
        /// Changes were found.
        case found
        /// No change of at most the allowed number of features, inside the observed values, is enough.
        case none
    }

    /// How the changes were found.
    public enum Method: String, Sendable, Equatable {
        /// Every combination was weighed: no smaller set of changes exists among the values tried (logistic and
        /// additive models, whose effects add up feature by feature).
        case exact
        /// A beam search over the trees' split points: the changes work, a smaller set may exist.
        case search
    }

    /// Why no counterfactual could be searched at all.
    public enum Obstacle: String, Sendable, Equatable {
        /// Every feature is immutable or takes a single observed value.
        case noActionableFeature = "no_actionable_feature"
    }

    /// One change.
    public struct Change: Sendable, Equatable {
        /// The feature's index in the model.
        public var feature: Int
        /// The current value (NaN when missing; a level's code for categories).
        public var from: Double
        /// The proposed value.
        public var to: Double
    }

    /// The threshold, as a probability.
    public var threshold: Double
    /// The outcome.
    public var status: Status
    /// How the changes were found.
    public var method: Method
    /// The changes, largest effect first; empty unless `status == .found`.
    public var changes: [Change]
    /// The case's log-odds as it is.
    public var logit: Double
    /// The log-odds with the changes (equal to `logit` without changes).
    public var newLogit: Double
    /// Why the search could not run, if so.
    public var obstacle: Obstacle?
}
