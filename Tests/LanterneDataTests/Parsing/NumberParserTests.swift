import LanterneData
import Testing

@Suite("Numbers as French administrations and machines write them")
struct NumberParserTests {
    @Test(
        "Accepted forms give the exact value",
        arguments: [
            ("0", 0.0), ("-0", -0.0), ("42", 42), ("+7", 7), ("3.25", 3.25), ("3,25", 3.25), ("1234,56", 1234.56),
            ("1 234,56", 1234.56), ("1\u{00A0}234,56", 1234.56), ("1\u{202F}234", 1234), ("1.234,56", 1234.56),
            ("1,234.56", 1234.56), ("1.234.567", 1_234_567), ("1,5e3", 1500), ("1e-05", 0.00001), (".5", 0.5),
            ("0,5", 0.5), ("-0.001", -0.001), ("5e-324", .leastNonzeroMagnitude),
            ("1.7976931348623157e+308", 1.7976931348623157e308),
            ("0.1", 0.1), ("123456789012345678", 123_456_789_012_345_680), ("2.5", 2.5),
        ])
    func accepted(text: String, value: Double) {
        let parsed = NumberParser.parse(text)
        #expect(parsed == value)
        #expect(parsed?.sign == value.sign)
    }

    @Test(
        "Codes, words and malformed numbers are not numbers",
        arguments: [
            "", "-", ".", "01", "007", "06 12 34 56 78", "12 34", "1 23", "1,2,3,4.5", "1.2.3,4,5", "abc", "12a", "1e",
            "1e5000", "2A", "1,,2", "--1", "1 234 5", "00,5",
        ])
    func refused(text: String) {
        #expect(NumberParser.parse(text) == nil)
    }

    @Test("Shortest formatting reads back to the same double")
    func formattingRoundTrip() {
        for value in [0.1, 1.0 / 3, 1e-5, 123_456.789, -2.5e-300, 9_007_199_254_740_992, 1e21, 42] {
            #expect(NumberParser.parse(NumberFormatting.shortest(value)) == value)
        }
        #expect(NumberFormatting.shortest(42) == "42")
        #expect(NumberFormatting.shortest(-3) == "-3")
    }

    @Test("Fixed decimals round half away from zero")
    func fixedDecimals() {
        func fixed(_ value: Double, _ decimals: Int) -> String {
            var bytes: [UInt8] = []
            NumberFormatting.appendFixed(value, decimals: decimals, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(fixed(2.5, 1) == "2.5")
        #expect(fixed(-0.0234, 3) == "-0.023")
        #expect(fixed(0.0005, 3) == "0.001")
        #expect(fixed(-0.0004, 3) == "0.000")
        #expect(fixed(1234.5678, 2) == "1234.57")
    }

    @Test("Dates parse to seconds since 1970, impossible days are refused")
    func dates() {
        #expect(DateParser.parse("1970-01-01")?.seconds == 0)
        #expect(DateParser.parse("2024-02-29")?.seconds == 1_709_164_800)
        #expect(DateParser.parse("29/02/2024")?.seconds == 1_709_164_800)
        #expect(DateParser.parse("2013-08-13 06:03:42") == DateParser.Parsed(seconds: 1_376_373_822, hasTime: true))
        #expect(DateParser.parse("2013-08-13T06:03") == DateParser.Parsed(seconds: 1_376_373_780, hasTime: true))
        #expect(DateParser.parse("1950-06-15")?.seconds == -616_896_000)
        #expect(DateParser.parse("2023-02-29") == nil)
        #expect(DateParser.parse("2023-13-01") == nil)
        #expect(DateParser.parse("2023-01-01 24:00:00") == nil)
        #expect(DateParser.parse("13/08/13") == nil)
        #expect(CivilDate(secondsSince1970: -616_896_000) == CivilDate(year: 1950, month: 6, day: 15))
    }
}
