import Foundation
import LanterneData

/// Each finding of an audit as a plain sentence: « Le groupe « b » (g) est sélectionné 1,9 fois plus souvent que le
/// groupe « a » (intervalle 1,7–2,1). »
public enum AuditSentences {
    /// The sentences for selection rates and false positive rates, one per published group other than the reference.
    /// - Parameters:
    ///   - audit: the audit.
    ///   - intervals: the bootstrap intervals, if computed.
    ///   - language: the reader's language.
    ///   - schema: the data's schema, whose words name the groups and attributes (codes without it).
    /// - Returns: the sentences.
    public static func sentences(
        _ audit: GroupAudit, intervals: BootstrapIntervals?, language: Language = .fr, schema: Schema? = nil
    ) -> [String] {
        findings(audit, intervals: intervals, language: language, schema: schema).map(\.text)
    }

    /// The same sentences with their weight, for ranking the findings of several attributes: the size of the gap
    /// (|ln ratio|) times the square root of the group's share of the cases, doubled when Holm's adjusted
    /// two-proportion test puts it under 5 %. A reader meets first the large gaps that touch many people (in COMPAS,
    /// the false positives and selections of Black and white defendants), not the extreme ratios of tiny groups.
    /// - Parameters:
    ///   - audit: the audit.
    ///   - intervals: the bootstrap intervals, if computed.
    ///   - language: the reader's language.
    ///   - schema: the data's schema, whose words name the groups and attributes (codes without it).
    /// - Returns: the sentences with their weights, in the audit's order.
    public static func findings(
        _ audit: GroupAudit, intervals: BootstrapIntervals?, language: Language = .fr, schema: Schema? = nil
    ) -> [(text: String, weight: Double)] {
        guard let reference = audit.reference else { return [] }
        let tests = ProportionTests.tests(audit)
        let total = audit.groups.reduce(0) { $0 + $1.counts.count }
        let fr = language == .fr
        func number(_ value: Double) -> String { ReadableNumber.text(value, language: language, decimals: 2) }
        var sentences: [(text: String, weight: Double)] = []
        for group in audit.groups where !group.suppressed && group.value != reference {
            for (rate, subjectFR, subjectEN) in [
                ("selection_rate", "est sélectionné", "is selected"),
                ("fpr", "est sélectionné à tort (faux positifs)", "is wrongly selected (false positives)"),
            ] {
                guard let ratio = audit.ratio(group, rate), ratio > 0 else { continue }
                let more = ratio >= 1
                let factor = more ? ratio : 1 / ratio
                // A factor that rounds to 1 reads « aussi souvent ».
                let same = number(factor) == number(1)
                let name = GroupWords.value(group.value, attribute: group.attribute, schema: schema, language: language)
                let attribute = GroupWords.attribute(group.attribute, schema: schema)
                let other = GroupWords.value(reference, attribute: group.attribute, schema: schema, language: language)
                var text =
                    fr
                    ? "Le groupe « \(name) » (\(attribute)) \(subjectFR) "
                        + (same ? "aussi souvent" : "\(number(factor)) fois \(more ? "plus" : "moins") souvent")
                        + " que le groupe « \(other) »"
                    : "The group “\(name)” (\(attribute)) \(subjectEN) "
                        + (same ? "as often" : "\(number(factor)) times \(more ? "more" : "less") often")
                        + (same ? " as the group “\(other)”" : " than the group “\(other)”")
                if let interval = intervals?.ratios[group.value]?[rate], interval.lower > 0 {
                    let low = more ? interval.lower : 1 / interval.upper
                    let high = more ? interval.upper : 1 / interval.lower
                    text +=
                        fr
                        ? " (intervalle \(number(low))–\(number(high)))" : " (interval \(number(low))–\(number(high)))"
                }
                if group.counts.count < GroupAudit.reliableCount {
                    text += fr ? ", un chiffre peu fiable (moins de 30 cas)" : ", an unreliable figure (under 30 cases)"
                }
                var weight = abs(log(ratio)) * (Double(group.counts.count) / Double(max(1, total))).squareRoot()
                if let adjusted = tests[group.value]?[rate]?.holm, adjusted < 0.05 { weight *= 2 }
                sentences.append((text + ".", weight))
            }
        }
        return sentences
    }

    /// From this AUC a proxy is named in the findings: the feature tells the attribute well enough for a model to
    /// reproduce its gaps without using it.
    public static let notableAUC = 0.7
    /// From this Cramér's V a categorical proxy is named in the findings.
    public static let notableCramersV = 0.3

    /// The proxies strong enough to be named, one sentence each.
    /// - Parameters:
    ///   - findings: the proxy measures.
    ///   - scoreColumn: the score's column, named as « le score » rather than as a feature.
    ///   - language: the reader's language.
    /// - Returns: the sentences.
    public static func proxySentences(_ findings: [ProxyFinding], scoreColumn: String?, language: Language = .fr)
        -> [String]
    {
        let fr = language == .fr
        return findings.filter { $0.strength >= ($0.measure == "auc" ? notableAUC : notableCramersV) }.map { finding in
            let strength = ReadableNumber.text(finding.strength, language: language, decimals: 2)
            let measure =
                finding.measure == "auc"
                ? (fr ? "une AUC de" : "an AUC of") : (fr ? "un V de Cramér de" : "a Cramér's V of")
            if finding.feature == scoreColumn {
                return fr
                    ? "Le score du modèle indique « \(finding.protected) » avec \(measure) \(strength) : il classe les "
                        + "groupes différemment même sans utiliser cet attribut."
                    : "The model's score tells “\(finding.protected)” with \(measure) \(strength): it ranks the groups "
                        + "differently even without using this attribute."
            }
            return fr
                ? "La variable « \(finding.feature) » indique « \(finding.protected) » avec \(measure) \(strength) : un "
                    + "modèle qui s'en sert peut reproduire les écarts liés à « \(finding.protected) » sans l'utiliser."
                : "The feature “\(finding.feature)” tells “\(finding.protected)” with \(measure) \(strength): a model "
                    + "using it can reproduce the gaps tied to “\(finding.protected)” without using it."
        }
    }
}
