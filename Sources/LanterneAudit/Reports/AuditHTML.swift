import LanterneCharts
import LanterneData

/// The audit as one HTML page: no script, no outside resource, printable, accessible (captioned tables with header
/// cells, each chart with a title, a description, and its numbers in the table below it).
extension AuditMarkdown {
    /// The page.
    /// - Returns: one HTML document.
    public func html() -> String {
        let fr = language == .fr
        let heading = fr ? "Audit d'équité : \(title)" : "Fairness audit: \(title)"
        var page = HTMLText.pageStart(
            title: heading, language: language,
            style: HTMLText.pageStyle(width: 52) + """

                h3{font-size:1rem;margin:1.5rem 0 .3rem}
                .warning{border-left:4px solid #c9191e;padding:.3rem .8rem;background:#fdf0f0}
                figcaption{font-weight:bold;margin-bottom:.3rem}
                """)
        var intro = fr ? "\(rows) dossiers audités." : "\(rows) cases audited."
        if unlabelled > 0 {
            intro +=
                fr
                ? " \(unlabelled) dossiers sans issue connue sont écartés."
                : " \(unlabelled) cases without a known outcome are left out."
        }
        page += "<p>\(HTMLText.escaped(intro))</p>\n"
        for warning in warnings { page += "<p class=\"warning\">\(HTMLText.escaped(warning))</p>\n" }
        if !sentences.isEmpty {
            page += "<h2>\(fr ? "Constats" : "Findings")</h2>\n<ul>\n"
            page += sentences.map { "<li>\(HTMLText.escaped($0))</li>\n" }.joined() + "</ul>\n"
        }
        for (index, section) in sections.enumerated() {
            page += sectionHTML(section, id: "\(index)")
        }
        if let randomDraw {
            page += "<h2>\(fr ? "Sur le tirage au sort seul" : "On the random draw alone")</h2>\n"
            page +=
                "<p>"
                + HTMLText.escaped(
                    fr
                        ? "\(randomDraw.rows) dossiers contrôlés au hasard (« \(randomDraw.column) ») : leur issue ne "
                            + "dépend d'aucun choix passé, ces taux sont sans biais de sélection."
                        : "\(randomDraw.rows) cases checked at random (“\(randomDraw.column)”): their outcome depends on "
                            + "no past choice, these rates carry no selection bias.") + "</p>\n"
            for (index, section) in randomDraw.sections.enumerated() {
                page += measuresTable(
                    section,
                    caption: fr
                        ? "Tirage au sort, par « \(section.attribute) »" : "Random draw, by “\(section.attribute)”",
                    id: "draw-\(index)")
            }
        }
        if !proxies.isEmpty {
            page += "<h2>\(fr ? "Substituts" : "Proxies")</h2>\n"
            page +=
                "<p>"
                + HTMLText.escaped(
                    fr
                        ? "Ce que chaque variable, seule, dit de l'attribut protégé : AUC pour un nombre (0,5 : rien, "
                            + "1 : tout), V de Cramér pour une catégorie (0 : rien, 1 : tout)."
                        : "What each feature alone tells of the protected attribute: AUC for a number (0.5 nothing, "
                            + "1 everything), Cramér's V for a category (0 nothing, 1 everything).") + "</p>\n"
            page +=
                "<table>\n<caption>\(fr ? "Force de chaque substitut" : "Strength of each proxy")</caption>\n<thead><tr>"
            page +=
                (fr ? ["Variable", "Attribut", "Mesure", "Force"] : ["Feature", "Attribute", "Measure", "Strength"])
                .map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for proxy in proxies {
                page +=
                    "<tr><th scope=\"row\">\(HTMLText.escaped(proxy.feature))</th>"
                    + "<td>\(HTMLText.escaped(proxy.protected))</td>"
                    + "<td>\(proxy.measure == "auc" ? "AUC" : (fr ? "V de Cramér" : "Cramér's V"))</td>"
                    + "<td class=\"n\">\(HTMLText.escaped(number(proxy.strength)))</td></tr>\n"
            }
            page += "</tbody>\n</table>\n"
        }
        if !gates.isEmpty {
            page += "<h2>\(fr ? "Portes" : "Gates")</h2>\n<ul>\n"
            for outcome in gates {
                let bound =
                    outcome.gate.minimum.map { "≥ " + number($0) } ?? outcome.gate.maximum.map { "≤ " + number($0) }
                    ?? ""
                let verdict = outcome.passed ? (fr ? "franchie" : "passed") : (fr ? "échouée" : "failed")
                page +=
                    "<li>\(HTMLText.escaped("\(outcome.gate.name) : \(number(outcome.value)) (\(bound)) — \(verdict)"))</li>\n"
            }
            page += "</ul>\n"
        }
        return page + HTMLText.pageEnd
    }

    private func sectionHTML(_ section: Section, id: String) -> String {
        let fr = language == .fr
        let language = self.language
        let audit = section.audit
        let attribute = section.attribute
        let published = audit.groups.filter { !$0.suppressed }
        var page = "<h2>\(HTMLText.escaped(fr ? "Par « \(attribute) »" : "By “\(attribute)”"))</h2>\n"
        var lead: [String] = []
        if let reference = audit.reference {
            lead.append(fr ? "Groupe de référence : « \(reference) »." : "Reference group: “\(reference)”.")
        }
        lead.append(
            fr
                ? "Règle des quatre cinquièmes : " + (audit.passesFourFifths ? "respectée." : "non respectée.")
                : "Four-fifths rule: " + (audit.passesFourFifths ? "met." : "not met."))
        page += "<p>\(HTMLText.escaped(lead.joined(separator: " ")))</p>\n"
        let referenceGroup = published.first { $0.value == audit.reference }
        for chart in RateChart.all {
            let (rate, name, prefix) = (chart.rate, chart.path, chart.prefix)
            let bars = published.compactMap { group -> BarChart.Bar? in
                guard let value = group.counts[keyPath: name] else { return nil }
                let interval = section.intervals?.rates[group.value]?[rate]
                return BarChart.Bar(
                    label: group.value, value: value, interval: interval.map { $0.lower...$0.upper },
                    valueText: percent(value))
            }
            guard !bars.isEmpty else { continue }
            let bar = BarChart(
                bars: bars, title: fr ? chart.titleFR : chart.titleEN,
                description: fr
                    ? "Barres : \(chart.meaningFR) dans chaque groupe de « \(attribute) », avec l'intervalle de confiance "
                        + "à 95 % quand il est calculé ; la ligne verticale marque le groupe de référence. Les valeurs "
                        + "sont dans le tableau ci-dessous."
                    : "Bars: \(chart.meaningEN) in each group of “\(attribute)”, with the 95% interval when computed; the "
                        + "vertical line marks the reference group. The values are in the table below.",
                reference: referenceGroup.flatMap { $0.counts[keyPath: name] },
                tickText: { ReadableNumber.percent($0, language: language, decimals: 0) })
            page +=
                "<figure>\n<figcaption>\(HTMLText.escaped(fr ? chart.titleFR : chart.titleEN))</figcaption>\n"
                + bar.svg(id: "\(prefix)-\(id)") + "</figure>\n"
        }
        page += measuresTable(
            section, caption: fr ? "Mesures par groupe de « \(attribute) »" : "Measures by group of “\(attribute)”",
            id: id)
        page += scoreCharts(section, id: id)
        return page
    }

    /// The table of rates of one attribute, suppressed and unreliable groups said plainly.
    private func measuresTable(_ section: Section, caption: String, id: String) -> String {
        let fr = language == .fr
        let audit = section.audit
        let withScores = !section.scores.isEmpty
        var headers =
            fr
            ? [
                "Groupe", "Dossiers", "Sélection", "Taux de base", "Faux positifs", "Faux négatifs", "Précision",
                "Rapport de sélection",
            ]
            : [
                "Group", "Cases", "Selection", "Base rate", "False positives", "False negatives", "Precision",
                "Selection ratio",
            ]
        if withScores { headers += fr ? ["Score moyen", "AUC"] : ["Mean score", "AUC"] }
        var page = "<table>\n<caption>\(HTMLText.escaped(caption))</caption>\n<thead><tr>"
        page += headers.map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for group in audit.groups {
            if group.suppressed {
                page +=
                    "<tr><th scope=\"row\">\(HTMLText.escaped(group.value))</th><td colspan=\"\(headers.count - 1)\">"
                    + HTMLText.escaped(
                        fr
                            ? "moins de \(audit.minimumGroup) dossiers : non publié"
                            : "under \(audit.minimumGroup) cases: not published")
                    + "</td></tr>\n"
                continue
            }
            func withInterval(_ rate: String, _ value: Double?) -> String {
                guard let interval = section.intervals?.rates[group.value]?[rate] else { return percent(value) }
                return "\(percent(value)) (\(percent(interval.lower))–\(percent(interval.upper)))"
            }
            var cells = [
                String(group.counts.count), withInterval("selection_rate", group.counts.selectionRate),
                percent(group.counts.baseRate), withInterval("fpr", group.counts.falsePositiveRate),
                withInterval("fnr", group.counts.falseNegativeRate), percent(group.counts.positivePredictiveValue),
                number(audit.ratio(group, "selection_rate")),
            ]
            if withScores {
                let score = section.scores[group.value]
                cells += [percent(score?.mean), number(score?.auc)]
            }
            let flag = group.counts.count < GroupAudit.reliableCount ? (fr ? " (peu fiable)" : " (unreliable)") : ""
            page +=
                "<tr><th scope=\"row\">\(HTMLText.escaped(group.value + flag))</th>"
                + cells.map { "<td class=\"n\">\(HTMLText.escaped($0))</td>" }.joined() + "</tr>\n"
        }
        page += "</tbody>\n</table>\n"
        for note in undefinedRates(audit) { page += "<p>\(HTMLText.escaped(note))</p>\n" }
        return page
    }

    /// With a score: calibration curves, the distribution of each group over the score's tenths, the capacity sweep.
    private func scoreCharts(_ section: Section, id: String) -> String {
        let fr = language == .fr
        let language = self.language
        let attribute = section.attribute
        let published = section.audit.groups.filter { !$0.suppressed }.map(\.value).filter {
            section.calibration[$0] != nil
        }
        guard !published.isEmpty else { return "" }
        var page = ""
        let percentText: @Sendable (Double) -> String = { ReadableNumber.percent($0, language: language, decimals: 0) }
        // Scores of a few percent need a decimal on their axis.
        let highest = published.compactMap { section.calibration[$0]?.last?.meanScore }.max() ?? 1
        let scoreText: @Sendable (Double) -> String = {
            ReadableNumber.percent($0, language: language, decimals: highest < 0.1 ? 1 : 0)
        }
        // Calibration: mean predicted score against observed rate, bin by bin.
        let calibration = LineChart(
            series: published.map { value in
                LineChart.Series(
                    name: value,
                    points: section.calibration[value]!.map { LineChart.Point(x: $0.meanScore, y: $0.observedRate) })
            },
            title: fr ? "Calibration par groupe" : "Calibration by group",
            description: fr
                ? "Pour chaque groupe de « \(attribute) » et chaque dixième des scores, le score moyen (en abscisse) et "
                    + "la part observée d'issues positives (en ordonnée) ; la diagonale est une calibration parfaite. "
                    + "Les valeurs sont dans le tableau ci-dessous."
                : "For each group of “\(attribute)” and each tenth of the scores, the mean score (across) and the "
                    + "observed share of positive outcomes (up); the diagonal is perfect calibration. The values are "
                    + "in the table below.",
            xLabel: fr ? "score moyen" : "mean score", yLabel: fr ? "taux observé" : "observed rate", diagonal: true,
            xText: scoreText, yText: percentText)
        page += "<h3>\(fr ? "Calibration" : "Calibration")</h3>\n<figure>\n"
        page += calibration.svg(id: "calibration-\(id)", width: 560, height: 280) + "</figure>\n"
        let tenths = 1...10
        func binTable(_ caption: String, _ cell: (String, Int) -> String) -> String {
            var table = "<table>\n<caption>\(HTMLText.escaped(caption))</caption>\n<thead><tr>"
            table += "<th scope=\"col\">\(fr ? "Dixième des scores" : "Tenth of the scores")</th>"
            table +=
                published.map { "<th scope=\"col\">\(HTMLText.escaped($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for tenth in tenths {
                table +=
                    "<tr><th scope=\"row\">\(tenth)</th>"
                    + published.map { "<td class=\"n\">\(HTMLText.escaped(cell($0, tenth)))</td>" }.joined() + "</tr>\n"
            }
            return table + "</tbody>\n</table>\n"
        }
        // Bins are cut over all cases, so a group's bins are told by their lower bounds: the tenth's bin by rank.
        let lowerBounds = Set(section.calibration.values.flatMap { $0.map(\.low) }).sorted()
        func bin(_ value: String, _ tenth: Int) -> ScoreSummary.CalibrationBin? {
            guard tenth - 1 < lowerBounds.count else { return nil }
            return section.calibration[value]?.first { $0.low == lowerBounds[tenth - 1] }
        }
        page += binTable(fr ? "Score moyen / taux observé, par dixième" : "Mean score / observed rate, by tenth") {
            value, tenth in
            bin(value, tenth).map {
                ReadableNumber.percent($0.meanScore, language: language, decimals: 2) + " / " + percent($0.observedRate)
            } ?? "—"
        }
        // Distribution: each group's share of cases in each tenth of all scores.
        let totals = Dictionary(
            uniqueKeysWithValues: published.map { value in
                (value, section.calibration[value]!.reduce(0) { $0 + $1.count })
            })
        let distribution = LineChart(
            series: published.map { value in
                LineChart.Series(
                    name: value,
                    points: tenths.map { tenth in
                        LineChart.Point(
                            x: Double(tenth),
                            y: Double(bin(value, tenth)?.count ?? 0) / Double(max(1, totals[value] ?? 0)))
                    })
            },
            title: fr ? "Répartition des scores par groupe" : "Distribution of scores by group",
            description: fr
                ? "Part des dossiers de chaque groupe de « \(attribute) » dans chaque dixième des scores (1 : les plus "
                    + "bas, 10 : les plus hauts). Un groupe concentré à droite est plus souvent sélectionné. Les "
                    + "valeurs sont dans le tableau ci-dessous."
                : "Share of each group of “\(attribute)” in each tenth of the scores (1 lowest, 10 highest). A group "
                    + "gathered on the right is selected more often. The values are in the table below.",
            xLabel: fr ? "dixième des scores" : "tenth of the scores", yLabel: fr ? "part du groupe" : "share of group",
            xText: { String(Int($0)) }, yText: percentText)
        page += "<h3>\(fr ? "Répartition des scores" : "Distribution of scores")</h3>\n<figure>\n"
        page += distribution.svg(id: "distribution-\(id)", width: 560, height: 260) + "</figure>\n"
        page += binTable(fr ? "Part de chaque groupe par dixième des scores" : "Share of each group by tenth") {
            value, tenth in
            percent(Double(bin(value, tenth)?.count ?? 0) / Double(max(1, totals[value] ?? 0)))
        }
        guard !section.sweep.isEmpty else { return page }
        // The sweep: how each group's selection rate moves with the capacity.
        let names = section.sweep.first?.groups.map(\.value) ?? []
        let sweep = LineChart(
            series: names.map { value in
                LineChart.Series(
                    name: value,
                    points: section.sweep.map { step in
                        LineChart.Point(
                            x: step.percent / 100,
                            y: step.groups.first { $0.value == value }?.counts.selectionRate ?? 0)
                    })
            },
            title: fr ? "Sélection selon la capacité de contrôle" : "Selection by control capacity",
            description: fr
                ? "Taux de sélection de chaque groupe de « \(attribute) » quand on sélectionne de 10 % à 100 % des "
                    + "dossiers aux scores les plus hauts. Les valeurs sont dans le tableau ci-dessous."
                : "Selection rate of each group of “\(attribute)” when 10% to 100% of the cases with the highest "
                    + "scores are selected. The values are in the table below.",
            xLabel: fr ? "part des dossiers sélectionnés" : "share of cases selected",
            yLabel: fr ? "taux de sélection" : "selection rate", xText: percentText, yText: percentText)
        page += "<h3>\(fr ? "Selon la capacité" : "By capacity")</h3>\n<figure>\n"
        page += sweep.svg(id: "sweep-\(id)", width: 560, height: 260) + "</figure>\n"
        var table =
            "<table>\n<caption>\(HTMLText.escaped(fr ? "Taux de sélection selon la capacité" : "Selection rate by capacity"))</caption>\n<thead><tr>"
        table += "<th scope=\"col\">\(fr ? "Capacité" : "Capacity")</th>"
        table += names.map { "<th scope=\"col\">\(HTMLText.escaped($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for step in section.sweep {
            table +=
                "<tr><th scope=\"row\">\(HTMLText.escaped(percent(step.percent / 100)))</th>"
                + names.map { value in
                    "<td class=\"n\">"
                        + HTMLText.escaped(percent(step.groups.first { $0.value == value }?.counts.selectionRate))
                        + "</td>"
                }.joined() + "</tr>\n"
        }
        return page + table + "</tbody>\n</table>\n"
    }
}

/// One of the rates drawn as bars in each attribute's section.
private struct RateChart: Sendable {
    let rate: String
    let path: KeyPath<ConfusionCounts, Double?> & Sendable
    let titleFR: String
    let titleEN: String
    let meaningFR: String
    let meaningEN: String
    let prefix: String

    static let all = [
        RateChart(
            rate: "selection_rate", path: \.selectionRate, titleFR: "Taux de sélection par groupe",
            titleEN: "Selection rate by group", meaningFR: "part des dossiers sélectionnés",
            meaningEN: "share of selected cases", prefix: "selection"),
        RateChart(
            rate: "fpr", path: \.falsePositiveRate, titleFR: "Faux positifs par groupe",
            titleEN: "False positives by group", meaningFR: "part des dossiers à issue négative qui sont sélectionnés",
            meaningEN: "share of cases with a negative outcome that are selected", prefix: "fpr"),
        RateChart(
            rate: "fnr", path: \.falseNegativeRate, titleFR: "Faux négatifs par groupe",
            titleEN: "False negatives by group",
            meaningFR: "part des dossiers à issue positive qui ne sont pas sélectionnés",
            meaningEN: "share of cases with a positive outcome that are not selected", prefix: "fnr"),
    ]
}
