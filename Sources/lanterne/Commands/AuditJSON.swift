import LanterneAudit
import LanterneData

/// The JSON of `lanterne audit` (contract in CLI.md), one group at a time.
enum AuditJSON {
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
        if ratesOnly { return "{" + fields.joined(separator: ",") + "}" }
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
