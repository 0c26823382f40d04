import LanterneAudit
import LanterneData
import Testing

@Suite("Two-proportion tests, Holm's correction and plain sentences")
struct ProportionTestsTests {
    @Test("Pooled z-test: 50/100 against 30/100 gives p = 0.003892417122778627 (z = 2.887)")
    func pValue() {
        #expect(abs(ProportionTests.pValue(50, 100, 30, 100)! - 0.003892417122778627) < 1e-15)
        // COMPAS false positives, 805/1795 against 349/1488 (computed with Python's math.erfc).
        #expect(abs(ProportionTests.pValue(805, 1795, 349, 1488)! / 2.1134897389138606e-37 - 1) < 1e-9)
        #expect(ProportionTests.pValue(0, 10, 0, 10) == nil)
    }

    @Test("Holm: 0.01, 0.04, 0.03, 0.2 become 0.04, 0.09, 0.09, 0.2")
    func holm() {
        let adjusted = ProportionTests.holm([0.01, 0.04, 0.03, 0.2])
        let expected = [0.04, 0.09, 0.09, 0.2]
        for (value, target) in zip(adjusted, expected) { #expect(abs(value - target) < 1e-15) }
    }

    @Test("A finding in one French sentence, and in English on request")
    func sentences() {
        // a: 10 cases, 2 selected; b: 10 cases, 4 selected (twice as often).
        let values: [String?] = Array(repeating: "a", count: 10) + Array(repeating: "b", count: 10)
        let selected = (0..<20).map { $0 < 2 || ($0 >= 10 && $0 < 14) }
        let positive = Array(repeating: false, count: 20)
        let audit = GroupAudit(
            attribute: "g", values: values, selected: selected, positive: positive, minimumGroup: 5, reference: "a")
        let french = AuditSentences.sentences(audit, intervals: nil)
        #expect(
            french.first
                == "Le groupe « b » (g) est sélectionné 2 fois plus souvent que le groupe « a », un chiffre peu fiable "
                + "(moins de 30 cas).")
        let english = AuditSentences.sentences(audit, intervals: nil, language: .en)
        #expect(
            english.first
                == "The group “b” (g) is selected 2 times more often than the group “a”, an unreliable figure "
                + "(under 30 cases).")
    }
}
