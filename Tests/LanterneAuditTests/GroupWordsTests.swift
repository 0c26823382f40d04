import LanterneAudit
import LanterneData
import Testing

@Suite("Audit findings name groups in the schema's words")
struct GroupWordsTests {
    static let schema = Schema(columns: [
        ColumnDescription(
            name: "parent_isole", role: .protected, type: .boolean,
            description: "Parent qui élève seul ses enfants (case T)"),
        ColumnDescription(
            name: "nationalite", role: .protected, type: .category, description: "Nationalité (française, UE, hors UE)",
            labels: ["francaise": "française", "hors_ue": "hors Union européenne"]),
    ])

    @Test("« Le groupe « oui » (Parent qui élève seul ses enfants) », not « Le groupe « 1 » (parent_isole) »")
    func sentenceInWords() {
        // "0": 10 cases, 2 selected; "1": 10 cases, 4 selected (twice as often).
        let values: [String?] = Array(repeating: "0", count: 10) + Array(repeating: "1", count: 10)
        let selected = (0..<20).map { $0 < 2 || ($0 >= 10 && $0 < 14) }
        let audit = GroupAudit(
            attribute: "parent_isole", values: values, selected: selected,
            positive: Array(repeating: false, count: 20), minimumGroup: 5, reference: "0")
        #expect(
            AuditSentences.sentences(audit, intervals: nil, schema: Self.schema).first
                == "Le groupe « oui » (Parent qui élève seul ses enfants) est sélectionné 2 fois plus souvent que le "
                + "groupe « non », un chiffre peu fiable (moins de 30 cas).")
        #expect(
            AuditSentences.sentences(audit, intervals: nil, language: .en, schema: Self.schema).first
                == "The group “yes” (Parent qui élève seul ses enfants) is selected 2 times more often than the group "
                + "“no”, an unreliable figure (under 30 cases).")
        // Without a schema, the codes as before.
        #expect(
            AuditSentences.sentences(audit, intervals: nil).first?.hasPrefix("Le groupe « 1 » (parent_isole)") == true)
    }

    @Test("An intersection's parts are each put in words and joined by « × »; unknown codes stay as they are")
    func intersection() {
        #expect(
            GroupWords.value("1*hors_ue", attribute: "parent_isole*nationalite", schema: Self.schema, language: .fr)
                == "oui × hors Union européenne")
        #expect(
            GroupWords.attribute("parent_isole*nationalite", schema: Self.schema)
                == "Parent qui élève seul ses enfants × Nationalité")
        #expect(GroupWords.value("ue", attribute: "nationalite", schema: Self.schema, language: .fr) == "ue")
        #expect(GroupWords.value("1*0", attribute: "parent_isole", schema: Self.schema, language: .fr) == "1*0")
        #expect(GroupWords.attribute("qpv", schema: Self.schema) == "qpv")
    }
}

@Suite("Findings are ranked by weight")
struct FindingWeightTests {
    @Test("A gap of 1.8 on 500 cases outweighs a gap of 6 on 12 cases: |ln ratio| × √share, doubled when significant")
    func largeGroupsFirst() throws {
        // Reference "a": 1,000 cases, 10 % selected; "b": 500 cases, 18 % selected; "c": 12 cases, 7 of 12 (58 %).
        var values: [String?] = []
        var selected: [Bool] = []
        for (group, count, chosen) in [("a", 1_000, 100), ("b", 500, 90), ("c", 12, 7)] {
            values += Array(repeating: group, count: count)
            selected += (0..<count).map { $0 < chosen }
        }
        let audit = GroupAudit(
            attribute: "g", values: values, selected: selected,
            positive: Array(repeating: false, count: values.count), minimumGroup: 5, reference: "a")
        let findings = AuditSentences.findings(audit, intervals: nil)
        let b = try #require(findings.first { $0.text.hasPrefix("Le groupe « b » (g) est sélectionné 1,8 fois") })
        let c = try #require(findings.first { $0.text.hasPrefix("Le groupe « c » (g) est sélectionné 5,83 fois") })
        // b: ln 1.8 × √(500 / 1,512) × 2 (Holm p < 0.05) = 0.6760; c: ln 5.83 × √(12 / 1,512) × 2 = 0.3142.
        #expect(abs(b.weight - 0.6760) < 0.001, "\(b.weight)")
        #expect(abs(c.weight - 0.3142) < 0.001, "\(c.weight)")
        #expect(b.weight > c.weight)
    }
}
