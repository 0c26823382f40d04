import LanterneData
import LanterneModels

/// One case's score and the exact part of each feature in it: what `POST /api/v1/algorithms/{id}/score` returns and
/// what `lanterne explain --id` writes for the same case, from the same calls.
public struct CaseExplanation: Sendable, Equatable, Encodable {
    /// The probability.
    public var score: Double
    /// The log-odds: `base` plus the contributions.
    public var logit: Double
    /// The model's base value.
    public var base: Double
    /// Each feature's part of the log-odds, in the model's feature order.
    public var contributions: [(name: String, value: Double)]
    /// The features missing in the case.
    public var missing: [String]

    /// Creates an explanation from its numbers.
    /// - Parameters:
    ///   - score: the probability.
    ///   - logit: the log-odds.
    ///   - base: the model's base value.
    ///   - contributions: each feature's part, in the model's feature order.
    ///   - missing: the features missing in the case.
    public init(
        score: Double, logit: Double, base: Double, contributions: [(name: String, value: Double)], missing: [String]
    ) {
        self.score = score
        self.logit = logit
        self.base = base
        self.contributions = contributions
        self.missing = missing
    }

    /// Explains one encoded case.
    /// - Parameters:
    ///   - row: the case's feature values, in the model's order (NaN where missing).
    ///   - explainer: the explainer of the model.
    /// - Returns: the score, base and contributions, computed as `lanterne explain` computes them.
    public static func explain(_ row: [Double], with explainer: Explainer) -> CaseExplanation {
        let parts = row.withUnsafeBufferPointer { explainer.contributions($0) }
        let names = explainer.model.features.map(\.name)
        let logit = parts.total
        return CaseExplanation(
            score: logistic(logit), logit: logit, base: parts.base,
            contributions: Array(zip(names, parts.values)).map { (name: $0.0, value: $0.1) },
            missing: names.indices.filter { row[$0].isNaN }.map { names[$0] })
    }

    /// The explanation as the API answers it: one line of JSON, keys sorted (the contributions' by their bytes), the
    /// same document ``encode(to:)`` gives a `JSONEncoder` with sorted keys, written here directly because the score
    /// route answers thousands of them a second.
    public var json: String {
        var text = "{\"base\":"
        text.reserveCapacity(64 + 48 * contributions.count)
        text += JSONText.number(base) + ",\"contributions\":{"
        let sorted = contributions.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for (index, part) in sorted.enumerated() {
            if index > 0 { text += "," }
            text += JSONText.quoted(part.name) + ":" + JSONText.number(part.value)
        }
        text += "},\"logit\":" + JSONText.number(logit) + ",\"missing\":["
        text += missing.map(JSONText.quoted).joined(separator: ",")
        text += "],\"score\":" + JSONText.number(score) + "}\n"
        return text
    }

    /// Whether two explanations hold the same numbers, bit for bit.
    public static func == (left: CaseExplanation, right: CaseExplanation) -> Bool {
        left.score == right.score && left.logit == right.logit && left.base == right.base
            && left.missing == right.missing && left.contributions.map(\.name) == right.contributions.map(\.name)
            && left.contributions.map(\.value) == right.contributions.map(\.value)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Encodes `{"score", "logit", "base", "contributions": {"feature": c}, "missing": [...]}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(score, forKey: Key("score"))
        try container.encode(logit, forKey: Key("logit"))
        try container.encode(base, forKey: Key("base"))
        var parts = container.nestedContainer(keyedBy: Key.self, forKey: Key("contributions"))
        for part in contributions { try parts.encode(part.value, forKey: Key(part.name)) }
        try container.encode(missing, forKey: Key("missing"))
    }
}
