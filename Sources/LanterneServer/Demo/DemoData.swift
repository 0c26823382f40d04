import Foundation
import LanterneAudit
import LanterneData

/// The demonstration's data, made in memory from the synthetic populations.
enum DemoData {
    /// The population as a table read with its schema's types, `blanksAsZero`'s empty cells read as 0.
    static func table(_ population: any SyntheticPopulation, blanksAsZero column: String?) throws -> Table {
        var bytes = SyntheticWriter.bytes(population)
        if let column, let index = population.schema.columns.firstIndex(where: { $0.name == column }) {
            bytes = filled(bytes, column: index)
        }
        var options = CSVOptions(columnTypes: population.schema.columnTypes)
        options.requiresTypedColumns = false
        return try CSVReader(bytes: bytes, name: "demo.csv", options: options).read().table
    }

    /// CSV bytes with the empty cells of one column replaced by 0 (no quoted field holds a comma in these files).
    static func filled(_ bytes: [UInt8], column: Int) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 50)
        var field = 0
        var previous: UInt8 = 10
        var header = true
        for byte in bytes {
            if !header && field == column && (byte == 44 || byte == 10) && (previous == 44) {
                output.append(48)
            }
            output.append(byte)
            if byte == 44 {
                field += 1
            } else if byte == 10 {
                field = 0
                header = false
            }
            previous = byte
        }
        return output
    }

    /// The demonstration's gates: no group selected or wrongly selected more than 1.25 times as often as the
    /// reference or less than 0.8 times (the four-fifths rule), no proxy stronger than 0.75.
    static let gates = AuditPolicy(gates: [
        .init(name: "taux de sélection (4/5)", metric: "ratio.selection_rate", minimum: 0.8, maximum: 1.25),
        .init(name: "faux positifs", metric: "ratio.fpr", minimum: 0.8, maximum: 1.25),
        .init(name: "substituts", metric: "proxy", minimum: nil, maximum: 0.75),
    ])
}
