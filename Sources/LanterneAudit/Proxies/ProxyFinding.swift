/// A feature that tells a protected attribute.
public struct ProxyFinding: Sendable, Equatable {
    /// The feature.
    public var feature: String
    /// The protected attribute.
    public var protected: String
    /// `auc` (numbers) or `cramers_v` (categories).
    public var measure: String
    /// The strength, 0 to 1 (0.5 to 1 for AUC).
    public var strength: Double

    /// Creates a finding.
    public init(feature: String, protected: String, measure: String, strength: Double) {
        self.feature = feature
        self.protected = protected
        self.measure = measure
        self.strength = strength
    }

    /// Finds the strength of each feature for each protected attribute.
    /// - Parameters:
    ///   - features: each feature's values as numbers (nil when not a number) and as text.
    ///   - protected: each protected attribute's values (nil when missing).
    /// - Returns: the findings, strongest first.
    public static func find(
        features: [(name: String, numbers: [Double?], texts: [String?])], protected: [(name: String, values: [String?])]
    ) -> [ProxyFinding] {
        var findings: [ProxyFinding] = []
        for attribute in protected {
            let groups = Set(attribute.values.compactMap { $0 }).sorted()
            for feature in features {
                let rows = attribute.values.indices.filter { attribute.values[$0] != nil }
                let numeric = rows.allSatisfy { feature.numbers[$0] != nil || feature.texts[$0] == nil }
                if numeric {
                    let kept = rows.filter { feature.numbers[$0] != nil }
                    let scores = kept.map { feature.numbers[$0]! }
                    // One group against the others: the group the feature tells best.
                    let best = groups.compactMap { group in
                        ProxyStrength.foldedAUC(scores, kept.map { attribute.values[$0] == group })
                    }.max()
                    if let best {
                        findings.append(
                            ProxyFinding(
                                feature: feature.name, protected: attribute.name, measure: "auc", strength: best))
                    }
                } else {
                    let kept = rows.filter { feature.texts[$0] != nil }
                    if let v = ProxyStrength.cramersV(
                        kept.map { feature.texts[$0]! }, kept.map { attribute.values[$0]! })
                    {
                        findings.append(
                            ProxyFinding(
                                feature: feature.name, protected: attribute.name, measure: "cramers_v", strength: v))
                    }
                }
            }
        }
        return findings.sorted {
            $0.strength != $1.strength
                ? $0.strength > $1.strength : ($0.feature, $0.protected) < ($1.feature, $1.protected)
        }
    }
}
