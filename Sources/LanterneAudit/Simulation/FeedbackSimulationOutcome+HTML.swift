import LanterneCharts
import LanterneData

extension FeedbackSimulationOutcome {
    /// The report as one HTML page without script or outside resource: the setting, the findings, line charts of
    /// the watched groups' shares among the controlled, of the hit rates and of the AUC, each followed by its numbers.
    /// - Parameter language: French or English.
    /// - Returns: the HTML document.
    public func html(language: Language) -> String {
        let fr = language == .fr
        let heading = fr ? "Boucle de rétroaction du ciblage des contrôles" : "Feedback loop of control targeting"
        var page = HTMLText.pageStart(
            title: heading, language: language,
            style: HTMLText.pageStyle(width: 52) + "\nfigcaption{font-weight:bold;margin-bottom:.3rem}\n")
        page += "<p>\(HTMLText.escaped(setting(language)))</p>\n"
        page += "<h2>\(fr ? "Constats" : "Findings")</h2>\n<ul>\n"
        page += findings(language).map { "<li>\(HTMLText.escaped($0))</li>\n" }.joined() + "</ul>\n"
        let periodText: @Sendable (Double) -> String = { String(Int($0.rounded())) }
        let percentText: @Sendable (Double) -> String = { ReadableNumber.percent($0, language: language, decimals: 0) }
        var index = 0
        func chart(
            _ title: String, _ description: String, _ yLabel: String, _ series: [LineChart.Series], percent: Bool
        )
            -> String
        {
            index += 1
            let numberText: @Sendable (Double) -> String = { ReadableNumber.text($0, language: language, decimals: 2) }
            let chart = LineChart(
                series: series, title: title, description: description, xLabel: fr ? "période" : "period",
                yLabel: yLabel, xText: periodText, yText: percent ? percentText : numberText)
            var text = "<figure>\n<figcaption>\(HTMLText.escaped(title))</figcaption>\n"
            text += chart.svg(id: "c\(index)", width: 640) + "\n<table>\n<caption>"
            text +=
                HTMLText.escaped(fr ? "Les nombres du graphique" : "The chart's numbers") + "</caption>\n<thead><tr>"
            text += "<th scope=\"col\">\(fr ? "Période" : "Period")</th>"
            text += series.map { "<th scope=\"col\">\(HTMLText.escaped($0.name))</th>" }.joined() + "</tr></thead>\n"
            text += "<tbody>\n"
            for (row, point) in (series.first?.points ?? []).enumerated() {
                text += "<tr><th scope=\"row\">\(periodText(point.x))</th>"
                for line in series {
                    let y = line.points[row].y
                    let cell =
                        percent ? self.percent(y, language) : ReadableNumber.text(y, language: language, decimals: 3)
                    text += "<td class=\"n\">\(HTMLText.escaped(cell))</td>"
                }
                text += "</tr>\n"
            }
            return text + "</tbody>\n</table>\n</figure>\n"
        }
        func points(_ arm: Arm, _ value: (Period) -> Double) -> [LineChart.Point] {
            arm.periods.map { LineChart.Point(x: Double($0.period), y: value($0)) }
        }
        page += "<h2>\(fr ? "Qui est contrôlé" : "Who is controlled")</h2>\n"
        for (attribute, value) in [("parent_isole", "1"), ("qpv", "1"), ("nationalite", "hors_ue")] {
            func share(_ period: Period, _ key: KeyPath<GroupLine, Double>) -> Double {
                period.groups.first { $0.attribute == attribute && $0.group == value }?[keyPath: key] ?? 0
            }
            guard let firstArm = arms.first,
                let sample = firstArm.periods.first?.groups.first(where: {
                    $0.attribute == attribute && $0.group == value
                })
            else { continue }
            var series = [
                LineChart.Series(
                    name: fr ? "Part de la population" : "Population share",
                    points: points(firstArm) { share($0, \.populationShare) })
            ]
            for arm in arms {
                series.append(
                    .init(
                        name: (fr ? "Contrôlés, " : "Controlled, ") + armTitle(arm, language).lowercased(),
                        points: points(arm) { share($0, \.controlledShare) }))
            }
            let group = words(sample, language)
            page += chart(
                fr
                    ? "Part du groupe « \(group) » (\(attribute)) parmi les contrôlés"
                    : "Share of group “\(group)” (\(attribute)) among the controlled",
                fr
                    ? "Par période, la part du groupe dans la population et parmi les contrôlés de chaque bras."
                    : "By period, the group's share of the population and among each arm's controlled.",
                fr ? "part" : "share", series, percent: true)
        }
        page += "<h2>\(fr ? "Ce que trouvent les contrôles" : "What the controls find")</h2>\n"
        var hits: [LineChart.Series] = arms.map {
            .init(name: armTitle($0, language), points: points($0) { $0.hitRate })
        }
        if let arm = arms.last, arm.randomShare > 0 {
            hits.append(
                .init(
                    name: fr ? "Tirage au sort seul" : "Random draw alone", points: points(arm) { $0.drawnHitRate ?? 0 }
                ))
            hits.append(
                .init(name: fr ? "Toute la population" : "Whole population", points: points(arm) { $0.prevalence }))
        }
        page += chart(
            fr ? "Taux de réussite des contrôles" : "Hit rate of the controls",
            fr
                ? "Par période, la part d'irréguliers parmi les contrôlés de chaque bras, parmi les tirés au sort et "
                    + "dans toute la population."
                : "By period, the share of irregular households among each arm's controlled, among those drawn at "
                    + "random and in the whole population.",
            fr ? "réussite" : "hit rate", hits, percent: true)
        page += chart(
            fr ? "AUC du modèle sur l'irrégularité réelle" : "The model's AUC on the true irregularity",
            fr
                ? "Par période, l'AUC du modèle de chaque bras contre la vérité cachée, sur toute la population."
                : "By period, each arm's model's AUC against the hidden truth, over the whole population.", "AUC",
            arms.map { .init(name: armTitle($0, language), points: points($0) { $0.auc }) }, percent: false)
        return page + HTMLText.pageEnd
    }
}
