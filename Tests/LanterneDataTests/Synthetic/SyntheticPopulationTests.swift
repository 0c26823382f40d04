import Foundation
import LanterneData
import Testing

@Suite("Synthetic populations are deterministic")
struct SyntheticDeterminismTests {
    /// FNV-1a over the bytes: a fingerprint to pin the exact output of a seed.
    static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    @Test("Same seed, same bytes, whatever the thread count", arguments: PopulationKind.allCases)
    func threadIndependence(kind: PopulationKind) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let population = kind.population(rows: 40_000, seed: 11)
        var outputs: [Data] = []
        for threads in [1, 2, 5] {
            let path = folder.appendingPathComponent("\(threads).csv").path
            try SyntheticWriter.write(population, to: path, threads: threads)
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
        #expect(Data(SyntheticWriter.bytes(population)) == outputs[0])
        #expect(
            SyntheticWriter.bytes(kind.population(rows: 1000, seed: 12))
                != SyntheticWriter.bytes(kind.population(rows: 1000, seed: 11)))
    }

    @Test("The first household of seed 1 is pinned")
    func pinnedHousehold() {
        let bytes = SyntheticWriter.bytes(HouseholdPopulation(rows: 2, seed: 1))
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        #expect(
            lines[1]
                == "1,92,M,marie,0,0,2.0,65,occitanie,rural,0,francaise,0,0,0,31379,60974,0,0,23095,0,0,0,0,0,0,106212,18194,-0.023,0,0,0,,0,0,0"
        )
    }

    @Test("Written files read back with their schema, every column present")
    func readsBack() throws {
        for kind in PopulationKind.allCases {
            let population = kind.population(rows: 3_000, seed: 5)
            let result = try readCSV(
                bytes: SyntheticWriter.bytes(population),
                options: CSVOptions(columnTypes: population.schema.columnTypes))
            #expect(result.table.rowCount == 3_000)
            #expect(result.table.columnNames == population.schema.columns.map(\.name))
            #expect(result.table.columns.map(\.type) == population.schema.columns.map(\.type))
        }
    }
}

@Suite("Synthetic households match the documented rates")
struct HouseholdRateTests {
    static let households = (0..<60_000).map { HouseholdPopulation(rows: 60_000, seed: 2024).household($0) }

    static func share(_ predicate: (Household) -> Bool, among group: [Household] = households) -> Double {
        Double(group.filter(predicate).count) / Double(group.count)
    }

    @Test("At least 25 variables besides the identifier and the outcomes")
    func variableCount() {
        let schema = HouseholdPopulation(rows: 1, seed: 1).schema
        #expect(schema.names(with: .feature).count + schema.names(with: .protected).count >= 25)
        #expect(schema.names(with: .label) == ["redressement"])
        for name in ["controle_passe", "redressement", "irregularite_reelle", "tirage_aleatoire"] {
            #expect(schema.column(named: name) != nil)
        }
    }

    @Test("Marginal rates are those of docs/synthetic-populations.md")
    func marginals() {
        let h = Self.households
        #expect(abs(Self.share { $0.singleParent } - 0.061) < 0.005)
        #expect(abs(Self.share { $0.priorityNeighbourhood } - 0.083) < 0.006)
        #expect(abs(Self.share { $0.rural } - 0.327) < 0.01)
        #expect(abs(Self.share { $0.nationality == .horsUE } - 0.063) < 0.006)
        #expect(abs(Self.share { $0.filedOnline } - 0.842) < 0.01)
        #expect(abs(Self.share { $0.netTax > 0 } - 0.468) < 0.012)
        #expect(abs(Self.share { $0.irregular } - 0.050) < 0.005)
        #expect(abs(Self.share { $0.randomDraw } - 0.010) < 0.0015)
        #expect(abs(Self.share { $0.controlled } - 0.040) < 0.004)
        let meanParts = h.reduce(0) { $0 + $1.parts } / Double(h.count)
        #expect(abs(meanParts - 1.72) < 0.03)
    }

    @Test("The true irregularity does not depend on protected traits, the historical control does")
    func hiddenProcesses() {
        let h = Self.households
        let groups: [(String, (Household) -> Bool)] = [
            ("parent isolé", { $0.singleParent }), ("QPV", { $0.priorityNeighbourhood }),
            ("hors UE", { $0.nationality == .horsUE }), ("papier", { !$0.filedOnline }),
        ]
        for (name, inGroup) in groups {
            let members = h.filter(inGroup)
            let others = h.filter { !inGroup($0) }
            let irregularityRatio =
                Self.share({ $0.irregular }, among: members) / Self.share({ $0.irregular }, among: others)
            let controlRatio =
                Self.share({ $0.controlled }, among: members) / Self.share({ $0.controlled }, among: others)
            #expect(
                irregularityRatio > 0.8 && irregularityRatio < 1.25,
                "irregularity ratio for \(name): \(irregularityRatio)")
            #expect(controlRatio > 1.35, "control ratio for \(name): \(controlRatio)")
        }
    }

    @Test("Adjustments are known exactly where a control took place")
    func labelsOnlyWhereControlled() {
        for h in Self.households {
            #expect((h.adjustment != nil) == h.controlled)
            if h.adjustment == true { #expect(h.irregular) }
            if h.randomDraw { #expect(h.controlled) }
            #expect(h.irregular == (h.undeclaredAmount > 0))
        }
    }
}

@Suite("Income tax on the 2025 scale")
struct IncomeTaxTests {
    @Test("Hand-computed examples")
    func examples() {
        // 1 part, 30,000 €: (29,315 - 11,497) x 11 % + (30,000 - 29,315) x 30 % = 1,959.98 + 205.50.
        #expect(IncomeTax.tax(taxableIncome: 30_000, parts: 1, couple: false) == 2_165)
        // Couple, 2 parts, 50,000 €: 2 x (25,000 - 11,497) x 11 % = 2,970.66, décote 1,444 - 45.25 % x 2,970.66.
        #expect(IncomeTax.tax(taxableIncome: 50_000, parts: 2, couple: true) == 2_870)
        // 1 part, 15,000 €: 385.33 before décote, which cancels it.
        #expect(IncomeTax.tax(taxableIncome: 15_000, parts: 1, couple: false) == 0)
        #expect(IncomeTax.tax(taxableIncome: 0, parts: 1, couple: false) == 0)
    }
}
