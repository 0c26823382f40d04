import Foundation
import LanterneAudit
import LanterneData
import Testing

@Suite("Group metrics against Fairlearn's MetricFrame")
struct FairlearnTests {
    struct Oracle: Decodable {
        var by: [String: [String: [String: Double]]]
        var reference: String
        var selectionRatio: [String: Double]

        enum CodingKeys: String, CodingKey {
            case by, reference
            case selectionRatio = "selection_ratio"
        }
    }

    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    @Test(
        "By each of two attributes and their intersection: selection rate, TPR, FPR, FNR, TNR, accuracy, count to 1e-12; ratios too"
    )
    func metricFrame() throws {
        let oracle = try JSONDecoder().decode(
            Oracle.self, from: Data(contentsOf: URL(fileURLWithPath: Self.fixture("audit_fairlearn.json"))))
        var options = CSVOptions()
        options.columnTypes = ["groupe": .text, "sexe": .text]
        let table = try CSVReader(path: Self.fixture("audit_data.csv"), options: options).read().table
        func texts(_ name: String) -> [String] {
            let column = table.column(named: name)!
            return (0..<table.rowCount).map { column.formatted($0) ?? "" }
        }
        let group = texts("groupe")
        let sex = texts("sexe")
        let selected = texts("decision").map { $0 == "1" }
        let positive = texts("issue").map { $0 == "1" }
        let names = [
            "selection_rate": "selection_rate", "tpr": "tpr", "fpr": "fpr", "fnr": "fnr", "tnr": "tnr",
            "accuracy": "accuracy",
        ]
        for (attribute, values) in [
            ("groupe", group.map(Optional.some)), ("sexe", sex.map(Optional.some)),
            ("groupe*sexe", zip(group, sex).map { "\($0)*\($1)" }),
        ] {
            let audit = GroupAudit(
                attribute: attribute, values: values, selected: selected, positive: positive, minimumGroup: 1)
            let expected = try #require(oracle.by[attribute])
            #expect(audit.groups.count == expected.count)
            for line in audit.groups {
                let target = try #require(expected[line.value], "\(attribute) \(line.value)")
                #expect(Double(line.counts.count) == target["count"])
                let rates = Dictionary(uniqueKeysWithValues: line.counts.rates.map { ($0.name, $0.value) })
                for (ours, theirs) in names {
                    let value = try #require(rates[ours] ?? nil)
                    #expect(abs(value - target[theirs]!) < 1e-12, "\(attribute) \(line.value) \(ours)")
                }
            }
            if attribute == "groupe" {
                #expect(audit.reference == oracle.reference)
                for line in audit.groups {
                    #expect(abs(audit.ratio(line, "selection_rate")! - oracle.selectionRatio[line.value]!) < 1e-12)
                }
            }
        }
    }
}
