import LanterneData

/// An audit as plain text for a terminal, what `lanterne audit` prints by default: the findings as sentences in the
/// report's order, then for each attribute the groups' table with its columns aligned (the columns of the HTML
/// report's table: rates with their intervals when computed, precision, the ratio of selection to the reference
/// group, and with a score the mean score and AUC), the four-fifths rule, the random draw, the proxies and the gates. French or English as the report was made.
public enum AuditText {
    /// The text of an audit.
    /// - Parameter report: the audit (its language is the text's).
    /// - Returns: lines ending with a line end.
    public static func text(_ report: AuditMarkdown) -> String {
        let fr = report.language == .fr
        func count(_ value: Int) -> String { ReadableNumber.text(Double(value), language: report.language) }
        var lines = [fr ? "Audit d'équité : \(report.title)" : "Fairness audit: \(report.title)"]
        var intro = fr ? "\(count(report.rows)) dossiers audités." : "\(count(report.rows)) cases audited."
        if report.unlabelled > 0 {
            intro +=
                fr
                ? " \(count(report.unlabelled)) dossiers sans issue connue sont écartés."
                : " \(count(report.unlabelled)) cases without a known outcome are left out."
        }
        lines.append(intro)
        for warning in report.warnings { lines += ["", warning] }
        if !report.sentences.isEmpty {
            lines += ["", fr ? "Constats :" : "Findings:"]
            lines += report.sentences.map { "- " + $0 }
        }
        for section in report.sections {
            let attribute = section.attribute
            var heading = fr ? "Par « \(attribute) »" : "By “\(attribute)”"
            if let reference = section.audit.reference {
                heading += fr ? " (groupe de référence : « \(reference) »)" : " (reference group: “\(reference)”)"
            }
            lines += ["", heading + (fr ? " :" : ":")]
            lines += groupsTable(section, of: report).lines()
            lines += report.undefinedRates(section.audit)
            lines.append(
                fr
                    ? "Règle des quatre cinquièmes : "
                        + (section.audit.passesFourFifths ? "respectée." : "non respectée.")
                    : "Four-fifths rule: " + (section.audit.passesFourFifths ? "met." : "not met."))
        }
        if let draw = report.randomDraw {
            lines.append("")
            lines.append(
                fr
                    ? "Sur le tirage au sort seul : \(count(draw.rows)) dossiers contrôlés au hasard "
                        + "(« \(draw.column) »), dont l'issue ne dépend d'aucun choix passé ; ces taux sont sans biais "
                        + "de sélection."
                    : "On the random draw alone: \(count(draw.rows)) cases checked at random (“\(draw.column)”), "
                        + "whose outcome depends on no past choice; these rates carry no selection bias.")
            for section in draw.sections {
                lines += ["", fr ? "Par « \(section.attribute) » :" : "By “\(section.attribute)”:"]
                lines += drawTable(section, of: report).lines()
            }
        }
        if !report.proxies.isEmpty {
            lines += ["", fr ? "Substituts :" : "Proxies:"]
            var table = AuditTextTable(
                headers: fr
                    ? ["variable", "attribut", "mesure", "force"] : ["feature", "attribute", "measure", "strength"])
            table.rows = report.proxies.map { proxy in
                let measure = proxy.measure == "auc" ? "AUC" : (fr ? "V de Cramér" : "Cramér's V")
                return .cells([proxy.feature, proxy.protected, measure, report.number(proxy.strength)])
            }
            table.textColumns = 3
            lines += table.lines()
        }
        if !report.gates.isEmpty {
            lines += ["", fr ? "Portes :" : "Gates:"]
            // A gate with both bounds gives two outcomes in a row: its minimum's, then its maximum's.
            var previous: (gate: AuditPolicy.Gate, maximum: Bool)? = nil
            for outcome in report.gates {
                let maximum =
                    outcome.gate.minimum == nil || (previous.map { $0.gate == outcome.gate && !$0.maximum } ?? false)
                lines.append(gate(outcome, maximum: maximum, in: report))
                previous = (outcome.gate, maximum)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The groups of one attribute: cases, selection, base rate, false positives and negatives (with their intervals),
    /// precision, the selection ratio to the reference and, with a score, each group's mean score and AUC.
    static func groupsTable(_ section: AuditMarkdown.Section, of report: AuditMarkdown) -> AuditTextTable {
        let fr = report.language == .fr
        let audit = section.audit
        let withScores = !section.scores.isEmpty
        var table = AuditTextTable(
            headers: fr
                ? [
                    "groupe", "dossiers", "sélection", "taux de base", "faux positifs", "faux négatifs", "précision",
                    "rapport de sélection",
                ]
                : [
                    "group", "cases", "selection", "base rate", "false positives", "false negatives", "precision",
                    "selection ratio",
                ])
        if withScores { table.headers += fr ? ["score moyen", "AUC"] : ["mean score", "AUC"] }
        for group in audit.groups {
            guard !group.suppressed else {
                table.rows.append(.note(group.value, suppressed(audit.minimumGroup, fr: fr)))
                continue
            }
            func withInterval(_ rate: String, _ value: Double?) -> String {
                guard let interval = section.intervals?.rates[group.value]?[rate] else { return report.percent(value) }
                return "\(report.percent(value)) (\(report.percent(interval.lower))–\(report.percent(interval.upper)))"
            }
            let flag = group.counts.count < GroupAudit.reliableCount ? (fr ? " (peu fiable)" : " (unreliable)") : ""
            var cells = [
                group.value + flag,
                ReadableNumber.text(Double(group.counts.count), language: report.language),
                withInterval("selection_rate", group.counts.selectionRate), report.percent(group.counts.baseRate),
                withInterval("fpr", group.counts.falsePositiveRate),
                withInterval("fnr", group.counts.falseNegativeRate),
                report.percent(group.counts.positivePredictiveValue),
                report.number(audit.ratio(group, "selection_rate")),
            ]
            if withScores {
                let score = section.scores[group.value]
                cells += [report.percent(score?.mean), report.number(score?.auc)]
            }
            table.rows.append(.cells(cells))
        }
        return table
    }

    /// The groups of one attribute on the random draw alone: cases, selection, base rate, false positives and
    /// negatives.
    static func drawTable(_ section: AuditMarkdown.Section, of report: AuditMarkdown) -> AuditTextTable {
        let fr = report.language == .fr
        var table = AuditTextTable(
            headers: fr
                ? ["groupe", "dossiers", "sélection", "taux de base", "faux positifs", "faux négatifs"]
                : ["group", "cases", "selection", "base rate", "false positives", "false negatives"])
        for group in section.audit.groups {
            guard !group.suppressed else {
                table.rows.append(.note(group.value, suppressed(section.audit.minimumGroup, fr: fr)))
                continue
            }
            let counts = group.counts
            table.rows.append(
                .cells([
                    group.value, ReadableNumber.text(Double(counts.count), language: report.language),
                    report.percent(counts.selectionRate), report.percent(counts.baseRate),
                    report.percent(counts.falsePositiveRate), report.percent(counts.falseNegativeRate),
                ]))
        }
        return table
    }

    /// A group under the minimum size, said in place of its figures.
    static func suppressed(_ minimum: Int, fr: Bool) -> String {
        fr ? "moins de \(minimum) dossiers : non publié" : "under \(minimum) cases: not published"
    }

    /// One gate's outcome: its name, the value checked against the bound, the bound and whether it passed.
    /// - Parameters:
    ///   - outcome: the outcome.
    ///   - maximum: whether it checks the gate's maximum (the largest value) rather than its minimum (the smallest).
    ///   - report: the audit, for its language.
    static func gate(_ outcome: AuditPolicy.Outcome, maximum: Bool, in report: AuditMarkdown) -> String {
        let fr = report.language == .fr
        let value = report.number(outcome.value)
        let bound = report.number(maximum ? outcome.gate.maximum : outcome.gate.minimum)
        let checked =
            maximum
            ? (fr ? "plus grande valeur \(value) (maximum \(bound))" : "largest value \(value) (maximum \(bound))")
            : (fr ? "plus petite valeur \(value) (minimum \(bound))" : "smallest value \(value) (minimum \(bound))")
        let verdict = outcome.passed ? (fr ? "franchie" : "passed") : (fr ? "échouée" : "failed")
        return "- \(outcome.gate.name)\(fr ? " : " : ": ")\(checked) — \(verdict)"
    }
}
