import Foundation
import LanterneData
import Testing

@Suite("Seeded mutations of CSV files: each reads into a consistent table or is refused with a typed error")
struct CSVFuzzTests {
    /// Mutants of each seed file.
    static let mutants = 400

    /// A French administrative export: semicolons, quotes with delimiters, quotes and a line end inside, decimal
    /// commas, grouped thousands, both date forms, yes/no words, missing markers, a BOM and CRLF line ends.
    static let french: [UInt8] =
        [0xEF, 0xBB, 0xBF]
        + Array(
            ("\"id\";\"nom\";\"montant\";\"date\";\"actif\";\"note\"\r\n"
                + "1;\"Dupont; Jean\";\"1 234,56\";12/03/2021;oui;\"dit \"\"ok\"\"\"\r\n"
                + "2;Étienne;-12,5;2021-03-13 10:20;non;NA\r\n"
                + "3;\"deux\r\nlignes\";1e-05;01/01/1999;vrai;\r\n"
                + "4;Zoé;;31/12/2020 23:59:59;faux;-\r\n"
                + "5;Loïc;0,75;2020-02-29;NON;\"\"\r\n").utf8)

    /// A Latin-1 file (é and the no-break space as single bytes).
    static let latin1: [UInt8] = "nom,ville,montant\nZo\u{E9},Orl\u{E9}ans,1\u{A0}234\nAndr\u{E9},S\u{E8}te,12\n"
        .unicodeScalars.map { UInt8($0.value) }

    /// Reading options, one set per mutant in turn: default, lenient, tight limits, the seed's own column types, a
    /// delimiter given and small chunks.
    static func options(_ turn: Int, types: [String: ColumnType]) -> CSVOptions {
        switch turn % 5 {
        case 1: return CSVOptions(lenient: true)
        case 2: return CSVOptions(maxColumns: 6, maxFieldBytes: 40)
        case 3: return CSVOptions(columnTypes: types)
        case 4: return CSVOptions(delimiter: UInt8(ascii: ";"), chunkSize: 4_096)
        default: return CSVOptions()
        }
    }

    /// Reads `mutants` mutants of `bytes`; returns how many read and how many were refused by error code.
    static func fuzz(_ name: String, seed: UInt64, bytes: [UInt8], count: Int = mutants) throws -> (
        read: Int, refused: [String: Int]
    ) {
        let seedTable = try CSVReader(bytes: bytes, name: name).readTable()
        let types = Dictionary(uniqueKeysWithValues: seedTable.columns.map { ($0.name, $0.type) })
        var mutator = CSVMutator(seed: seed)
        var read = 0
        var refused: [String: Int] = [:]
        for index in 0..<count {
            let (mutant, changes) = mutator.mutant(of: bytes)
            do {
                let table = try CSVReader(bytes: mutant, name: "fuzz.csv", options: options(index, types: types))
                    .readTable()
                if table.columns.isEmpty || !table.columns.allSatisfy({ $0.count == table.rowCount }) {
                    Issue.record("\(name) mutant \(index) (\(changes)): an inconsistent table")
                }
                read += 1
            } catch let error as CSVError {
                if !error.message(.fr).hasPrefix("fuzz.csv") || !error.message(.en).hasPrefix("fuzz.csv") {
                    Issue.record("\(name) mutant \(index) (\(changes)): a message without the file: \(error)")
                }
                refused[error.code, default: 0] += 1
            } catch let error as SchemaError {
                #expect(error.message(.fr).hasPrefix("fuzz.csv"))
                refused["schema", default: 0] += 1
            } catch {
                Issue.record("\(name) mutant \(index) (\(changes)): \(type(of: error)) is not a typed error: \(error)")
            }
        }
        if ProcessInfo.processInfo.environment["LANTERNE_FUZZ_REPORT"] != nil {
            let kinds = refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("fuzz \(name): \(count) mutants, \(read) read; \(kinds)")
        }
        return (read, refused)
    }

    @Test("Synthetic populations and hand-made French and Latin-1 files: no crash, no hang", .timeLimit(.minutes(2)))
    func smallFiles() throws {
        var seeds: [(String, [UInt8])] = PopulationKind.allCases.map { kind in
            ("\(kind.rawValue).csv", SyntheticWriter.bytes(kind.population(rows: 20, seed: 5)))
        }
        seeds += [("francais.csv", Self.french), ("latin1.csv", Self.latin1)]
        var read = 0
        var refused: [String: Int] = [:]
        for (index, (name, bytes)) in seeds.enumerated() {
            let outcome = try Self.fuzz(name, seed: 5_000 + UInt64(index), bytes: bytes)
            read += outcome.read
            refused.merge(outcome.refused, uniquingKeysWith: +)
        }
        #expect(read > 0)
        let codes = [
            "csv_ragged_row", "csv_unterminated_quote", "csv_nul_byte", "csv_invalid_encoding", "csv_invalid_value",
        ]
        for code in codes {
            #expect(refused[code, default: 0] > 0, "no mutant gave \(code)")
        }
    }

    @Test("A file longer than the first read: mutants across chunk boundaries", .timeLimit(.minutes(2)))
    func largeFile() throws {
        let bytes = SyntheticWriter.bytes(PopulationKind.foyers.population(rows: 800, seed: 9))
        #expect(bytes.count > 1 << 16)
        let outcome = try Self.fuzz("foyers-800.csv", seed: 5_100, bytes: bytes, count: 100)
        #expect(outcome.read > 0)
    }
}
