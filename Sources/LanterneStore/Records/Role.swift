/// What an account may do.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Works the queue of cases, decides with a reason, answers callbacks and contests.
    case agent
    /// Loads data, trains or imports models, audits and publishes them.
    case steward
    /// Reads everything, re-runs audits, verifies the log, watches for rubber stamps.
    case auditor
    /// Manages the accounts.
    case admin

    /// The French name shown on pages.
    public var frenchName: String {
        switch self {
        case .agent: "agent"
        case .steward: "responsable d'algorithme"
        case .auditor: "auditeur"
        case .admin: "administrateur"
        }
    }
}
