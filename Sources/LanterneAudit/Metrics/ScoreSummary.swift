/// What a score does in each group: its mean, and how well it ranks the group's positive cases first (AUC).
public enum ScoreSummary {
    /// Each group's mean score and AUC.
    /// - Parameters:
    ///   - values: each case's group (nil: left out).
    ///   - scores: each case's score.
    ///   - positive: each case's outcome.
    /// - Returns: group value → (mean, AUC when the group has both outcomes).
    public static func byGroup(values: [String?], scores: [Double], positive: [Bool]) -> [String: (
        mean: Double, auc: Double?
    )] {
        var members: [String: [Int]] = [:]
        for (index, value) in values.enumerated() {
            if let value { members[value, default: []].append(index) }
        }
        return members.mapValues { indices in
            let groupScores = indices.map { scores[$0] }
            let mean = groupScores.reduce(0, +) / Double(max(1, indices.count))
            return (mean, ProxyStrength.auc(groupScores, indices.map { positive[$0] }))
        }
    }

    /// How the selection moves with the capacity: for each share of the best scores selected, each published group's
    /// selection rate, false positive rate and false negative rate.
    /// - Parameters:
    ///   - values: each case's group.
    ///   - scores: each case's score.
    ///   - positive: each case's outcome.
    ///   - percents: the shares of cases selected.
    ///   - minimumGroup: groups smaller than this are left out.
    /// - Returns: one entry per share: the share and each group's counts.
    public static func sweep(
        values: [String?], scores: [Double], positive: [Bool], percents: [Double], minimumGroup: Int
    ) -> [(percent: Double, groups: [(value: String, counts: ConfusionCounts)])] {
        percents.map { percent in
            let selected = ThresholdRule.selected(scores: scores, rule: .topPercent(percent))
            let audit = GroupAudit(
                attribute: "", values: values, selected: selected, positive: positive, minimumGroup: minimumGroup)
            return (percent, audit.groups.filter { !$0.suppressed }.map { ($0.value, $0.counts) })
        }
    }
}
