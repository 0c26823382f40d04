import LanterneCharts
import LanterneData
import LanterneModels

/// What the algorithm's page adds to its card from what is stored: the audit's findings (the weightiest first), a
/// chart of each group's selection rate, the random draw's hit rate beside the model's, and the contests.
enum AlgorithmPageFacts {
    /// The audit's sentences (already ranked by weight) and the chart of selection rates by group.
    static func audit(_ report: JSONValue, words: (String, String) -> String, language: Language) -> [String: Any] {
        var values: [String: Any] = [:]
        if case .array(let sentences) = report["sentences"] ?? .null {
            let texts = sentences.compactMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            }
            values["topFindings"] = Array(texts.prefix(3))
            values["moreFindings"] = Array(texts.dropFirst(3))
            values["hasMoreFindings"] = texts.count > 3
            values["hasFindings"] = !texts.isEmpty
        }
        guard case .array(let groups) = report["groups"] ?? .null else { return values }
        var bars: [BarChart.Bar] = []
        for group in groups {
            guard case .string(let attribute) = group["attribute"] ?? .null,
                case .string(let code) = group["group"] ?? .null,
                case .number(let rate) = group["selection_rate"] ?? .null,
                case .bool(false) = group["suppressed"] ?? .bool(false)
            else { continue }
            // One attribute at a time: intersections are in the findings.
            guard !attribute.contains("*") && !attribute.contains("&") else { continue }
            let points = rate * 100
            bars.append(
                .init(
                    label: words(attribute, code), value: points,
                    valueText: ReadableNumber.text(points, language: language, decimals: 2) + " %"))
        }
        guard !bars.isEmpty else { return values }
        let fr = language == .fr
        values["chart"] = BarChart(
            bars: bars, title: fr ? "Part des foyers proposés au contrôle, par groupe" : "Share proposed, by group",
            description: fr
                ? "Pour chaque groupe protégé, la part de ses membres que le modèle propose au contrôle. Les mêmes chiffres sont dans le tableau de l'audit en JSON."
                : "For each protected group, the share of its members the model proposes for control.",
            tickText: { ReadableNumber.text($0, language: language, decimals: 1) }
        ).svg(id: "selection")
        return values
    }

    /// A share as « 12,5 % (de 8,1 % à 18,9 %) ».
    static func rate(_ estimate: Double?, _ interval: [Double]?, language: Language) -> String? {
        guard let estimate else { return nil }
        var text = ReadableNumber.percent(estimate, language: language)
        if let interval, interval.count == 2 {
            let from = ReadableNumber.percent(interval[0], language: language)
            let to = ReadableNumber.percent(interval[1], language: language)
            text += language == .fr ? " (de \(from) à \(to))" : " (\(from) to \(to))"
        }
        return text
    }

    /// The points grid of a logistic model: for each datum and situation, the points it adds; the base and the
    /// points that double the odds.
    static func scorecard(_ card: Scorecard, schema: Schema?, language: Language) -> [String: Any] {
        let fr = language == .fr
        func points(_ value: Double) -> String {
            (value > 0 ? "+" : "") + ReadableNumber.text(value, language: language, decimals: 1)
        }
        func number(_ value: Double) -> String { ReadableNumber.text(value, language: language, decimals: 2) }
        let rows = card.lines.compactMap { line -> [String: Any]? in
            let column = schema?.column(named: line.feature)
            let label = column?.shortLabel ?? line.feature
            let situation: String
            var value = points(line.points)
            switch line.situation {
            case .perUnit(let above):
                let unit = column?.unit.map { " (\($0))" } ?? ""
                situation =
                    fr ? "par unité\(unit) au-dessus de \(number(above))" : "per unit\(unit) above \(number(above))"
                value = (line.points > 0 ? "+" : "") + ReadableNumber.text(line.points, language: language, decimals: 4)
            case .range(let from, let to, let pointsAtTo):
                situation = fr ? "de \(number(from)) à \(number(to))" : "from \(number(from)) to \(number(to))"
                value = points(line.points) + (fr ? " à " : " to ") + points(pointsAtTo)
            case .given: situation = fr ? "valeur renseignée" : "value given"
            case .missing: situation = fr ? "valeur manquante" : "missing value"
            case .level(let code): situation = column?.words(for: code, language: language) ?? code
            case .missingOrUnknownLevel: return nil
            }
            return ["label": label, "situation": situation, "points": value]
        }
        return [
            "rows": rows, "base": ReadableNumber.text(card.basePoints, language: language, decimals: 0),
            "double": ReadableNumber.text(card.pointsToDoubleOdds, language: language, decimals: 0),
        ]
    }
}
