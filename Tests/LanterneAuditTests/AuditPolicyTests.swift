import Foundation
import LanterneAudit
import Testing

@Suite("Deployment gates")
struct AuditPolicyTests {
    static func policy(_ text: String) throws -> AuditPolicy {
        try AuditPolicy.decode(Data(text.utf8), file: "portes.json")
    }

    @Test("The smallest ratio is held against min, the largest against max, the strongest proxy against its max")
    func evaluate() throws {
        // a: 2 of 4 selected; b: 1 of 4 (ratio 0.5 to the majority a, chosen by name as a tie on size).
        let values: [String?] = ["a", "a", "a", "a", "b", "b", "b", "b"]
        let selected = [true, true, false, false, true, false, false, false]
        let positive = Array(repeating: false, count: 8)
        let audit = GroupAudit(attribute: "g", values: values, selected: selected, positive: positive, minimumGroup: 1)
        let policy = try Self.policy(
            """
            {"gates": [{"name": "quatre cinquièmes", "metric": "ratio.selection_rate", "min": 0.8},
                       {"metric": "proxy", "max": 0.75}]}
            """)
        let outcomes = policy.evaluate(
            [audit], proxies: [ProxyFinding(feature: "x", protected: "g", measure: "auc", strength: 0.9)])
        #expect(outcomes.map(\.value) == [0.5, 0.9])
        #expect(outcomes.map(\.passed) == [false, false])
        #expect(outcomes[0].gate.name == "quatre cinquièmes")
        let none = policy.evaluate([audit], proxies: [])
        #expect(none[1].value == nil && none[1].passed)
    }

    @Test("A malformed policy names the gate and the field")
    func malformed() {
        #expect(throws: PolicyError(file: "portes.json", detail: "gates[0].metric manquant")) {
            try Self.policy("{\"gates\": [{\"min\": 0.8}]}")
        }
        #expect(
            throws: PolicyError(
                file: "portes.json",
                detail: "gates[0].metric « ratio.taux » inconnu (ratio.TAUX, difference.TAUX ou proxy)")
        ) { try Self.policy("{\"gates\": [{\"metric\": \"ratio.taux\", \"min\": 0.8}]}") }
        #expect(throws: PolicyError(file: "portes.json", detail: "gates[0] : il faut « min » ou « max »")) {
            try Self.policy("{\"gates\": [{\"metric\": \"proxy\"}]}")
        }
    }
}
