import LanterneStore

/// `GET /api/v1/algorithms`: one line per algorithm.
struct AlgorithmSummary: Encodable, Sendable {
    let id: String
    let name: String
    let kind: String
    let status: String
    let version: Int?
    let publishedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, kind, status, version
        case publishedAt = "published_at"
    }
}

/// A model version as the register shows it.
struct VersionView: Encodable, Sendable {
    let number: Int
    let modelSHA256: String
    let createdAt: String
    let publishedAt: String?

    enum CodingKeys: String, CodingKey {
        case number
        case modelSHA256 = "model_sha256"
        case createdAt = "created_at"
        case publishedAt = "published_at"
    }
}

/// The latest audit, as the register shows it.
struct AuditView: Encodable, Sendable {
    let modelSHA256: String
    let gatesPassed: Bool
    let gates: JSONValue
    let rows: JSONValue

    enum CodingKeys: String, CodingKey {
        case gates, rows
        case modelSHA256 = "model_sha256"
        case gatesPassed = "gates_passed"
    }
}

/// A failed gate of the published version, published anyway with a written justification.
struct OverrideView: Encodable, Sendable {
    let gate: JSONValue
    let metric: JSONValue
    let value: JSONValue
    let justification: String?
    let publishedAt: String
    let logSequence: Int

    enum CodingKeys: String, CodingKey {
        case gate, metric, value, justification
        case publishedAt = "published_at"
        case logSequence = "log_sequence"
    }
}

/// Contests received about an algorithm's decisions.
struct ContestCounts: Encodable, Sendable {
    let received: Int
    let answered: Int
    let changed: Int
}

/// `GET /api/v1/algorithms/{id}`: the register entry.
struct RegisterEntry: Encodable, Sendable {
    let id: String
    let name: String
    let kind: String
    let status: String
    let card: JSONValue
    let version: VersionView?
    let audit: AuditView?
    let overrides: [OverrideView]
    let randomDraw: JSONValue?
    let contests: ContestCounts
    let versions: [VersionView]

    enum CodingKeys: String, CodingKey {
        case id, name, kind, status, card, version, audit, overrides, contests, versions
        case randomDraw = "random_draw"
    }
}
