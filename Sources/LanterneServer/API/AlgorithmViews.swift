import LanterneAudit
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

/// The random share of the controls and what the controls found, the draw's unbiased rate beside the model's.
struct RandomDrawView: Encodable, Sendable {
    /// The share of the proposed cases that were drawn at random.
    let share: Double
    /// How many cases were drawn.
    let cases: Int
    /// Drawn cases controlled with a finding, and the share with an irregularity (with its 95 % interval).
    let controls: Int
    let hitRate: Double?
    let hitRateInterval: [Double]?
    /// The same for the cases the score proposed.
    let modelControls: Int
    let modelHitRate: Double?
    let modelHitRateInterval: [Double]?

    init(_ counts: FindingCounts) {
        share = counts.proposed == 0 ? 0 : Double(counts.drawn) / Double(counts.proposed)
        cases = counts.drawn
        controls = counts.drawnControls
        let drawn = ProportionInterval(successes: counts.drawnFound, trials: counts.drawnControls)
        hitRate = drawn?.estimate
        hitRateInterval = drawn.map { [$0.lower, $0.upper] }
        modelControls = counts.modelControls
        let model = ProportionInterval(successes: counts.modelFound, trials: counts.modelControls)
        modelHitRate = model?.estimate
        modelHitRateInterval = model.map { [$0.lower, $0.upper] }
    }

    enum CodingKeys: String, CodingKey {
        case share, cases, controls
        case hitRate = "hit_rate"
        case hitRateInterval = "hit_rate_interval"
        case modelControls = "model_controls"
        case modelHitRate = "model_hit_rate"
        case modelHitRateInterval = "model_hit_rate_interval"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(share, forKey: .share)
        try container.encode(cases, forKey: .cases)
        try container.encode(controls, forKey: .controls)
        try container.encode(hitRate, forKey: .hitRate)
        try container.encode(hitRateInterval, forKey: .hitRateInterval)
        try container.encode(modelControls, forKey: .modelControls)
        try container.encode(modelHitRate, forKey: .modelHitRate)
        try container.encode(modelHitRateInterval, forKey: .modelHitRateInterval)
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
    let randomDraw: RandomDrawView?
    let contests: ContestCounts
    let versions: [VersionView]

    enum CodingKeys: String, CodingKey {
        case id, name, kind, status, card, version, audit, overrides, contests, versions
        case randomDraw = "random_draw"
    }
}
