/// Parses dates written `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` (or with `T`), `DD/MM/YYYY` and
/// `DD/MM/YYYY HH:MM[:SS]`.
public enum DateParser {
    /// A parsed date: seconds since 1970 and whether a time of day was written.
    public struct Parsed: Sendable, Equatable {
        /// Seconds since 1970-01-01 00:00:00.
        public var seconds: Int64
        /// Whether the text carried a time of day.
        public var hasTime: Bool

        /// Creates a parsed date.
        /// - Parameters:
        ///   - seconds: seconds since 1970.
        ///   - hasTime: whether a time of day was written.
        public init(seconds: Int64, hasTime: Bool) {
            self.seconds = seconds
            self.hasTime = hasTime
        }
    }

    /// The date written in `bytes`, or `nil`.
    /// - Parameter bytes: the field, trimmed.
    /// - Returns: the parsed date.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        let count = bytes.count
        guard count == 10 || (count >= 16 && count <= 19) else { return nil }
        var year = 0
        var month = 0
        var day = 0
        if bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-") {
            guard let y = digits(bytes, 0, 4), let m = digits(bytes, 5, 2), let d = digits(bytes, 8, 2) else {
                return nil
            }
            (year, month, day) = (y, m, d)
        } else if bytes[2] == UInt8(ascii: "/") && bytes[5] == UInt8(ascii: "/") {
            guard let d = digits(bytes, 0, 2), let m = digits(bytes, 3, 2), let y = digits(bytes, 6, 4) else {
                return nil
            }
            (year, month, day) = (y, m, d)
        } else {
            return nil
        }
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        var secondOfDay = 0
        let hasTime = count > 10
        if hasTime {
            guard bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"),
                let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2), hour < 24, minute < 60
            else { return nil }
            var second = 0
            if count == 19 {
                guard bytes[16] == UInt8(ascii: ":"), let s = digits(bytes, 17, 2), s < 60 else { return nil }
                second = s
            } else if count != 16 {
                return nil
            }
            secondOfDay = hour * 3600 + minute * 60 + second
        }
        let date = CivilDate(year: year, month: month, day: day, secondOfDay: secondOfDay)
        return Parsed(seconds: date.secondsSince1970, hasTime: hasTime)
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Int? {
        var value = 0
        for i in start..<(start + length) {
            let d = bytes[i] &- 48
            guard d <= 9 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    /// The date written in `text`, or `nil`.
    /// - Parameter text: the text.
    /// - Returns: the parsed date.
    public static func parse(_ text: String) -> Parsed? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }
}

/// Parses yes/no words in French and English.
public enum BooleanParser {
    /// `true` for true/vrai/oui/yes, `false` for false/faux/non/no (any case), `nil` otherwise.
    /// - Parameter bytes: the field, trimmed.
    /// - Returns: the value.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard bytes.count >= 2 && bytes.count <= 5 else { return nil }
        var word: UInt64 = 0
        for byte in bytes {
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            word = word << 8 | UInt64(lower)
        }
        switch word {
        case packed("true"), packed("vrai"), packed("oui"), packed("yes"): return true
        case packed("false"), packed("faux"), packed("non"), packed("no"): return false
        default: return nil
        }
    }

    /// `true`, `false` or `nil` for a string, as for bytes.
    /// - Parameter text: the text.
    /// - Returns: the value.
    public static func parse(_ text: String) -> Bool? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    private static func packed(_ text: StaticString) -> UInt64 {
        var word: UInt64 = 0
        text.withUTF8Buffer { for byte in $0 { word = word << 8 | UInt64(byte) } }
        return word
    }
}
