import Foundation
import Testing

@testable import LanterneData

/// The one-pass reader of plain numeric rows must give exactly what the general path gives (the value of
/// `Double(String)`, correctly rounded), and hand every other row back to the general path.
@Suite("Rows of plain numbers, read in one pass")
struct NumericRowsTests {
    /// Reads `text` as one row of `columns` fields, with digits after it up to the reader's margin (so that a
    /// reader running past the line end would be caught); `nil` when the row is refused.
    static func readRow(_ text: String, columns: Int) -> [Double]? {
        let row = Array(text.utf8)
        let bytes = row + [UInt8](repeating: UInt8(ascii: "7"), count: NumericRows.margin)
        var values = [Double](repeating: .infinity, count: columns)
        let (rows, next) = bytes.withUnsafeBufferPointer { buffer in
            values.withUnsafeMutableBufferPointer { output in
                NumericRows.read(
                    buffer.baseAddress!, from: 0, end: buffer.count, columnCount: columns,
                    delimiter: UInt8(ascii: ","), maxRows: 1, into: output.baseAddress!)
            }
        }
        guard rows == 1 else {
            #expect(rows == 0 && next == 0, "\(text)")
            return nil
        }
        #expect(next == row.count, "\(text)")
        return values
    }

    /// The value the general path gives a field: NaN when missing, `nil` when not a number.
    static func expected(_ field: String) -> Double? {
        let trimmed = field.trimmingCharacters(in: .whitespaces)
        if ["", "na", "n/a", "nan", "null", "-"].contains(trimmed.lowercased()) { return .nan }
        return NumberParser.parse(trimmed.replacingOccurrences(of: "\"", with: ""))
    }

    @Test(
        "Numbers as machines write them give the bits of Double(String)",
        arguments: [
            "0", "-0", "7", "42", "-7", "12345678", "123456789012345", "3.25", "-1234.5678901234567", "0.1", "-0.0",
            "0.000123", "0.1234567890123456789", "-0.0000000000000000001", "1234567890.123456789", "12345678.9",
            "0.30000000000000004", "450359962737049.65", "34332.020967128447", "-934.81568096070396",
            "1.0000000000000002", "5.0000000000000001", "2.2250738585072014", "0.00012345678901234567",
            "0.0000000000000000000000000012345", "0.00000000000000000000", "1e5", "1E5", "1.5e-3", "-2.5E+07", "1e0",
            "1.5e1", "1.5e-0000", "4.9406564584124654e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
            "2.5e-400", "0e999", "123456789012345.6789", "1.2345678901234567e-05", "1234567.123456789012",
            "9007199254740993", "1234567890123456789", "12345678901234567890", "0.12345678901234567890",
            "1.00000000000000011102230246251565404236316680908203125", "1234567.1", "1.2", "0.5", "-9.87654321",
            "12.3456789012345678", "1.234567890123456789", "1.2345678901234567890", "123.4e5", "1.5E3", "0.0",
            "9999999.999999999999", "1.00000000", "12.345678", "123.45678", "1234.5678", "0.00000001",
            "7.000000000000001",
        ])
    func machineForms(text: String) throws {
        let expected = try #require(Double(text))
        let values = try #require(Self.readRow("\(text),\(text)\n", columns: 2))
        #expect(values.map(\.bitPattern) == [expected.bitPattern, expected.bitPattern], "\(text)")
        #expect(NumberParser.parse(text)?.bitPattern == expected.bitPattern)
    }

    @Test(
        "Other numbers and missing markers read as the general path reads them",
        arguments: [
            "", "NA", "N/A", "nan", "null", "-", "+1", ".5", "5.", "1 234", "1 234.5", "-1 234 567.25", "1\u{00A0}234",
            "1\u{202F}234.5",
        ])
    func generalForms(text: String) throws {
        let wanted = try #require(Self.expected(text))
        for row in ["\(text),1\n", "1,\(text)\n", "\(text),\(text)\r\n"] {
            let values = try #require(Self.readRow(row, columns: 2), "\(row)")
            let value = row.hasPrefix("1,") ? values[1] : values[0]
            #expect(value.bitPattern == wanted.bitPattern || (value.isNaN && wanted.isNaN), "\(row)")
        }
    }

    @Test(
        "Codes, words, quotes and spaces send the row to the general path",
        arguments: [
            "01.5", "00", "-01", "0612", "01", " 1", "1 ", " NA", "\"1\"", "\"1,5\"", "1;5", "1e", "1e+", "1e-",
            "1e12345", "1e999", "-1e999", "1.7976931348623159e308", "1.5e", "e5", "1.5f3", "1..5", "1.5.2", "abc",
            "١", "12 34", "1\t", "1\r2",
        ])
    func refused(text: String) {
        #expect(Self.readRow("\(text),1\n", columns: 2) == nil, "\(text)")
        #expect(Self.readRow("1,\(text)\n", columns: 2) == nil, "\(text)")
    }

    @Test("Eisel-Lemire for exponents from −19 to −1 gives the general conversion's bits on 1,000,000 seeded numbers")
    func fractionConversion() {
        var random = SeededRandom(seed: 1_917)
        var failures: [String] = []
        for index in 0..<1_000_000 {
            let digits = Int(random.next() % 19) + 1
            let mantissa = random.next() % DigitWords.power(digits)
            let exponent = -Int(random.next() % 19) - 1
            let negative = random.next() & 1 == 0
            let value = EiselLemire.fraction(mantissa: mantissa, exponent: exponent, negative: negative)
            let general = EiselLemire.double(mantissa: mantissa, exponent: exponent, negative: negative)
            // Every hundredth against the C library too.
            let text = "\(negative ? "-" : "")\(mantissa)e\(exponent)"
            if value.bitPattern != general.bitPattern
                || (index % 100 == 0 && Double(text)?.bitPattern != value.bitPattern)
            {
                failures.append(text)
            }
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("A row must have the expected fields and end with LF or CRLF")
    func rowShape() throws {
        #expect(Self.readRow("1.5,2\n", columns: 2) == [1.5, 2])
        #expect(Self.readRow("1.5,2\r\n", columns: 2) == [1.5, 2])
        #expect(Self.readRow("1.5\n", columns: 2) == nil)
        #expect(Self.readRow("1.5,2,3\n", columns: 2) == nil)
        #expect(Self.readRow("1.5,2\r3,4\n", columns: 2) == nil)
        #expect(Self.readRow("1.5\r,2\n", columns: 2) == nil)
        #expect(Self.readRow("1.5\t2\n", columns: 2) == nil)
        #expect(Self.readRow("1.5,,2\n", columns: 3).map { $0[1].isNaN } == true)
        // A blank line is skipped by the general path, not read as a missing value.
        #expect(Self.readRow("\n", columns: 1) == nil)
        #expect(Self.readRow("\r\n", columns: 1) == nil)
        #expect(Self.readRow("2.5\r\n", columns: 1) == [2.5])
        // Too close to the end of the buffer: the general path, which can ask for more bytes, reads it.
        let bytes = Array("1.5,2\n".utf8)
        var values = [0.0, 0.0]
        let (rows, next) = bytes.withUnsafeBufferPointer { buffer in
            values.withUnsafeMutableBufferPointer {
                NumericRows.read(
                    buffer.baseAddress!, from: 0, end: buffer.count, columnCount: 2, delimiter: UInt8(ascii: ","),
                    maxRows: 10, into: $0.baseAddress!)
            }
        }
        #expect(rows == 0 && next == 0)
    }

    /// A seeded file of `rows` rows and six columns written the ways machines write numbers, with the text of
    /// each field.
    static func numericFile(rows: Int, lineEnd: String = "\n", oddities: Bool) -> (text: String, fields: [[String]]) {
        var random = SeededRandom(seed: 2026)
        func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        var text = "a,b,c,d,e,f" + lineEnd
        var fields: [[String]] = []
        for row in 0..<rows {
            var values = [
                String(format: "%.17g", (unit() - 0.5) * 2e5),
                (unit() * 1000).description,
                String(Int(random.next() % 2_000_000) - 1_000_000),
                String(format: "%.19f", unit() * 0.01),
                String(format: "%.17g", unit() * 1e-3),
                String(format: "%.12f", (unit() - 0.5) * 1e7),
            ]
            if oddities && row % 701 == 700 {
                // Forms the one-pass reader refuses but the general path reads.
                values[Int(random.next() % 6)] = ["NA", "5.", " 2.5", "\"3.75\"", "", "-", "+4", ".25"][row % 8]
            }
            fields.append(values)
            text += values.joined(separator: ",") + lineEnd
        }
        return (text, fields)
    }

    @Test(
        "A seeded numeric file reads to the bits of Double(String), with or without odd rows, in any chunk size",
        arguments: [(1 << 20, "\n", false), (4_096, "\n", true), (1_000, "\r\n", true), (1 << 20, "\r\n", false)])
    func seededFile(chunkSize: Int, lineEnd: String, oddities: Bool) throws {
        let (text, fields) = Self.numericFile(rows: 6_000, lineEnd: lineEnd, oddities: oddities)
        let table = try readCSV(text, chunkSize: chunkSize).table
        #expect(table.rowCount == fields.count)
        var mismatches: [String] = []
        for (column, name) in ["a", "b", "c", "d", "e", "f"].enumerated() {
            let values = table.doubles(name)
            #expect(values.count == fields.count)
            for (row, value) in values.enumerated() where row < fields.count {
                let wanted = Self.expected(fields[row][column]) ?? .infinity
                if !(value.bitPattern == wanted.bitPattern || (value.isNaN && wanted.isNaN)) {
                    mismatches.append("\(name)\(row): \(fields[row][column]) read as \(value)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        if !oddities {
            // Plain numbers only: each field is what Double(String) says.
            let first = try #require(Double(fields[5_000][0]))
            #expect(table.doubles("a")[5_000].bitPattern == first.bitPattern)
        }
    }

    @Test("Once told every column holds numbers, the scanner hands the rows over as numeric batches")
    func numericBatches() throws {
        let (text, _) = Self.numericFile(rows: 6_000, oddities: false)
        let scanner = CSVScanner(
            source: .bytes(Array(text.utf8), name: "test.csv"), options: CSVOptions(), encoding: nil, delimiter: nil)
        scanner.readsNumericRows = true
        var numeric = 0
        var general = 0
        try scanner.scan(
            header: { $0.fieldCount }, ragged: { _, _ in },
            batch: { batch in
                if batch.values == nil { general += batch.rowCount } else { numeric += batch.rowCount }
            })
        #expect(numeric + general == 6_000)
        // Only the rows within the reader's margin of the end go the general way.
        #expect(general <= NumericRows.margin / 10)
    }

    @Test("A code met after thousands of numeric rows turns its column into labels from the first row")
    func lateCode() throws {
        var (text, fields) = Self.numericFile(rows: 5_000, oddities: false)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Data row 4,500 is line 4,502; its third field becomes a code with a leading zero.
        fields[4_500][2] = "0612"
        lines[4_501] = fields[4_500].joined(separator: ",")
        text = lines.joined(separator: "\n")
        let table = try readCSV(text).table
        #expect(table.column(named: "c")?.type != .number)
        let labels = table.strings("c")
        #expect(labels[4_500] == "0612")
        #expect(labels[0] == fields[0][2])
        #expect(labels[4_999] == fields[4_999][2])
        #expect(table.doubles("a").count == 5_000)
    }

    @Test("A ragged row after thousands of numeric rows is reported at its line, or skipped when lenient")
    func lateRaggedRow() throws {
        var (text, _) = Self.numericFile(rows: 5_000, oddities: false)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[4_001] += ",9"
        text = lines.joined(separator: "\n")
        let error = csvError { _ = try readCSV(text) }
        #expect(error?.line == 4_002)
        if case .raggedRow(let expected, let found)? = error?.kind {
            #expect(expected == 6 && found == 7)
        } else {
            Issue.record("expected a ragged row, got \(String(describing: error))")
        }
        var options = CSVOptions()
        options.lenient = true
        let result = try readCSV(text, options: options)
        #expect(result.table.rowCount == 4_999)
        #expect(result.warnings == [.skippedRaggedRows(count: 1, firstLine: 4_002)])
    }
}
