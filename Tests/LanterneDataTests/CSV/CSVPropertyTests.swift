import Foundation
import LanterneData
import PropertyBased
import Testing

@Suite("CSV properties on generated input")
struct CSVPropertyTests {
    /// Bytes drawn half from CSV's structural characters, half from all bytes, so generated files hit every state.
    static let structural: [UInt8] = Array("abé,;\t\"\n\r 019.-Ae".utf8)
    static let csvBytes = Gen.int(in: 0...511).map { i in
        i < 256 ? structural[i % structural.count] : UInt8(i - 256)
    }

    @Test("No input crashes the reader: it returns a table or a CSVError")
    func noCrash() async {
        await propertyCheck(count: 400, input: Self.csvBytes.array(of: 0...200), Gen.int(in: 1...64)) {
            bytes, chunk in
            do {
                let result = try readCSV(bytes: bytes, chunkSize: chunk)
                #expect(result.table.columns.allSatisfy { $0.count == result.table.rowCount })
            } catch is CSVError {
            } catch is SchemaError {
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("Chunk size never changes the table read")
    func chunkIndependence() async {
        await propertyCheck(count: 300, input: Self.csvBytes.array(of: 0...200), Gen.int(in: 1...32)) {
            bytes, chunk in
            let whole = try? readCSV(bytes: bytes).table
            let chunked = try? readCSV(bytes: bytes, chunkSize: chunk).table
            #expect(whole == chunked)
        }
    }

    static let labels = [
        "Paris", "Saint-Étienne", "a,b", "dit \"oui\"", "deux\nlignes", " espace", "NA", "-", "é€œ", "x",
    ]

    struct Row: Sendable {
        var number: Double
        var label: String
        var flag: Int
        var day: Int
        var missing: Int
    }

    static let row = zip(
        Gen.double(in: -1e9...1e9), Gen.int(in: 0...9), Gen.int(in: 0...2), Gen.int(in: -20_000...40_000),
        Gen.int(in: 0...9)
    ).map { values in
        Row(number: values.0, label: labels[values.1], flag: values.2, day: values.3, missing: values.4)
    }

    static let table = row.array(of: 1...30).map { rows in
        Table(columns: [
            Column(name: "montant", storage: .number(NumberColumn(rows.map { $0.missing == 0 ? .nan : $0.number }))),
            Column(
                name: "libellé",
                storage: .category(CategoryColumn(labels: rows.map { $0.missing == 1 ? nil : $0.label }))),
            Column(name: "drapeau", storage: .boolean(BooleanColumn(rows.map { $0.flag == 2 ? 255 : UInt8($0.flag) }))),
            Column(
                name: "jour",
                storage: .date(
                    DateColumn(
                        seconds: rows.map { $0.missing == 2 ? DateColumn.missing : Int64($0.day) * 86_400 },
                        hasTime: false))),
            Column(name: "note", storage: .text(TextColumn(rows.map { $0.missing == 3 ? nil : $0.label + "!" }))),
        ])
    }

    @Test("Write then read with the table's schema gives the same table")
    func roundTrip() async throws {
        await propertyCheck(count: 200, input: Self.table, Gen.element(of: [",", ";", "\t"])) { table, delimiter in
            let byte = UInt8(ascii: (delimiter ?? ",").unicodeScalars.first!)
            let bytes = CSVWriter(delimiter: byte).bytes(of: table)
            let types = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.type) })
            let read = try? readCSV(bytes: bytes, chunkSize: 17, options: CSVOptions(columnTypes: types)).table
            #expect(read == table)
        }
    }
}
