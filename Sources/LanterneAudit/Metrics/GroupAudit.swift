/// Metrics by group of one protected attribute (or an intersection of several), with ratios and differences against a
/// reference group and small groups suppressed.
public struct GroupAudit: Sendable {
    /// One group's line.
    public struct Group: Sendable {
        /// The attribute (`race`, or `race*sex` for an intersection).
        public var attribute: String
        /// The group's value (`African-American`, or `African-American*Male`).
        public var value: String
        /// The counts (kept for the computations even when suppressed).
        public var counts: ConfusionCounts
        /// Whether the group is smaller than the minimum and its figures are not published.
        public var suppressed: Bool
    }

    /// Under this many cases a published group's figures are flagged unreliable (« peu fiable »).
    public static let reliableCount = 30

    /// The groups, largest first.
    public var groups: [Group]
    /// The reference group's value.
    public var reference: String?
    /// The smallest group published.
    public var minimumGroup: Int

    /// Audits decisions by group.
    /// - Parameters:
    ///   - attribute: the attribute's name.
    ///   - values: each case's group (nil: unknown, left out).
    ///   - selected: each case's decision.
    ///   - positive: each case's outcome.
    ///   - minimumGroup: groups smaller than this are suppressed.
    ///   - reference: `majority` (the largest group), or a group's value.
    public init(
        attribute: String, values: [String?], selected: [Bool], positive: [Bool], minimumGroup: Int = 10,
        reference: String = "majority"
    ) {
        self.init(
            attribute: attribute, groups: GroupColumn(values: values), selected: selected, positive: positive,
            minimumGroup: minimumGroup, reference: reference)
    }

    /// Audits decisions by group, from groups already encoded.
    /// - Parameters:
    ///   - attribute: the attribute's name.
    ///   - groups: each case's group.
    ///   - selected: each case's decision.
    ///   - positive: each case's outcome.
    ///   - minimumGroup: groups smaller than this are suppressed.
    ///   - reference: `majority` (the largest group), `best` (the group selected most often), or a group's value.
    ///   - threads: how many threads count the cases.
    public init(
        attribute: String, groups: GroupColumn, selected: [Bool], positive: [Bool], minimumGroup: Int = 10,
        reference: String = "majority", threads: Int = 2
    ) {
        let counts = groups.counts(selected: selected, positive: positive, threads: threads)
        self.groups = zip(groups.names, counts).filter { $0.1.count > 0 }.map { value, counts in
            Group(attribute: attribute, value: value, counts: counts, suppressed: counts.count < minimumGroup)
        }.sorted { $0.counts.count != $1.counts.count ? $0.counts.count > $1.counts.count : $0.value < $1.value }
        self.minimumGroup = minimumGroup
        if reference == "majority" {
            self.reference = self.groups.first { !$0.suppressed }?.value
        } else if reference == "best" {
            // The group selected most often, as the four-fifths rule compares with (the largest on a tie).
            var best: Group? = nil
            for group in self.groups where !group.suppressed {
                if let rate = group.counts.selectionRate, rate > (best?.counts.selectionRate ?? -1) { best = group }
            }
            self.reference = best?.value
        } else {
            self.reference = self.groups.contains { $0.value == reference && !$0.suppressed } ? reference : nil
        }
    }

    /// A rate of a group divided by the same rate of the reference group, when both exist and are published.
    /// - Parameters:
    ///   - group: the group.
    ///   - rate: the rate's JSON name.
    /// - Returns: the ratio, or `nil`.
    public func ratio(_ group: Group, _ rate: String) -> Double? {
        guard let (mine, theirs) = pair(group, rate), theirs != 0 else { return nil }
        return mine / theirs
    }

    /// A rate of a group minus the same rate of the reference group.
    public func difference(_ group: Group, _ rate: String) -> Double? {
        guard let (mine, theirs) = pair(group, rate) else { return nil }
        return mine - theirs
    }

    private func pair(_ group: Group, _ rate: String) -> (Double, Double)? {
        guard !group.suppressed, let reference, let base = groups.first(where: { $0.value == reference }),
            let mine = group.counts.rates.first(where: { $0.name == rate })?.value,
            let theirs = base.counts.rates.first(where: { $0.name == rate })?.value
        else { return nil }
        return (mine, theirs)
    }

    /// Whether every published group is selected at least four fifths as often as the group selected most (the US
    /// EEOC's rule of thumb for adverse impact).
    public var passesFourFifths: Bool {
        let rates = groups.filter { !$0.suppressed }.compactMap(\.counts.selectionRate)
        guard let highest = rates.max(), highest > 0 else { return true }
        return rates.allSatisfy { $0 / highest >= 0.8 }
    }
}
