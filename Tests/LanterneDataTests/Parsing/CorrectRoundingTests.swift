import Foundation
import LanterneData
import Testing

/// Every number the parser reads must be the double the C library's correctly rounded `strtod` gives
/// (`Double(String)`), whichever path reads it: the short fast path, Eisel-Lemire for up to 19 digits, the slow path
/// beyond.
@Suite("Numbers are correctly rounded, as strtod rounds them")
struct CorrectRoundingTests {
    static func parsed(_ text: String) -> Double? { NumberParser.parse(text) }

    /// Same bits, or both NaN-free nil.
    static func agrees(_ text: String) -> Bool {
        guard let expected = Double(text), expected.isFinite else { return parsed(text) == nil }
        guard let value = parsed(text) else { return false }
        return value.bitPattern == expected.bitPattern
    }

    @Test("500,000 seeded random doubles, each written with 17 significant digits and as Swift's shortest text")
    func randomDoubles() {
        var random = SeededRandom(seed: 20_261_206)
        var failures: [String] = []
        for _ in 0..<500_000 {
            // Random finite bit patterns: every exponent, subnormals included.
            var value = Double(bitPattern: random.next())
            if !value.isFinite { value = Double(bitPattern: random.next() >> 2) }
            let shortest = value.description
            let long = String(format: "%.17g", value)
            if !Self.agrees(shortest) || Self.parsed(shortest) != value { failures.append(shortest) }
            if !Self.agrees(long) || Self.parsed(long) != value { failures.append(long) }
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("1,000,000 seeded decimals of 1 to 19 digits with exponents from −350 to 330 round as strtod does")
    func randomDecimals() {
        var random = SeededRandom(seed: 7)
        var failures: [String] = []
        for _ in 0..<1_000_000 {
            let digits = Int(random.next() % 19) + 1
            var mantissa = random.next() % 10_000_000_000_000_000_000
            var limit: UInt64 = 1
            for _ in 0..<digits { limit = limit &* 10 }
            if digits < 19 { mantissa %= limit }
            let exponent = Int(random.next() % 681) - 350
            let text = "\(random.next() & 1 == 0 ? "" : "-")\(mantissa)e\(exponent)"
            if !Self.agrees(text) { failures.append(text) }
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test("500,000 seeded doubles from 1e-7 to 1e15, each written three ways as CSV files hold them")
    func pointedDoubles() {
        var random = SeededRandom(seed: 17)
        var failures: [String] = []
        for _ in 0..<500_000 {
            // A uniform mantissa and a decimal scale: integer parts of every length from 0 to 15 digits.
            let unit = Double(random.next() >> 11) / Double(1 << 53)
            let value = (random.next() & 1 == 0 ? 1 : -1) * unit * pow(10, Double(Int(random.next() % 23) - 7))
            for text in [String(format: "%.17g", value), value.description, String(format: "%.19f", value)]
            where !Self.agrees(text) {
                failures.append(text)
            }
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }

    static let hardCases = [
        // Halfway between two doubles: ties to even.
        "9007199254740993", "9007199254740995", "9007199254740993.0", "2.0000000000000002220446049250313",
        "1.00000000000000011102230246251565404236316680908203125", "7.038531e-26", "0.1", "0.30000000000000004",
        // 19 digits and more (the slow path).
        "1234567890123456789", "12345678901234567890", "0.12345678901234567890123", "99999999999999999999e-20",
        // Subnormals and the smallest normal.
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "5e-324", "1e-323",
        "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "2.225073858507201e-308",
        // The largest double and past it (refused: not finite).
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309", "1e999",
        "-1e999", "1e-400", "0e0", "-0", "-0.0",
        // A point among the first eight bytes and 8 to 20 bytes in all (read by whole words), and its neighbours.
        "0.1234567890123456789", "-0.1234567890123456789", "1234567.123456789012", "1234567.1234567890123",
        "12345678.5", "12345678.12345678901", "-0.0000000", "0.00000000", "1234567.", "9007199254740993.000",
        "4503599627370497.5", "0.30000000000000004441", "-9999999.999999999999", "1.0000000000000002",
        "1.00000000000000011", "123.45678901234567e3", "1.5e-0000",
        // Exponent spellings.
        "1E5", "1e+05", "1e-05", "6.02214076e23", "-1.602176634e-19",
    ]

    @Test("Hard cases: ties, 19+ digits, subnormals, the limits of the exponent, 1e999", arguments: hardCases)
    func hard(text: String) {
        #expect(
            Self.agrees(text),
            "\(text): \(String(describing: Self.parsed(text))) against \(String(describing: Double(text)))")
    }

    @Test("A decimal comma and grouped digits give the value of the same number written plainly, to the bit")
    func frenchForms() {
        #expect(Self.parsed("1234,5678901234567")?.bitPattern == Double("1234.5678901234567")?.bitPattern)
        #expect(Self.parsed("-12 345,678901234567")?.bitPattern == Double("-12345.678901234567")?.bitPattern)
        #expect(Self.parsed("1.234.567,12345678901")?.bitPattern == Double("1234567.12345678901")?.bitPattern)
        #expect(Self.parsed("0612") == nil)
        #expect(Self.parsed("00.5") == nil)
        #expect(Self.parsed("1.2.3") == nil)
        #expect(Self.parsed("01.50000000") == nil)
        #expect(Self.parsed("-00.5000000") == nil)
        #expect(Self.parsed("1234.567,8901") == nil)
        #expect(Self.parsed("12345.6789012 ") == nil)
    }
}
