import LanterneCharts
import LanterneData

/// The audit as one HTML page: no script, no outside resource, printable, accessible (captioned tables with header
/// cells, each chart with a title, a description, and its numbers in the table below it).
extension AuditMarkdown {
    /// The page.
    /// - Returns: one HTML document.
    public func html() -> String {
        let fr = language == .fr
        let language = self.language
        func percent(_ value: Double?) -> String {
            value.map { ReadableNumber.percent($0, language: language) } ?? "—"
        }
        var page = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escaped(fr ? "Audit d'équité : \(title)" : "Fairness audit: \(title)"))</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;\
            background:#fff;margin:0}
            main{max-width:52rem;margin:0 auto;padding:1.5rem}
            h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:2px solid #000091}
            .warning{border-left:4px solid #c9191e;padding:.3rem .8rem;background:#fdf0f0}
            figure{margin:1rem 0}
            svg{max-width:100%;height:auto}
            table{border-collapse:collapse;margin:.5rem 0}
            caption{text-align:left;font-weight:bold}
            th,td{border:1px solid #929292;padding:.2rem .5rem;text-align:left}
            td.n{text-align:right}
            @media print{figure,table{break-inside:avoid}}
            </style>
            </head>
            <body>
            <main>
            <h1>\(HTMLText.escaped(fr ? "Audit d'équité : \(title)" : "Fairness audit: \(title)"))</h1>
            <p>\(HTMLText.escaped(fr ? "\(rows) dossiers audités." : "\(rows) cases audited."))</p>

            """
        for warning in warnings { page += "<p class=\"warning\">\(HTMLText.escaped(warning))</p>\n" }
        if !sentences.isEmpty {
            page += "<h2>\(fr ? "Constats" : "Findings")</h2>\n<ul>\n"
            page += sentences.map { "<li>\(HTMLText.escaped($0))</li>\n" }.joined() + "</ul>\n"
        }
        for (index, section) in sections.enumerated() {
            let audit = section.audit
            let attribute = audit.groups.first?.attribute ?? ""
            let published = audit.groups.filter { !$0.suppressed }
            page += "<h2>\(HTMLText.escaped(fr ? "Par « \(attribute) »" : "By “\(attribute)”"))</h2>\n<figure>\n"
            let bars = published.map { group -> BarChart.Bar in
                let interval = section.intervals?.rates[group.value]?["selection_rate"]
                return BarChart.Bar(
                    label: group.value, value: group.counts.selectionRate ?? 0,
                    interval: interval.map { $0.lower...$0.upper }, valueText: percent(group.counts.selectionRate))
            }
            let chart = BarChart(
                bars: bars, title: fr ? "Taux de sélection par groupe" : "Selection rate by group",
                description: fr
                    ? "Barres : part des dossiers sélectionnés dans chaque groupe de « \(attribute) », avec l'intervalle "
                        + "de confiance à 95 % quand il est calculé. Les valeurs sont dans le tableau ci-dessous."
                    : "Bars: share of selected cases in each group of “\(attribute)”, with the 95% interval when "
                        + "computed. The values are in the table below.",
                tickText: { ReadableNumber.percent($0, language: language, decimals: 0) })
            page += chart.svg(id: "selection-\(index)") + "</figure>\n"
            page +=
                "<table>\n<caption>\(HTMLText.escaped(fr ? "Mesures par groupe de « \(attribute) »" : "Measures by group of “\(attribute)”"))</caption>\n"
            page +=
                "<thead><tr>"
                + (fr
                ? ["Groupe", "Dossiers", "Sélection", "Faux positifs", "Faux négatifs", "Rapport de sélection"]
                : ["Group", "Cases", "Selection", "False positives", "False negatives", "Selection ratio"])
                .map { "<th scope=\"col\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for group in audit.groups {
                if group.suppressed {
                    page +=
                        "<tr><th scope=\"row\">\(HTMLText.escaped(group.value))</th><td colspan=\"5\">"
                        + HTMLText.escaped(
                            fr
                                ? "moins de \(audit.minimumGroup) dossiers : non publié"
                                : "under \(audit.minimumGroup) cases: not published")
                        + "</td></tr>\n"
                    continue
                }
                let ratio =
                    audit.ratio(group, "selection_rate").map {
                        ReadableNumber.text($0, language: language, decimals: 2)
                    } ?? "—"
                let cells = [
                    String(group.counts.count), percent(group.counts.selectionRate),
                    percent(group.counts.falsePositiveRate), percent(group.counts.falseNegativeRate), ratio,
                ]
                let flag = group.counts.count < GroupAudit.reliableCount ? (fr ? " (peu fiable)" : " (unreliable)") : ""
                page +=
                    "<tr><th scope=\"row\">\(HTMLText.escaped(group.value + flag))</th>"
                    + cells.map { "<td class=\"n\">\(HTMLText.escaped($0))</td>" }.joined() + "</tr>\n"
            }
            page += "</tbody>\n</table>\n"
        }
        if !gates.isEmpty {
            page += "<h2>\(fr ? "Portes" : "Gates")</h2>\n<ul>\n"
            for outcome in gates {
                let value = outcome.value.map { ReadableNumber.text($0, language: language, decimals: 2) } ?? "—"
                let verdict = outcome.passed ? (fr ? "franchie" : "passed") : (fr ? "échouée" : "failed")
                page += "<li>\(HTMLText.escaped("\(outcome.gate.name) : \(value) — \(verdict)"))</li>\n"
            }
            page += "</ul>\n"
        }
        return page + "</main>\n</body>\n</html>\n"
    }
}
