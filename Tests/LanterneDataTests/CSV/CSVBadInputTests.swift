import Foundation
import LanterneData
import Testing

@Suite("Bad CSV input gives one clear message naming file, line and column")
struct CSVBadInputTests {
    @Test("An unterminated quote names the line where the field starts and its column")
    func unterminatedQuote() {
        let error = csvError { _ = try readCSV("a,b\n1,2\n3,\"open\nstill open\n", chunkSize: 8) }
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.description.hasPrefix("test.csv:3, colonne 2: guillemet ouvert") == true)
    }

    @Test("A ragged row says how many fields were expected and found")
    func raggedRow() {
        let error = csvError { _ = try readCSV("a,b,c\n1,2,3\n4,5\n6,7,8\n") }
        #expect(error?.kind == .raggedRow(expected: 3, found: 2))
        #expect(error?.line == 3)
        #expect(
            error?.message(.en)
                == "test.csv:3: 2 fields instead of 3; fix the line or run again with --lenient to skip it")
    }

    @Test("With --lenient, ragged rows are skipped and counted")
    func lenient() throws {
        let result = try readCSV("a,b\n1,2\n3\n4,5\n6,7,8\n9,10\n", options: CSVOptions(lenient: true))
        #expect(result.table.doubles("a") == [1, 4, 9])
        #expect(result.warnings == [.skippedRaggedRows(count: 2, firstLine: 3)])
    }

    @Test("An empty file and a header-only file are refused")
    func emptyAndHeaderOnly() {
        #expect(csvError { _ = try readCSV("") }?.kind == .emptyFile)
        #expect(csvError { _ = try readCSV("\n\n") }?.kind == .emptyFile)
        let headerOnly = csvError { _ = try readCSV("a;b;c\n") }
        #expect(headerOnly?.kind == .headerOnly)
        #expect(headerOnly?.line == 1)
    }

    @Test("A NUL byte is refused with its line and column")
    func nulByte() {
        let error = csvError { _ = try readCSV(bytes: Array("a,b\n1,2\n3,x".utf8) + [0] + Array("y\n".utf8)) }
        #expect(error?.kind == .nulByte)
        #expect(error?.line == 3)
        #expect(error?.column == 2)
    }

    @Test("Bytes that are neither UTF-8 nor Windows-1252 are refused with their line")
    func invalidEncoding() {
        // 0x81 and 0x9D have no meaning in Windows-1252, and the sequence is not UTF-8 either.
        let error = csvError { _ = try readCSV(bytes: Array("a,b\n1,2\n3,".utf8) + [0x81, 0x9D] + Array("\n".utf8)) }
        #expect(error?.kind == .invalidEncoding)
        #expect(error?.line == 3)
    }

    @Test("A 10,000-column header is over the default limit, and accepted when the limit is raised")
    func tooManyColumns() throws {
        let header = (1...10_000).map { "c\($0)" }.joined(separator: ",")
        let row = (1...10_000).map { String($0) }.joined(separator: ",")
        let text = header + "\n" + row + "\n"
        let error = csvError { _ = try readCSV(text) }
        #expect(error?.kind == .tooManyColumns(found: 10_000, limit: 4096))
        #expect(error?.line == 1)
        let table = try readCSV(text, options: CSVOptions(maxColumns: 10_000)).table
        #expect(table.columns.count == 10_000)
        #expect(table.doubles("c10000") == [10_000])
    }

    @Test("A 5 MB field is over the default limit, and read whole when the limit is raised")
    func hugeField() throws {
        let big = String(repeating: "x", count: 5 * 1_000_000)
        let text = "a,b\n1,\"" + big + "\"\n"
        let error = csvError { _ = try readCSV(text, chunkSize: 1 << 16) }
        #expect(error?.kind == .fieldTooLarge(limit: 1 << 20))
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        let table = try readCSV(text, chunkSize: 1 << 16, options: CSVOptions(maxFieldBytes: 8_000_000)).table
        #expect(table.strings("b").first??.utf8.count == 5_000_000)
    }

    @Test("A value that contradicts the schema's type names its line, column and header")
    func invalidValue() {
        let error = csvError {
            _ = try readCSV("id,revenu\n1,1200\n2,beaucoup\n", options: CSVOptions(columnTypes: ["revenu": .number]))
        }
        #expect(error?.kind == .invalidValue(value: "beaucoup", expected: .number))
        #expect(
            error?.description
                == "test.csv:3, colonne 2 (« revenu »): « beaucoup » n'est pas un nombre comme le déclare le schéma")
    }

    @Test("A schema naming a column absent from the file is refused with the columns present")
    func missingColumn() {
        do {
            _ = try readCSV("a,b\n1,2\n", options: CSVOptions(columnTypes: ["revenu": .number]))
            Issue.record("a missing column must be refused")
        } catch let error as SchemaError {
            #expect(error.kind == .missingColumn(name: "revenu", available: ["a", "b"]))
            #expect(error.description.hasPrefix("test.csv:1: la colonne « revenu » du schéma est absente"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("A missing file is reported with its path")
    func missingFile() {
        let error = csvError { _ = try CSVReader(path: "/nonexistent/foyers.csv").read() }
        #expect(error?.kind == .unreadable(reason: "No such file or directory"))
        #expect(error?.file == "/nonexistent/foyers.csv")
    }
}
