/// Where a callback request stands.
public enum CallbackStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting for an agent's call.
    case toCall = "to_call"
    /// The agent called.
    case called
    /// The agent called and nobody answered.
    case noAnswer = "no_answer"
    /// Handled: nothing more to do.
    case done
}

/// A request to be called back, left with the assistant: deleted once its retention period is over.
public struct CallbackRecord: Sendable, Equatable {
    /// Opaque id: the person's receipt number.
    public var id: String
    /// The person's name.
    public var name: String
    /// A phone number or e-mail address.
    public var contact: String
    /// When the person prefers to be called (`matin`, `midi`, `apres_midi`, `indifferent`).
    public var preferredTime: String
    /// The subject, identifiers already redacted.
    public var subject: String
    /// Where it stands.
    public var status: CallbackStatus
    /// When it was left.
    public var createdAt: String
    /// When it is deleted.
    public var deleteAfter: String
    /// The last agent who changed its status.
    public var updatedBy: String?
    /// When.
    public var updatedAt: String?
}
