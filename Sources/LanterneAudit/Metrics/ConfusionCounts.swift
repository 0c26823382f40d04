/// The four counts of a binary decision against a binary outcome, and the rates people compare between groups.
public struct ConfusionCounts: Sendable, Equatable {
    /// Selected and positive.
    public var truePositives: Int
    /// Selected, negative.
    public var falsePositives: Int
    /// Not selected, negative.
    public var trueNegatives: Int
    /// Not selected, positive.
    public var falseNegatives: Int

    /// Creates counts.
    public init(truePositives: Int = 0, falsePositives: Int = 0, trueNegatives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.trueNegatives = trueNegatives
        self.falseNegatives = falseNegatives
    }

    /// Adds one case.
    /// - Parameters:
    ///   - selected: whether the decision selected it.
    ///   - positive: whether the outcome is positive.
    public mutating func add(selected: Bool, positive: Bool) {
        switch (selected, positive) {
        case (true, true): truePositives += 1
        case (true, false): falsePositives += 1
        case (false, false): trueNegatives += 1
        case (false, true): falseNegatives += 1
        }
    }

    /// The number of cases.
    public var count: Int { truePositives + falsePositives + trueNegatives + falseNegatives }

    private func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// Share selected.
    public var selectionRate: Double? { share(truePositives + falsePositives, count) }
    /// Share with a positive outcome.
    public var baseRate: Double? { share(truePositives + falseNegatives, count) }
    /// True positive rate (recall).
    public var truePositiveRate: Double? { share(truePositives, truePositives + falseNegatives) }
    /// False positive rate.
    public var falsePositiveRate: Double? { share(falsePositives, falsePositives + trueNegatives) }
    /// False negative rate.
    public var falseNegativeRate: Double? { share(falseNegatives, truePositives + falseNegatives) }
    /// True negative rate.
    public var trueNegativeRate: Double? { share(trueNegatives, falsePositives + trueNegatives) }
    /// Positive predictive value (precision).
    public var positivePredictiveValue: Double? { share(truePositives, truePositives + falsePositives) }
    /// Negative predictive value.
    public var negativePredictiveValue: Double? { share(trueNegatives, trueNegatives + falseNegatives) }
    /// False discovery rate.
    public var falseDiscoveryRate: Double? { share(falsePositives, truePositives + falsePositives) }
    /// False omission rate.
    public var falseOmissionRate: Double? { share(falseNegatives, trueNegatives + falseNegatives) }
    /// Accuracy.
    public var accuracy: Double? { share(truePositives + trueNegatives, count) }

    /// The rates by their JSON names, in the order of CLI.md.
    public var rates: [(name: String, value: Double?)] {
        [
            ("selection_rate", selectionRate), ("base_rate", baseRate), ("tpr", truePositiveRate),
            ("fpr", falsePositiveRate), ("fnr", falseNegativeRate), ("tnr", trueNegativeRate),
            ("ppv", positivePredictiveValue), ("npv", negativePredictiveValue), ("fdr", falseDiscoveryRate),
            ("for", falseOmissionRate), ("accuracy", accuracy),
        ]
    }
}
