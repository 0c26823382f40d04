import LanterneCharts
import LanterneData
import LanterneExplain
import LanterneModels

/// A page showing how a model uses its data: importance of each feature and its effect curve, as charts with their
/// numbers in tables, without script, printable.
public struct GlobalExplanationPage: Sendable {
    /// The summary shown.
    public let explanation: GlobalExplanation
    /// The model file's content (features, schema).
    public let document: ModelDocument
    /// The model's version id.
    public let version: String
    /// The reader's language.
    public let language: Language

    /// Creates a page.
    public init(explanation: GlobalExplanation, document: ModelDocument, version: String, language: Language = .fr) {
        self.explanation = explanation
        self.document = document
        self.version = version
        self.language = language
    }

    private var fr: Bool { language == .fr }

    private func name(_ feature: Int) -> String {
        let name = document.model.features[feature].name
        return document.schema?.column(named: name)?.shortLabel ?? name
    }

    private func number(_ value: Double) -> String { ReadableNumber.text(value, language: language, decimals: 3) }

    /// The value of a point, as people read it.
    private func valueText(_ feature: Int, _ point: GlobalExplanation.Point, levels: Bool) -> String {
        let model = document.model.features[feature]
        let column = document.schema?.column(named: model.name)
        if levels || point.range.lowerBound == point.range.upperBound {
            return FeatureValueText.text(point.value, feature: model, column: column, language: language)
        }
        let low = FeatureValueText.text(point.range.lowerBound, feature: model, column: column, language: language)
        let high = FeatureValueText.text(point.range.upperBound, feature: model, column: column, language: language)
        return "\(low) – \(high)"
    }

    /// The page.
    /// - Returns: one HTML document.
    public func html() -> String {
        let title = fr ? "Comment le modèle utilise les données" : "How the model uses the data"
        let order = explanation.importance.indices.sorted {
            explanation.importance[$0] != explanation.importance[$1]
                ? explanation.importance[$0] > explanation.importance[$1] : $0 < $1
        }
        let language = self.language
        let importance = BarChart(
            bars: order.map {
                .init(label: name($0), value: explanation.importance[$0], valueText: number(explanation.importance[$0]))
            },
            title: fr ? "Importance de chaque donnée" : "Importance of each item",
            description: fr
                ? "Effet moyen de chaque donnée sur le score, en valeur absolue et en log-cote, sur "
                    + "\(explanation.rows) dossiers. La plus importante : \(order.first.map(name) ?? "")."
                : "Mean absolute effect of each item on the score, in log-odds, over \(explanation.rows) cases. "
                    + "The most important: \(order.first.map(name) ?? "").",
            tickText: { ReadableNumber.text($0, language: language, decimals: 2) })
        var page = HTMLText.pageStart(title: title, language: language, style: HTMLText.pageStyle(width: 48))
        page +=
            "<p>"
            + HTMLText.escaped(
                fr
                    ? "Ces graphiques résument \(explanation.rows) dossiers. Pour chaque dossier, l'effet de chaque "
                        + "donnée est calculé de façon exacte. Ici, on montre la moyenne de ces effets. Un effet positif "
                        + "fait monter le score, un effet négatif le fait baisser."
                    : "These charts summarise \(explanation.rows) cases. For each case, the effect of each item is "
                        + "computed exactly. Here we show the mean of these effects. A positive effect raises the "
                        + "score, a negative one lowers it.") + "</p>\n"
        page += "<h2>\(HTMLText.escaped(fr ? "Importance" : "Importance"))</h2>\n<figure>\n"
        page += importance.svg(id: "importance")
        page += "</figure>\n"
        for feature in order {
            let curve = explanation.curves[feature]
            let label = name(feature)
            page += "<h2 id=\"feature-\(feature)\">\(HTMLText.escaped(label))</h2>\n<figure>\n"
            let description =
                fr
                ? "Effet moyen sur le score (log-cote) selon la valeur de « \(label) », sur \(explanation.rows) dossiers."
                : "Mean effect on the score (log-odds) by value of “\(label)”, over \(explanation.rows) cases."
            if curve.levels || curve.points.count <= 2 {
                let chart = BarChart(
                    bars: curve.points.map {
                        .init(
                            label: valueText(feature, $0, levels: curve.levels), value: $0.meanContribution,
                            valueText: number($0.meanContribution))
                    }, title: label, description: description,
                    tickText: { ReadableNumber.text($0, language: language, decimals: 2) })
                page += chart.svg(id: "curve-\(feature)")
            } else {
                let column = document.schema?.column(named: document.model.features[feature].name)
                let chart = LineChart(
                    points: curve.points.map { .init(x: $0.value, y: $0.meanContribution) }, title: label,
                    description: description, xLabel: label + (column?.unit.map { " (\($0))" } ?? ""),
                    yLabel: fr ? "effet (log-cote)" : "effect (log-odds)",
                    xText: { ReadableNumber.text($0, language: language, decimals: 2) },
                    yText: { ReadableNumber.text($0, language: language, decimals: 2) })
                page += chart.svg(id: "curve-\(feature)")
            }
            page +=
                "</figure>\n<table>\n<caption>"
                + HTMLText.escaped(fr ? "Valeurs du graphique « \(label) »" : "Values of the chart “\(label)”")
                + "</caption>\n<thead><tr><th scope=\"col\">\(fr ? "Valeur" : "Value")</th>"
                + "<th scope=\"col\">\(fr ? "Effet moyen" : "Mean effect")</th>"
                + "<th scope=\"col\">\(fr ? "Dossiers" : "Cases")</th></tr></thead>\n<tbody>\n"
            for point in curve.points {
                page +=
                    "<tr><th scope=\"row\">\(HTMLText.escaped(valueText(feature, point, levels: curve.levels)))</th>"
                    + "<td class=\"n\">\(HTMLText.escaped(number(point.meanContribution)))</td>"
                    + "<td class=\"n\">\(point.count)</td></tr>\n"
            }
            if let missing = curve.missing {
                page +=
                    "<tr><th scope=\"row\">\(fr ? "non renseigné" : "not given")</th>"
                    + "<td class=\"n\">\(HTMLText.escaped(number(missing.meanContribution)))</td>"
                    + "<td class=\"n\">\(missing.count)</td></tr>\n"
            }
            page += "</tbody>\n</table>\n"
        }
        page +=
            "<footer><p>\(HTMLText.escaped((fr ? "Version du modèle : " : "Model version: ") + String(version.prefix(12))))</p></footer>\n"
        return page + HTMLText.pageEnd
    }
}
