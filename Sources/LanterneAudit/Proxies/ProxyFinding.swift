import LanterneData

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

    /// A feature's values, as the proxy measures read them.
    public enum Values: Sendable {
        /// Numbers (NaN: missing): measured by AUC.
        case numbers([Double])
        /// Labels: measured by Cramér's V.
        case labels(CategoryColumn)
    }

    /// Finds the strength of each feature for each protected attribute.
    /// - Parameters:
    ///   - features: each feature's values as numbers (nil when not a number) and as text.
    ///   - protected: each protected attribute's values (nil when missing).
    /// - Returns: the findings, strongest first.
    public static func find(
        features: [(name: String, numbers: [Double?], texts: [String?])], protected: [(name: String, values: [String?])]
    ) -> [ProxyFinding] {
        find(
            features: features.map { feature in
                let numeric = feature.texts.indices.allSatisfy {
                    feature.numbers[$0] != nil || feature.texts[$0] == nil
                }
                return (
                    feature.name,
                    numeric
                        ? Values.numbers(feature.numbers.map { $0 ?? .nan })
                        : Values.labels(CategoryColumn(labels: feature.texts))
                )
            },
            protected: protected.map { ($0.name, GroupColumn(values: $0.values)) })
    }

    /// Finds the strength of each feature for each protected attribute, from encoded values: a number feature is
    /// sorted once and its AUC read for each group against the others (the best group kept); a label feature's
    /// contingency table with the groups gives Cramér's V. Cases with a missing value on either side are left out.
    /// - Parameters:
    ///   - features: each feature's values.
    ///   - protected: each protected attribute's groups (`-1`: missing).
    /// - Returns: the findings, strongest first.
    public static func find(
        features: [(name: String, values: Values)], protected: [(name: String, groups: GroupColumn)]
    )
        -> [ProxyFinding]
    {
        var findings: [ProxyFinding] = []
        for attribute in protected {
            let codes = attribute.groups.codes
            for feature in features {
                switch feature.values {
                case .numbers(let numbers):
                    let kept = codes.indices.filter { codes[$0] >= 0 && !numbers[$0].isNaN }
                    let scores = kept.map { numbers[$0] }
                    let groupOf = kept.map { codes[$0] }
                    let order = ScoreOrder(scores: scores)
                    let single = [Int32](repeating: 0, count: kept.count)
                    let present = Set(groupOf).sorted()
                    // One group against the others: the group the feature tells best.
                    let best = present.compactMap { group -> Double? in
                        order.auc(
                            scores: scores, positive: groupOf.map { $0 == group }, codes: single, groupCount: 1)[0]
                            .map { max($0, 1 - $0) }
                    }.max()
                    if let best {
                        findings.append(
                            ProxyFinding(
                                feature: feature.name, protected: attribute.name, measure: "auc", strength: best))
                    }
                case .labels(let labels):
                    if let v = cramersV(labels, attribute.groups) {
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

    /// Cramér's V from codes, summed in the order of the labels' and groups' names (the same bits in every process).
    private static func cramersV(_ labels: CategoryColumn, _ groups: GroupColumn) -> Double? {
        let width = groups.names.count
        var table = [Double](repeating: 0, count: labels.levels.count * width)
        var rows = [Double](repeating: 0, count: labels.levels.count)
        var columns = [Double](repeating: 0, count: width)
        var total = 0.0
        for (x, y) in zip(labels.codes, groups.codes) where x >= 0 && y >= 0 {
            table[Int(x) * width + Int(y)] += 1
            rows[Int(x)] += 1
            columns[Int(y)] += 1
            total += 1
        }
        let rowOrder = rows.indices.filter { rows[$0] > 0 }.sorted { labels.levels[$0] < labels.levels[$1] }
        let columnOrder = columns.indices.filter { columns[$0] > 0 }.sorted { groups.names[$0] < groups.names[$1] }
        guard rowOrder.count > 1, columnOrder.count > 1, total > 0 else { return nil }
        var chiSquare = 0.0
        for x in rowOrder {
            for y in columnOrder {
                let expected = rows[x] * columns[y] / total
                let observed = table[x * width + y]
                chiSquare += (observed - expected) * (observed - expected) / expected
            }
        }
        return (chiSquare / (total * Double(min(rowOrder.count, columnOrder.count) - 1))).squareRoot()
    }
}
