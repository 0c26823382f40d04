import LanterneData

/// What to audit in a table: the outcome, the groups, where the decisions come from, and the options of the report.
public struct AuditRequest: Sendable {
    /// Where the decisions come from.
    public enum Decision: Sendable, Equatable {
        /// A column of decisions already taken (1/0, oui/non).
        case prediction(String)
        /// A condition on a column (`score_text != Low`).
        case condition(RowCondition)
        /// A score column and the rule that turns it into decisions.
        case score(String, ThresholdRule)
    }

    /// The outcome column (1/0, oui/non; empty where unknown).
    public var label: String
    /// The protected attributes; several names form an intersection.
    public var attributes: [[String]]
    /// The decisions.
    public var decision: Decision
    /// Rows kept: those satisfying every condition.
    public var filters: [RowCondition] = []
    /// Groups smaller than this are suppressed.
    public var minimumGroup = 10
    /// `majority` or a group's value.
    public var reference = "majority"
    /// Bootstrap replicates (0: no intervals).
    public var bootstrap = 0
    /// The bootstrap's seed.
    public var seed: UInt64 = 1
    /// Features tested as proxies of the protected attributes (the score is added when there is one).
    public var proxies: [String] = []
    /// The column marking the cases checked at random.
    public var randomDraw: String? = nil
    /// Whether to sweep the capacity from 10 % to 100 % (a score is needed).
    public var sweep = false
    /// The reader's language.
    public var language: Language = .fr
    /// The data's schema, whose words name groups and attributes in the findings (codes without it).
    public var schema: Schema? = nil
    /// How many threads.
    public var threads = 2

    /// Creates a request.
    public init(label: String, attributes: [[String]], decision: Decision) {
        self.label = label
        self.attributes = attributes
        self.decision = decision
    }

    /// Every column the request reads.
    public var columns: [String] {
        var names = [label] + attributes.flatMap { $0 } + filters.map(\.column) + proxies
        switch decision {
        case .prediction(let name): names.append(name)
        case .condition(let condition): names.append(condition.column)
        case .score(let name, _): names.append(name)
        }
        if let randomDraw { names.append(randomDraw) }
        return names
    }
}

/// A request that does not fit its data file: a missing column, a label that is not binary, a single group.
public struct AuditInputError: LocalizedMessage, Equatable {
    /// The data file.
    public var file: String
    /// The French explanation.
    public var french: String
    /// The English explanation.
    public var english: String

    /// Creates an error.
    public init(file: String, french: String, english: String) {
        self.file = file
        self.french = french
        self.english = english
    }

    /// The message, naming the file first.
    public func message(_ language: Language) -> String {
        "\(file) : " + (language == .fr ? french : english)
    }
}
