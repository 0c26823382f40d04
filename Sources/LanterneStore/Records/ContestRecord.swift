/// How a contest was answered.
public enum ContestOutcome: String, Sendable, Codable, CaseIterable {
    /// The decision stands.
    case upheld
    /// The decision is changed.
    case changed
}

/// A contest filed from a notice, and its answer once another agent gives it.
public struct ContestRecord: Sendable, Equatable {
    /// Opaque id: the person's receipt number.
    public var id: String
    /// The contested decision.
    public var decisionID: String
    /// The person's message.
    public var message: String
    /// How to reach the person (e-mail, phone or postal address), as they gave it.
    public var contact: String
    /// `open` or `answered`.
    public var status: String
    /// When it was filed.
    public var createdAt: String
    /// When the answer is due: one month later; silence past it counts as a refusal.
    public var dueAt: String
    /// The answering agent.
    public var answeredBy: String?
    /// The answer's outcome.
    public var outcome: ContestOutcome?
    /// The written answer.
    public var answer: String?
    /// When it was answered.
    public var answeredAt: String?
    /// The agent who took the contested decision (who may not answer).
    public var decidingAgent: String
    /// The case.
    public var caseID: String
}
