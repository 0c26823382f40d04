/// The auditor's watch over automation bias: per agent and per month, how many decisions, how often they follow
/// the algorithm's proposal (overall and on the cases drawn at random, which the score did not choose), how long
/// they take, how often a reason template is left unchanged, and the overrides by protected group. When agreement
/// passes the alert level (95 % by default), the human check may have become a formality (AI Act article
/// 14(4)(b): the risk of automation bias).
public struct Oversight: Sendable {
    /// One decision as the oversight reads it.
    public struct Decision: Sendable, Equatable {
        /// The deciding agent.
        public var agent: String
        /// The month of the decision (`2026-10`).
        public var month: String
        /// Whether the decision follows the proposal.
        public var agrees: Bool
        /// Whether the case was drawn at random.
        public var randomDraw: Bool
        /// Seconds from opening to deciding, when known.
        public var seconds: Double?
        /// Whether the reason is a template left unchanged.
        public var templateUnchanged: Bool
        /// The case's protected attributes (attribute → label).
        public var groups: [String: String]

        /// Creates a decision.
        public init(
            agent: String, month: String, agrees: Bool, randomDraw: Bool, seconds: Double?, templateUnchanged: Bool,
            groups: [String: String]
        ) {
            self.agent = agent
            self.month = month
            self.agrees = agrees
            self.randomDraw = randomDraw
            self.seconds = seconds
            self.templateUnchanged = templateUnchanged
            self.groups = groups
        }
    }

    /// Overrides within one protected group.
    public struct GroupLine: Sendable, Equatable {
        /// The protected attribute.
        public var attribute: String
        /// Its label.
        public var group: String
        /// Decisions on cases of this group.
        public var decisions: Int
        /// Decisions that did not follow the proposal.
        public var overrides: Int

        /// Creates a line.
        public init(attribute: String, group: String, decisions: Int, overrides: Int) {
            self.attribute = attribute
            self.group = group
            self.decisions = decisions
            self.overrides = overrides
        }
    }

    /// One agent in one month.
    public struct Line: Sendable, Equatable {
        /// The agent.
        public var agent: String
        /// The month.
        public var month: String
        /// Decisions taken.
        public var decisions: Int
        /// Decisions that follow the proposal.
        public var agreements: Int
        /// Decisions on drawn cases, and how many follow the proposal.
        public var drawnDecisions: Int
        /// Of those, how many follow the proposal.
        public var drawnAgreements: Int
        /// The median time to decide, in seconds, when known.
        public var medianSeconds: Double?
        /// Reasons left as their template.
        public var unchangedTemplates: Int
        /// Overrides by protected group, attribute then label.
        public var groups: [GroupLine]
        /// Whether agreement passes the alert level.
        public var alert: Bool

        /// The share of decisions that follow the proposal.
        public var agreementRate: Double { decisions == 0 ? 0 : Double(agreements) / Double(decisions) }
        /// The same on drawn cases, when there are some.
        public var drawnAgreementRate: Double? {
            drawnDecisions == 0 ? nil : Double(drawnAgreements) / Double(drawnDecisions)
        }
    }

    /// The agreement above which a line is flagged.
    public var alertLevel: Double
    /// The fewest decisions a line needs before it can be flagged.
    public var minimumDecisions: Int

    /// Creates the oversight.
    /// - Parameters:
    ///   - alertLevel: the agreement share above which a line is flagged (0.95 by default).
    ///   - minimumDecisions: the fewest decisions a flagged line needs (10 by default: fewer say little).
    public init(alertLevel: Double = 0.95, minimumDecisions: Int = 10) {
        self.alertLevel = alertLevel
        self.minimumDecisions = minimumDecisions
    }

    /// The lines, by agent then month.
    /// - Parameter decisions: every decision.
    /// - Returns: one line per agent and month.
    public func lines(_ decisions: [Decision]) -> [Line] {
        var byKey: [String: [Decision]] = [:]
        for decision in decisions { byKey[decision.agent + "\u{1}" + decision.month, default: []].append(decision) }
        return byKey.keys.sorted().map { key in
            let group = byKey[key] ?? []
            let agreements = group.count(where: \.agrees)
            let drawn = group.filter(\.randomDraw)
            var seconds = group.compactMap(\.seconds).sorted()
            var median: Double? = nil
            if !seconds.isEmpty {
                let middle = seconds.count / 2
                median = seconds.count % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2
            }
            seconds.removeAll()
            var cells: [String: (decisions: Int, overrides: Int)] = [:]
            for decision in group {
                for (attribute, label) in decision.groups {
                    let cell = attribute + "\u{1}" + label
                    cells[cell, default: (0, 0)].decisions += 1
                    if !decision.agrees { cells[cell, default: (0, 0)].overrides += 1 }
                }
            }
            let groups = cells.keys.sorted().map { cell -> GroupLine in
                let parts = cell.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
                return GroupLine(
                    attribute: parts[0], group: parts[1], decisions: cells[cell]?.decisions ?? 0,
                    overrides: cells[cell]?.overrides ?? 0)
            }
            let rate = group.isEmpty ? 0 : Double(agreements) / Double(group.count)
            return Line(
                agent: group[0].agent, month: group[0].month, decisions: group.count, agreements: agreements,
                drawnDecisions: drawn.count, drawnAgreements: drawn.count(where: \.agrees), medianSeconds: median,
                unchangedTemplates: group.count(where: \.templateUnchanged), groups: groups,
                alert: group.count >= minimumDecisions && rate > alertLevel)
        }
    }
}
