import Foundation
import LanterneAudit
import LanterneData
import Testing

@Suite("Proxies of protected attributes")
struct ProxyTests {
    @Test("AUC with ties counted half, folded; Cramér's V of a 2×2 table is |ad − bc| / √((a+b)(c+d)(a+c)(b+d))")
    func measures() {
        // Positives 3 and 5 against negatives 1, 3, 4: pairs won 0.5 + 1 + 0 + 1 + 1 + 1 = 4.5 of 6.
        #expect(ProxyStrength.foldedAUC([3, 5, 1, 3, 4], [true, true, false, false, false]) == 0.75)
        #expect(ProxyStrength.foldedAUC([1, 2], [true, false]) == 1)
        // a = 3 (x,u), b = 1 (x,v), c = 1 (y,u), d = 3 (y,v): |9 − 1| / √(4·4·4·4) = 0.5.
        let v = ProxyStrength.cramersV(
            ["x", "x", "x", "x", "y", "y", "y", "y"], ["u", "u", "u", "v", "u", "v", "v", "v"])
        #expect(abs(v! - 0.5) < 1e-15)
        #expect(ProxyStrength.cramersV(["x", "x"], ["u", "v"]) == nil)
    }

    @Test(
        "COMPAS: priors count tells race with AUC 0.6465, age category with V 0.1235 (as an independent Python count)",
        .enabled(if: auditRealCasesPresent, auditRealCasesAbsent))
    func compas() throws {
        let folder = try #require(auditRealCases())
        let table = try CSVReader(path: folder.appendingPathComponent("compas/compas-scores-two-years.csv").path)
            .readTable()
        func texts(_ name: String) -> [String?] {
            let column = table.column(named: name)!
            return (0..<table.rowCount).map { column.isMissing($0) ? nil : column.formatted($0) }
        }
        let findings = ProxyFinding.find(
            features: ["priors_count", "age_cat"].map { name in
                let values = texts(name)
                return (name, values.map { $0.flatMap(Double.init) }, values)
            }, protected: [("race", texts("race"))])
        let priors = try #require(findings.first { $0.feature == "priors_count" })
        #expect(priors.measure == "auc")
        #expect(abs(priors.strength - 0.6464751287942078) < 1e-12)
        let age = try #require(findings.first { $0.feature == "age_cat" })
        #expect(age.measure == "cramers_v")
        #expect(abs(age.strength - 0.1235198820806111) < 1e-12)
    }
}
