import LanterneData
import LanterneModels

/// What `lanterne explain --global` prints as JSON or text.
public struct GlobalReport: Sendable {
    /// The cases summarised.
    public let cases: ExplainedCases
    /// The importance and effect curves.
    public let summary: GlobalExplanation

    /// Creates a report.
    public init(cases: ExplainedCases, summary: GlobalExplanation) {
        self.cases = cases
        self.summary = summary
    }

    private var order: [Int] {
        summary.importance.indices.sorted {
            summary.importance[$0] != summary.importance[$1]
                ? summary.importance[$0] > summary.importance[$1] : $0 < $1
        }
    }

    private func value(_ feature: Int, _ number: Double) -> String {
        if let levels = cases.document.model.features[feature].levels, levels.indices.contains(Int(number)) {
            return JSONText.quoted(levels[Int(number)])
        }
        return JSONText.number(number)
    }

    /// `{"rows": n, "importance": [...], "curves": [...]}`, features by decreasing importance.
    public func json() -> String {
        let names = cases.names
        let importance = order.map {
            "{\"feature\":\(JSONText.quoted(names[$0])),\"mean_abs\":\(JSONText.number(summary.importance[$0]))}"
        }.joined(separator: ",")
        let curves = order.map { feature -> String in
            let curve = summary.curves[feature]
            let points = curve.points.map { point in
                "{\"value\":\(value(feature, point.value)),\"low\":\(value(feature, point.range.lowerBound)),"
                    + "\"high\":\(value(feature, point.range.upperBound)),"
                    + "\"mean_contribution\":\(JSONText.number(point.meanContribution)),\"count\":\(point.count)}"
            }.joined(separator: ",")
            var text =
                "{\"feature\":\(JSONText.quoted(names[feature])),\"kind\":\(curve.levels ? "\"levels\"" : "\"number\""),"
                + "\"points\":[\(points)]"
            if let missing = curve.missing {
                text +=
                    ",\"missing\":{\"mean_contribution\":\(JSONText.number(missing.meanContribution)),"
                    + "\"count\":\(missing.count)}"
            }
            return text + "}"
        }.joined(separator: ",")
        return "{\"rows\":\(summary.rows),\"importance\":[\(importance)],\"curves\":[\(curves)]}\n"
    }

    /// The importance of each feature, one line each.
    public func text(_ language: Language) -> String {
        var lines = [
            language == .fr
                ? "Importance (effet moyen absolu sur la log-cote, \(summary.rows) cas) :"
                : "Importance (mean absolute effect on the log-odds, \(summary.rows) cases):"
        ]
        for feature in order {
            lines.append(
                "  \(cases.names[feature]) : \(ReadableNumber.text(summary.importance[feature], language: language, decimals: 4))"
            )
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
