import Foundation
import LanterneData
import LanterneModels
import LanterneRegister
import Testing

@Suite("Comparing two versions of an algorithm")
struct VersionComparisonTests {
    func entry(data: [String], weights: [(String, Double)], gates: [(String, Double, Bool)], auc: Double) throws
        -> RegisterEntry
    {
        let gatesJSON = gates.map {
            #"{"name": "\#($0.0)", "metric": "m", "passed": \#($0.2), "value": \#($0.1), "min": 0.8, "max": 1.25}"#
        }.joined(separator: ",")
        let audit = try AuditDigest.decode(
            Data(#"{"rows": 100, "gates": [\#(gatesJSON)], "four_fifths": [], "sentences": [], "warnings": []}"#.utf8),
            file: "audit.json")
        var entry = RegisterEntry(
            card: RegisterExportTests.smallCard, document: RegisterExportTests.document,
            version: RegisterExportTests.version, audit: audit, language: .fr)
        entry.data = data.map { RegisterEntry.DataItem(name: $0, description: $0) }
        entry.weights = weights.map { RegisterEntry.Weight(label: $0.0, share: $0.1) }
        entry.auc = auc
        return entry
    }

    @Test("Data added and removed, weights by largest change, gates by name (repeated names numbered), AUC")
    func compare() throws {
        let before = try entry(
            data: ["Salaires", "Département"], weights: [("Salaires", 0.6), ("Département", 0.4)],
            gates: [("taux de sélection (4/5)", 1.3, false), ("taux de sélection (4/5)", 1.1, true)], auc: 0.71)
        let after = try entry(
            data: ["Salaires", "Frais réels"], weights: [("Salaires", 0.7), ("Frais réels", 0.3)],
            gates: [("taux de sélection (4/5)", 1.05, true), ("taux de sélection (4/5)", 1.0, true)], auc: 0.69)
        let comparison = VersionComparison(before, after, language: .fr)
        #expect(comparison.added == ["Frais réels"])
        #expect(comparison.removed == ["Département"])
        #expect(comparison.weights.map(\.label) == ["Département", "Frais réels", "Salaires"])
        #expect(comparison.weights[0].before == 0.4 && comparison.weights[0].after == nil)
        #expect(comparison.gates.map(\.name) == ["taux de sélection (4/5)", "taux de sélection (4/5) (2)"])
        #expect(comparison.gates[0].before?.value == 1.3 && comparison.gates[0].after?.passed == true)
        #expect(comparison.model == ["AUC en validation : 0,71, puis 0,69."])
    }
}
