import LanterneData

/// An audit written as Markdown for people: the findings as sentences, then a table per attribute (rates with their
/// intervals, ratios to the reference, unreliable and suppressed groups said plainly), the proxies and the gates.
public struct AuditMarkdown: Sendable {
    /// One attribute's audit and its intervals.
    public struct Section: Sendable {
        /// The audit.
        public var audit: GroupAudit
        /// Its intervals, if computed.
        public var intervals: BootstrapIntervals?
        /// With a score: each group's mean score and AUC.
        public var scores: [String: (mean: Double, auc: Double?)] = [:]
        /// With a score: each group's calibration bins.
        public var calibration: [String: [ScoreSummary.CalibrationBin]] = [:]
        /// With a score and a sweep: each share of cases selected and the published groups' counts.
        public var sweep: [(percent: Double, groups: [(value: String, counts: ConfusionCounts)])] = []

        /// Creates a section.
        public init(audit: GroupAudit, intervals: BootstrapIntervals?) {
            self.audit = audit
            self.intervals = intervals
        }

        /// The attribute's name.
        public var attribute: String { audit.groups.first?.attribute ?? "" }
    }

    /// The same measures on the cases checked at random only.
    public struct RandomDraw: Sendable {
        /// The column marking them.
        public var column: String
        /// How many there are.
        public var rows: Int
        /// One section per attribute.
        public var sections: [Section]

        /// Creates the random-draw part.
        public init(column: String, rows: Int, sections: [Section]) {
            self.column = column
            self.rows = rows
            self.sections = sections
        }
    }

    /// The title (the data file's name).
    public var title: String
    /// The cases audited.
    public var rows: Int
    /// The attributes' sections.
    public var sections: [Section]
    /// The findings as sentences.
    public var sentences: [String]
    /// Warnings (label bias).
    public var warnings: [String]
    /// The proxies found.
    public var proxies: [ProxyFinding]
    /// The gates' outcomes.
    public var gates: [AuditPolicy.Outcome]
    /// The reader's language.
    public var language: Language
    /// The measures on the random draw alone, when there is one.
    public var randomDraw: RandomDraw? = nil
    /// The cases left out because their outcome is unknown.
    public var unlabelled = 0
    /// The score column, when decisions come from a score.
    public var scoreColumn: String? = nil

    /// Creates a report.
    public init(
        title: String, rows: Int, sections: [Section], sentences: [String], warnings: [String],
        proxies: [ProxyFinding], gates: [AuditPolicy.Outcome], language: Language = .fr
    ) {
        self.title = title
        self.rows = rows
        self.sections = sections
        self.sentences = sentences
        self.warnings = warnings
        self.proxies = proxies
        self.gates = gates
        self.language = language
    }

    var fr: Bool { language == .fr }

    func percent(_ value: Double?) -> String {
        value.map { ReadableNumber.percent($0, language: language) } ?? "—"
    }

    func number(_ value: Double?) -> String {
        value.map { ReadableNumber.text($0, language: language, decimals: 2) } ?? "—"
    }

    /// The report.
    /// - Returns: Markdown text.
    public func text() -> String {
        var lines = [fr ? "# Audit d'équité : \(title)" : "# Fairness audit: \(title)", ""]
        lines.append(fr ? "\(rows) dossiers audités." : "\(rows) cases audited.")
        for warning in warnings { lines += ["", "> " + warning] }
        if !sentences.isEmpty {
            lines += ["", fr ? "## Constats" : "## Findings", ""]
            lines += sentences.map { "- " + $0 }
        }
        for section in sections {
            let audit = section.audit
            let attribute = audit.groups.first?.attribute ?? ""
            lines += ["", fr ? "## Par « \(attribute) »" : "## By “\(attribute)”", ""]
            if let reference = audit.reference {
                lines.append(fr ? "Groupe de référence : « \(reference) »." : "Reference group: “\(reference)”.")
                lines.append("")
            }
            lines.append(
                fr
                    ? "| groupe | dossiers | sélection | faux positifs | faux négatifs | rapport de sélection |"
                    : "| group | cases | selection | false positives | false negatives | selection ratio |")
            lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
            for group in audit.groups {
                guard !group.suppressed else {
                    lines.append(
                        "| \(group.value) | "
                            + (fr
                                ? "moins de \(audit.minimumGroup) : non publié"
                                : "under \(audit.minimumGroup): not published")
                            + " | | | | |")
                    continue
                }
                func withInterval(_ rate: String, _ value: Double?) -> String {
                    guard let interval = section.intervals?.rates[group.value]?[rate] else { return percent(value) }
                    return "\(percent(value)) (\(percent(interval.lower))–\(percent(interval.upper)))"
                }
                let flag =
                    group.counts.count < GroupAudit.reliableCount ? (fr ? " (peu fiable)" : " (unreliable)") : ""
                lines.append(
                    "| \(group.value)\(flag) | \(group.counts.count) | "
                        + withInterval("selection_rate", group.counts.selectionRate) + " | "
                        + withInterval("fpr", group.counts.falsePositiveRate) + " | "
                        + withInterval("fnr", group.counts.falseNegativeRate) + " | "
                        + number(audit.ratio(group, "selection_rate")) + " |")
            }
            lines += undefinedRates(audit).map { "\n" + $0 }
            lines.append("")
            lines.append(
                fr
                    ? "Règle des quatre cinquièmes : " + (audit.passesFourFifths ? "respectée." : "**non respectée**.")
                    : "Four-fifths rule: " + (audit.passesFourFifths ? "met." : "**not met**."))
        }
        if let randomDraw {
            lines += ["", fr ? "## Sur le tirage au sort seul" : "## On the random draw alone", ""]
            lines.append(
                fr
                    ? "\(randomDraw.rows) dossiers contrôlés au hasard (« \(randomDraw.column) ») : leur issue ne dépend "
                        + "d'aucun choix passé, ces taux sont sans biais de sélection."
                    : "\(randomDraw.rows) cases checked at random (“\(randomDraw.column)”): their outcome depends on no "
                        + "past choice, these rates carry no selection bias.")
            for section in randomDraw.sections {
                lines += ["", fr ? "### Par « \(section.attribute) »" : "### By “\(section.attribute)”", ""]
                lines.append(
                    fr
                        ? "| groupe | dossiers | sélection | taux de base | faux positifs | faux négatifs |"
                        : "| group | cases | selection | base rate | false positives | false negatives |")
                lines.append("| --- | ---: | ---: | ---: | ---: | ---: |")
                for group in section.audit.groups {
                    guard !group.suppressed else {
                        lines.append(
                            "| \(group.value) | "
                                + (fr
                                    ? "moins de \(section.audit.minimumGroup) : non publié"
                                    : "under \(section.audit.minimumGroup): not published") + " | | | | |")
                        continue
                    }
                    let counts = group.counts
                    lines.append(
                        "| \(group.value) | \(counts.count) | \(percent(counts.selectionRate)) | "
                            + "\(percent(counts.baseRate)) | \(percent(counts.falsePositiveRate)) | "
                            + "\(percent(counts.falseNegativeRate)) |")
                }
            }
        }
        if !proxies.isEmpty {
            lines += ["", fr ? "## Substituts" : "## Proxies", ""]
            lines.append(
                fr ? "| variable | attribut | mesure | force |" : "| feature | attribute | measure | strength |")
            lines.append("| --- | --- | --- | ---: |")
            for proxy in proxies {
                lines.append("| \(proxy.feature) | \(proxy.protected) | \(proxy.measure) | \(number(proxy.strength)) |")
            }
        }
        if !gates.isEmpty {
            lines += ["", fr ? "## Portes" : "## Gates", ""]
            for outcome in gates {
                let bound =
                    outcome.gate.minimum.map { "≥ " + number($0) } ?? outcome.gate.maximum.map { "≤ " + number($0) }
                    ?? ""
                let verdict = outcome.passed ? (fr ? "franchie" : "passed") : (fr ? "**échouée**" : "**failed**")
                lines.append("- \(outcome.gate.name) : \(number(outcome.value)) (\(bound)) — \(verdict)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why a rate shows « — »: the published groups without a positive or without a negative outcome.
    func undefinedRates(_ audit: GroupAudit) -> [String] {
        audit.groups.filter { !$0.suppressed }.flatMap { group -> [String] in
            var notes: [String] = []
            let counts = group.counts
            if counts.truePositives + counts.falseNegatives == 0 {
                notes.append(
                    fr
                        ? "« — » : le groupe « \(group.value) » n'a aucune issue positive observée ; ses taux de vrais "
                            + "positifs et de faux négatifs n'ont pas de sens."
                        : "“—”: the group “\(group.value)” has no positive outcome; its true positive and false "
                            + "negative rates are undefined.")
            }
            if counts.falsePositives + counts.trueNegatives == 0 {
                notes.append(
                    fr
                        ? "« — » : le groupe « \(group.value) » n'a aucune issue négative observée ; son taux de faux "
                            + "positifs n'a pas de sens."
                        : "“—”: the group “\(group.value)” has no negative outcome; its false positive rate is undefined."
                )
            }
            if counts.truePositives + counts.falsePositives == 0 {
                notes.append(
                    fr
                        ? "« — » : aucun dossier du groupe « \(group.value) » n'est sélectionné ; sa précision n'a pas de sens."
                        : "“—”: no case of the group “\(group.value)” is selected; its precision is undefined.")
            }
            return notes
        }
    }
}
