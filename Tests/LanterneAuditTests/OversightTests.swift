import LanterneAudit
import Testing

@Suite("Oversight of automation bias")
struct OversightTests {
    func decision(
        _ agent: String, _ month: String, agrees: Bool, drawn: Bool = false, seconds: Double? = nil,
        unchanged: Bool = false, group: String = "non"
    ) -> Oversight.Decision {
        Oversight.Decision(
            agent: agent, month: month, agrees: agrees, randomDraw: drawn, seconds: seconds,
            templateUnchanged: unchanged, groups: ["parent_isole": group])
    }

    @Test("A hand-counted month: agreement, agreement on drawn cases, median time, templates, overrides by group")
    func handCounted() {
        var decisions: [Oversight.Decision] = []
        // a: 12 decisions, all follow the proposal, two of them on drawn cases; times 10…120 s; 5 unchanged templates.
        for index in 0..<12 {
            decisions.append(
                decision(
                    "a", "2026-10", agrees: true, drawn: index < 2, seconds: Double(10 * (index + 1)),
                    unchanged: index < 5, group: index % 3 == 0 ? "oui" : "non"))
        }
        // b: 10 decisions, 7 follow; overrides fall on the « oui » group twice and « non » once.
        for index in 0..<10 {
            decisions.append(
                decision(
                    "b", "2026-10", agrees: index >= 3, drawn: index == 0, seconds: 300,
                    group: index < 2 ? "oui" : "non"))
        }
        decisions.append(decision("a", "2026-11", agrees: true))
        let lines = Oversight().lines(decisions)
        #expect(lines.map { "\($0.agent) \($0.month)" } == ["a 2026-10", "a 2026-11", "b 2026-10"])
        let a = lines[0]
        #expect(a.decisions == 12 && a.agreements == 12 && a.agreementRate == 1)
        #expect(a.drawnDecisions == 2 && a.drawnAgreementRate == 1)
        #expect(a.medianSeconds == 65)  // (60 + 70) / 2
        #expect(a.unchangedTemplates == 5)
        #expect(a.alert)
        #expect(
            a.groups == [
                .init(attribute: "parent_isole", group: "non", decisions: 8, overrides: 0),
                .init(attribute: "parent_isole", group: "oui", decisions: 4, overrides: 0),
            ])
        // One decision in November is too few to flag.
        #expect(lines[1].alert == false)
        let b = lines[2]
        #expect(b.agreementRate == 0.7)
        #expect(b.drawnDecisions == 1 && b.drawnAgreementRate == 0)
        #expect(b.medianSeconds == 300)
        #expect(!b.alert)
        #expect(
            b.groups == [
                .init(attribute: "parent_isole", group: "non", decisions: 8, overrides: 1),
                .init(attribute: "parent_isole", group: "oui", decisions: 2, overrides: 2),
            ])
    }

    @Test("The alert level is a setting: 70 % agreement is flagged at a level of 0.6, not at 0.95")
    func level() {
        let decisions = (0..<10).map { decision("b", "2026-10", agrees: $0 >= 3) }
        #expect(Oversight(alertLevel: 0.6).lines(decisions)[0].alert)
        #expect(!Oversight().lines(decisions)[0].alert)
    }
}
