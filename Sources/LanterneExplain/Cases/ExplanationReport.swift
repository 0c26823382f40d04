import LanterneData
import LanterneModels

/// What `lanterne explain` prints: contributions, and counterfactuals when asked, as JSON or text.
public struct ExplanationReport: Sendable {
    /// The cases.
    public let cases: ExplainedCases
    /// Each explained row's contributions, in the order of `cases.rows`.
    public let contributions: [Contributions]
    /// Each row's counterfactual, when asked.
    public let counterfactuals: [Counterfactual]?
    /// The most changes a counterfactual may make.
    public let maxChanges: Int
    /// The language of sentences.
    public let language: Language

    /// Creates a report.
    public init(
        cases: ExplainedCases, contributions: [Contributions], counterfactuals: [Counterfactual]?, maxChanges: Int,
        language: Language
    ) {
        self.cases = cases
        self.contributions = contributions
        self.counterfactuals = counterfactuals
        self.maxChanges = maxChanges
        self.language = language
    }

    /// The JSON contract of CLI.md.
    public func json() -> String {
        let names = cases.names
        var text = "{\"base\":\(JSONText.number(contributions.first?.base ?? 0)),\"rows\":["
        text += cases.rows.indices.map { position in
            let row = cases.rows[position]
            let explained = contributions[position]
            let logit = explained.total
            let parts = zip(names, explained.values)
                .map { "\(JSONText.quoted($0)):\(JSONText.number($1))" }.joined(separator: ",")
            let missing = cases.missing(row).map(JSONText.quoted).joined(separator: ",")
            var line =
                "{\"id\":\(JSONText.quoted(cases.identifiers[row])),\"score\":\(JSONText.number(logistic(logit))),"
                + "\"logit\":\(JSONText.number(logit)),\"contributions\":{\(parts)},\"missing\":[\(missing)]"
            if let counterfactuals { line += ",\"counterfactual\":" + json(counterfactuals[position]) }
            return line + "}"
        }.joined(separator: ",")
        return text + "]}\n"
    }

    private func json(_ answer: Counterfactual) -> String {
        func value(_ feature: Int, _ number: Double) -> String {
            if number.isNaN { return "null" }
            if let levels = cases.document.model.features[feature].levels, levels.indices.contains(Int(number)) {
                return JSONText.quoted(levels[Int(number)])
            }
            return JSONText.number(number)
        }
        let changes = answer.changes.map { change in
            "{\"feature\":\(JSONText.quoted(cases.names[change.feature])),\"from\":\(value(change.feature, change.from)),"
                + "\"to\":\(value(change.feature, change.to))}"
        }.joined(separator: ",")
        var text =
            "{\"threshold\":\(JSONText.number(answer.threshold)),\"status\":\(JSONText.quoted(answer.status.rawValue)),"
            + "\"method\":\(JSONText.quoted(answer.method.rawValue)),\"max_changes\":\(maxChanges),"
            + "\"score\":\(JSONText.number(logistic(answer.newLogit))),\"changes\":[\(changes)]"
        if let obstacle = answer.obstacle { text += ",\"reason\":\(JSONText.quoted(obstacle.rawValue))" }
        return text + ",\"sentence\":\(JSONText.quoted(sentence(answer)))}"
    }

    private func sentence(_ answer: Counterfactual) -> String {
        CounterfactualText.sentence(
            answer, maxChanges: maxChanges, label: { cases.names[$0] },
            value: { cases.valueText($0, $1, language: language) }, language: language)
    }

    /// Lines for people: the score, the largest effects by theme, the counterfactual.
    public func text() -> String {
        let fr = language == .fr
        var groups: [String: String] = [:]
        for column in cases.document.schema?.columns ?? [] {
            if let group = column.group { groups[column.name] = group }
        }
        func percent(_ p: Double) -> String { ReadableNumber.percent(p, language: language) }
        var lines: [String] = []
        for (position, row) in cases.rows.enumerated() {
            let missing = cases.missing(row)
            let readable = ReadableContributions(
                contributions[position], names: cases.names, groups: groups, top: 5,
                othersName: fr ? "autres éléments" : "other items")
            let start = percent(readable.baseProbability)
            let id = cases.identifiers[row]
            lines.append(
                fr
                    ? "Cas \(id) : score \(percent(readable.probability)) (point de départ \(start))"
                    : "Case \(id): score \(percent(readable.probability)) (starting point \(start))")
            for effect in readable.effects {
                let note = missing.contains(effect.name) ? (fr ? " (valeur manquante)" : " (missing value)") : ""
                lines.append(
                    fr
                        ? "  \(effect.name)\(note) : de \(percent(effect.from)) à \(percent(effect.to))"
                        : "  \(effect.name)\(note): from \(percent(effect.from)) to \(percent(effect.to))")
            }
            if let counterfactuals { lines.append("  " + sentence(counterfactuals[position])) }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
