import LanterneData

/// The JSON of an audit (contract in CLI.md): what `lanterne audit --json` writes and the server stores and serves.
public enum AuditJSON {
    /// The whole document.
    /// - Parameters:
    ///   - report: the audit.
    ///   - minimumGroup: the smallest group published.
    ///   - sweep: whether the capacity sweep was asked for.
    /// - Returns: the JSON text and a line end.
    public static func document(_ report: AuditMarkdown, minimumGroup: Int, sweep: Bool) -> String {
        var groups: [String] = []
        var sweeps: [String] = []
        for section in report.sections {
            let audit = section.audit
            let tests = ProportionTests.tests(audit)
            for group in audit.groups {
                groups.append(
                    self.group(
                        group, of: audit, tests: tests, intervals: section.intervals,
                        score: section.scores[group.value],
                        calibration: section.calibration[group.value]))
            }
            sweeps += section.sweep.map { step in
                let entries = step.groups.map { value, counts in
                    "{\"group\":\(JSONText.quoted(value))"
                        + counts.rates.filter { ["selection_rate", "fpr", "fnr"].contains($0.name) }.map {
                            ",\(JSONText.quoted($0.name)):" + number($0.value)
                        }.joined() + "}"
                }.joined(separator: ",")
                return "{\"attribute\":\(JSONText.quoted(section.attribute)),"
                    + "\"top_percent\":\(JSONText.number(step.percent)),\"groups\":[\(entries)]}"
            }
        }
        let fourFifths = report.sections.map {
            "{\"attribute\":\(JSONText.quoted($0.attribute)),\"passed\":\($0.audit.passesFourFifths)}"
        }
        let proxies = report.proxies.map {
            "{\"feature\":\(JSONText.quoted($0.feature)),\"protected\":\(JSONText.quoted($0.protected)),"
                + "\"measure\":\(JSONText.quoted($0.measure)),\"strength\":\(JSONText.number($0.strength))}"
        }
        let gates = report.gates.map { outcome in
            "{\"name\":\(JSONText.quoted(outcome.gate.name)),\"metric\":\(JSONText.quoted(outcome.gate.metric)),"
                + "\"passed\":\(outcome.passed),\"value\":\(number(outcome.value)),"
                + "\"min\":\(number(outcome.gate.minimum)),\"max\":\(number(outcome.gate.maximum))}"
        }
        var randomText = ""
        if let draw = report.randomDraw {
            let entries = draw.sections.flatMap { section in
                section.audit.groups.map {
                    group($0, of: section.audit, tests: [:], intervals: section.intervals, ratesOnly: true)
                }
            }
            randomText =
                "\"random_draw\":{\"column\":\(JSONText.quoted(draw.column)),\"rows\":\(draw.rows),"
                + "\"groups\":[\(entries.joined(separator: ","))]},"
        }
        return "{\"rows\":\(report.rows),\"min_group\":\(minimumGroup),\"groups\":[\(groups.joined(separator: ","))],"
            + "\"four_fifths\":[\(fourFifths.joined(separator: ","))],"
            + "\"proxies\":[\(proxies.joined(separator: ","))],\"gates\":[\(gates.joined(separator: ","))],"
            + randomText
            + (sweep ? "\"sweep\":[\(sweeps.joined(separator: ","))]," : "")
            + "\"unlabelled\":\(report.unlabelled),"
            + "\"warnings\":[\(report.warnings.map(JSONText.quoted).joined(separator: ","))],"
            + "\"sentences\":[\(report.sentences.map(JSONText.quoted).joined(separator: ","))]}\n"
    }

    /// One group's object: a suppressed group shows only its attribute, name and `suppressed`.
    /// - Parameters:
    ///   - group: the group.
    ///   - audit: its audit (reference, ratios).
    ///   - tests: the two-proportion tests by group and rate.
    ///   - intervals: the bootstrap intervals, if computed.
    ///   - ratesOnly: whether to leave out ratios, differences, tests and intervals.
    ///   - score: the group's mean score and AUC, when decisions come from a score.
    ///   - calibration: the group's calibration bins, when decisions come from a score.
    static func group(
        _ group: GroupAudit.Group, of audit: GroupAudit, tests: [String: [String: (p: Double, holm: Double)]],
        intervals: BootstrapIntervals?, ratesOnly: Bool = false, score: (mean: Double, auc: Double?)? = nil,
        calibration: [ScoreSummary.CalibrationBin]? = nil
    ) -> String {
        var fields = [
            "\"attribute\":\(JSONText.quoted(group.attribute))", "\"group\":\(JSONText.quoted(group.value))",
            "\"suppressed\":\(group.suppressed)",
        ]
        guard !group.suppressed else { return "{" + fields.joined(separator: ",") + "}" }
        fields.append("\"count\":\(group.counts.count)")
        for (rate, value) in group.counts.rates {
            fields.append("\(JSONText.quoted(rate)):" + number(value))
        }
        if let score {
            fields.append("\"mean_score\":\(JSONText.number(score.mean))")
            fields.append("\"auc\":" + number(score.auc))
        }
        if let calibration {
            let bins = calibration.map {
                "{\"low\":\(JSONText.number($0.low)),\"high\":\(JSONText.number($0.high)),\"count\":\($0.count),"
                    + "\"mean_score\":\(JSONText.number($0.meanScore)),"
                    + "\"observed_rate\":\(JSONText.number($0.observedRate))}"
            }.joined(separator: ",")
            fields.append("\"calibration\":[\(bins)]")
        }
        if ratesOnly {
            if let rates = intervals?.rates[group.value] {
                let pairs = group.counts.rates.compactMap { rate, _ in
                    rates[rate].map {
                        "\(JSONText.quoted(rate)):[\(JSONText.number($0.lower)),\(JSONText.number($0.upper))]"
                    }
                }
                fields.append("\"ci\":{\(pairs.joined(separator: ","))}")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        let ratios = group.counts.rates.map { rate, _ in "\(JSONText.quoted(rate)):" + number(audit.ratio(group, rate))
        }
        let differences = group.counts.rates.map { rate, _ in
            "\(JSONText.quoted(rate)):" + number(audit.difference(group, rate))
        }
        fields.append("\"ratio\":{\(ratios.joined(separator: ","))}")
        fields.append("\"difference\":{\(differences.joined(separator: ","))}")
        fields.append("\"unreliable\":\(group.counts.count < GroupAudit.reliableCount)")
        if let tested = tests[group.value] {
            let entries = ProportionTests.rates.compactMap { rate in
                tested[rate].map {
                    "\(JSONText.quoted(rate)):{\"p\":\(JSONText.number($0.p)),\"p_holm\":\(JSONText.number($0.holm))}"
                }
            }
            fields.append("\"tests\":{\(entries.joined(separator: ","))}")
        }
        if let intervals {
            func pairs(_ table: [String: BootstrapIntervals.Interval]?) -> String {
                group.counts.rates.compactMap { rate, _ in
                    table?[rate].map {
                        "\(JSONText.quoted(rate)):[\(JSONText.number($0.lower)),\(JSONText.number($0.upper))]"
                    }
                }.joined(separator: ",")
            }
            fields.append("\"ci\":{\(pairs(intervals.rates[group.value]))}")
            fields.append("\"ratio_ci\":{\(pairs(intervals.ratios[group.value]))}")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func number(_ value: Double?) -> String { value.map(JSONText.number) ?? "null" }
}
