/// What an agent decides about a proposed case.
public enum DecisionOutcome: String, Sendable, Codable, CaseIterable {
    /// Control the case.
    case control
    /// Do not control it.
    case noControl = "no_control"
    /// Something else (ask for documents, send to another service), said in the reason.
    case other
}

/// One case of a control period as stored: the person's data as the model reads them, the score, and whether the
/// control policy proposed it (by its score or by the random draw).
public struct CaseRecord: Sendable, Equatable {
    /// Opaque id.
    public var id: String
    /// The algorithm.
    public var algorithmID: String
    /// The model version that scored it.
    public var modelSHA256: String
    /// The control period (`2026-12`).
    public var period: String
    /// The case's identifier in the administration's file.
    public var reference: String
    /// The case's values as a JSON object, by column name.
    public var data: String
    /// The protected attributes the model never reads, as a JSON object of labels: kept for the oversight of
    /// decisions by group, never shown to the deciding agent.
    public var protected: String
    /// The model's score.
    public var score: Double
    /// Whether the control policy proposed it.
    public var proposed: Bool
    /// Whether it was drawn at random (never shown to the agent before the decision).
    public var randomDraw: Bool
    /// Its place in the agents' queue (policy order).
    public var queuePosition: Int
    /// `open` or `decided`.
    public var status: String
    /// The agent's first judgement before seeing the score, when the « premier regard » policy is on.
    public var firstLook: String?
    /// When an agent first opened it.
    public var openedAt: String?
    /// When it was stored.
    public var createdAt: String
}

/// A case to store: its data, score and the policy's choice.
public struct NewCase: Sendable, Equatable {
    /// The case's identifier in the administration's file.
    public var reference: String
    /// The values as a JSON object.
    public var data: String
    /// The protected attributes as a JSON object of labels.
    public var protected: String
    /// The model's score.
    public var score: Double
    /// Whether the control policy proposed it.
    public var proposed: Bool
    /// Whether it was drawn at random.
    public var randomDraw: Bool
    /// Its place in the queue (0 when not proposed).
    public var queuePosition: Int

    /// Creates a case to store.
    public init(
        reference: String, data: String, protected: String = "{}", score: Double, proposed: Bool, randomDraw: Bool,
        queuePosition: Int
    ) {
        self.reference = reference
        self.data = data
        self.protected = protected
        self.score = score
        self.proposed = proposed
        self.randomDraw = randomDraw
        self.queuePosition = queuePosition
    }
}

/// A decision as stored.
public struct DecisionRecord: Sendable, Equatable {
    /// Opaque id.
    public var id: String
    /// The case.
    public var caseID: String
    /// The deciding agent's username.
    public var agent: String
    /// What was decided.
    public var outcome: DecisionOutcome
    /// The reason's category (`pieces_justificatives`, `incoherence`…).
    public var reasonCategory: String
    /// The written reason.
    public var reason: String
    /// What the algorithm proposed (`control` for every proposed case).
    public var proposal: DecisionOutcome
    /// Whether the decision follows the proposal.
    public var agrees: Bool
    /// Whether the reason is a template left unchanged.
    public var templateUnchanged: Bool
    /// Seconds from the first opening of the case to the decision, when it was opened first.
    public var secondsToDecide: Double?
    /// The log entry that records the decision: the person's receipt.
    public var logSequence: Int
    /// That entry's hash.
    public var logHash: String
    /// When it was decided.
    public var decidedAt: String
    /// What the control found: `true` for an irregularity, `false` for none, `nil` before the control's end.
    public var finding: Bool? = nil
}

/// How often the controls of an algorithm found an irregularity, for the cases the score proposed and for those
/// drawn at random: the random draw's rate is the unbiased one.
public struct FindingCounts: Sendable, Equatable {
    /// Cases proposed by the score, decided as controls with a finding recorded, and how many found one.
    public var modelControls: Int
    /// Irregularities found among them.
    public var modelFound: Int
    /// Drawn cases controlled with a finding recorded.
    public var drawnControls: Int
    /// Irregularities found among them.
    public var drawnFound: Int
    /// Every proposed case, and every drawn one, whatever their state.
    public var proposed: Int
    /// Every drawn case.
    public var drawn: Int

    /// Creates counts.
    public init(modelControls: Int, modelFound: Int, drawnControls: Int, drawnFound: Int, proposed: Int, drawn: Int) {
        self.modelControls = modelControls
        self.modelFound = modelFound
        self.drawnControls = drawnControls
        self.drawnFound = drawnFound
        self.proposed = proposed
        self.drawn = drawn
    }
}

/// What an agent writes to decide a case.
public struct DecisionInput: Sendable, Equatable {
    /// What is decided.
    public var outcome: DecisionOutcome
    /// The reason's category.
    public var reasonCategory: String
    /// The written reason.
    public var reason: String
    /// Whether the reason is a template left unchanged.
    public var templateUnchanged: Bool

    /// Creates a decision.
    public init(outcome: DecisionOutcome, reasonCategory: String, reason: String, templateUnchanged: Bool) {
        self.outcome = outcome
        self.reasonCategory = reasonCategory
        self.reason = reason
        self.templateUnchanged = templateUnchanged
    }
}

/// A control period's counts: its cases, those the policy proposed, those drawn at random, those decided.
public struct PeriodCounts: Sendable, Equatable {
    /// The period's name.
    public var period: String
    /// Its cases (the whole population).
    public var cases: Int
    /// The cases proposed for control (drawn ones included).
    public var proposed: Int
    /// The cases drawn at random.
    public var drawn: Int
    /// The cases decided.
    public var decided: Int

    /// Creates the counts.
    public init(period: String, cases: Int, proposed: Int, drawn: Int, decided: Int) {
        self.period = period
        self.cases = cases
        self.proposed = proposed
        self.drawn = drawn
        self.decided = decided
    }
}
