#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses numbers written the way French administrations export them, as well as plain machine numbers.
///
/// Accepted: an optional sign; digits, possibly grouped by three with a space, a no-break space (U+00A0, U+202F) or
/// with the thousands mark that is not the decimal mark (`1.234,56`, `1,234.56`); a decimal comma or point
/// (`1234,56`, `1234.56`); an exponent (`1e-05`). A lone comma or point is the decimal mark (`1,234` is 1.234).
/// Refused, so that codes stay codes: an integer part with a leading zero (`01`, `0612`), a group that is not three
/// digits (`06 12 34`), letters, several decimal marks.
public enum NumberParser {
    /// The numeric value of `bytes`, or `nil` when they are not a number.
    /// - Parameters:
    ///   - bytes: the field, already trimmed.
    ///   - latin1Spaces: whether a lone 0xA0 byte is a no-break space (Windows-1252 files).
    /// - Returns: the value.
    @inline(__always)
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, latin1Spaces: Bool = false) -> Double? {
        let count = bytes.count
        // Inlined fast paths: a long number with a point read by whole words, or up to 15 plain digits, optionally
        // negative, with at most one point.
        if count >= 8, let base = bytes.baseAddress, let value = pointedDecimal(base, count) { return value }
        if count > 0 && count <= 16, let base = bytes.baseAddress {
            var i = base[0] == UInt8(ascii: "-") ? 1 : 0
            let integerStart = i
            var mantissa: UInt64 = 0
            var pointAt = -1
            while i < count {
                let byte = base[i]
                let digit = byte &- 48
                if digit <= 9 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                } else if byte == UInt8(ascii: ".") && pointAt < 0 {
                    pointAt = i
                } else {
                    break
                }
                i += 1
            }
            let integerDigits = (pointAt < 0 ? count : pointAt) - integerStart
            let digits = count - integerStart - (pointAt < 0 ? 0 : 1)
            if i == count && digits > 0 && digits <= 15 && integerDigits > 0
                && (integerDigits == 1 || base[integerStart] != 48)
            {
                var value = Double(mantissa)
                if pointAt >= 0 { value /= powersOfTen[count - 1 - pointAt] }
                return integerStart == 1 ? -value : value
            }
        }
        if let value = plainDecimal(bytes) { return value }
        return slowPath(bytes, latin1Spaces: latin1Spaces)
    }

    /// A machine number (`-1234.5678901234567`, `6.02214076e23`) with at most 19 digits, converted by
    /// ``EiselLemire``; `nil` for any other form (grouping marks, decimal comma, a leading zero, more digits, a value
    /// out of range), which ``slowPath(_:latin1Spaces:)`` reads or refuses. Digits go eight at a time when they can.
    @usableFromInline
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        let count = bytes.count
        var i = 0
        let negative = base[0] == UInt8(ascii: "-")
        if negative || base[0] == UInt8(ascii: "+") { i = 1 }
        let integerStart = i
        var mantissa: UInt64 = 0
        readDigits(base, count, &i, &mantissa)
        let integerDigits = i - integerStart
        // A leading zero makes a code (`0612`): the slow path refuses it.
        if integerDigits > 1 && base[integerStart] == UInt8(ascii: "0") { return nil }
        var exponent = 0
        var fractionDigits = 0
        if i < count && base[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            readDigits(base, count, &i, &mantissa)
            fractionDigits = i - fractionStart
            exponent = -fractionDigits
        }
        // More than 19 digits may not fit in 64 bits: the slow path takes them.
        guard integerDigits + fractionDigits > 0, integerDigits + fractionDigits <= 19 else { return nil }
        if i < count && base[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < count && (base[i] == UInt8(ascii: "-") || base[i] == UInt8(ascii: "+")) {
                negativeExponent = base[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            let exponentStart = i
            while i < count {
                let digit = base[i] &- 48
                guard digit <= 9 else { break }
                value = value * 10 + Int(digit)
                i += 1
                guard i - exponentStart <= 4 else { return nil }
            }
            guard i > exponentStart else { return nil }
            exponent += negativeExponent ? -value : value
        }
        guard i == count else { return nil }
        let value = EiselLemire.double(mantissa: mantissa, exponent: exponent, negative: negative)
        return value.isFinite ? value : nil
    }

    /// Reads the digits from `i` into `mantissa` (wrapping past 19 digits, which the caller refuses), eight at a
    /// time while eight follow (Lemire's SWAR conversion), then one by one.
    @inline(__always)
    static func readDigits(_ base: UnsafePointer<UInt8>, _ count: Int, _ i: inout Int, _ mantissa: inout UInt64) {
        while i + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            // Every byte is 0x30...0x39.
            guard
                (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
                    == 0x3333_3333_3333_3333
            else { break }
            var value = word &- 0x3030_3030_3030_3030
            value = (value &* 10) &+ (value >> 8)
            value =
                (((value & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064)
                    &+ (((value >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001)) >> 32
            mantissa = mantissa &* 100_000_000 &+ value
            i += 8
        }
        while i < count {
            let digit = base[i] &- 48
            guard digit <= 9 else { return }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            i += 1
        }
    }

    /// Exact powers of ten representable as doubles.
    @usableFromInline
    static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Every other accepted form: grouping marks, decimal commas, exponents, long mantissas. Normalises the text into plain
    /// ASCII (`-1234.56e7`) and lets the C library round it correctly.
    @usableFromInline
    static func slowPath(_ bytes: UnsafeBufferPointer<UInt8>, latin1Spaces: Bool) -> Double? {
        guard bytes.count > 0, bytes.count <= 64 else { return nil }
        var commas = 0
        var points = 0
        var lastComma = -1
        var lastPoint = -1
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: ",") {
                commas += 1
                lastComma = index
            } else if byte == UInt8(ascii: ".") {
                points += 1
                lastPoint = index
            }
        }
        // Decide which mark is the decimal one and which groups thousands.
        var decimalMark: UInt8 = UInt8(ascii: ".")
        var groupMark: UInt8? = nil
        if commas > 0 && points > 0 {
            if lastComma > lastPoint {
                guard commas == 1 else { return nil }
                decimalMark = UInt8(ascii: ",")
                groupMark = UInt8(ascii: ".")
            } else {
                guard points == 1 else { return nil }
                groupMark = UInt8(ascii: ",")
            }
        } else if commas == 1 {
            decimalMark = UInt8(ascii: ",")
        } else if commas > 1 {
            groupMark = UInt8(ascii: ",")
        } else if points > 1 {
            groupMark = UInt8(ascii: ".")
        }

        var normalized: [CChar] = []
        normalized.reserveCapacity(bytes.count + 1)
        var i = 0
        let count = bytes.count
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            normalized.append(CChar(bitPattern: bytes[0]))
            i = 1
        }
        // Integer part, with optional groups of exactly three digits.
        var groupLength = -1  // digits since the last group mark, -1 before any mark
        var integerDigits = 0
        var firstIntegerDigit: UInt8 = 0
        while i < count {
            let byte = bytes[i]
            if byte >= 48 && byte <= 57 {
                if integerDigits == 0 { firstIntegerDigit = byte }
                normalized.append(CChar(bitPattern: byte))
                integerDigits += 1
                if groupLength >= 0 { groupLength += 1 }
                i += 1
                continue
            }
            let markLength = groupSeparatorLength(bytes, at: i, groupMark: groupMark, latin1Spaces: latin1Spaces)
            if markLength > 0 {
                guard integerDigits > 0, integerDigits <= 3 || groupLength == 3 else { return nil }
                if groupLength < 0 && integerDigits > 3 { return nil }
                groupLength = 0
                i += markLength
                continue
            }
            break
        }
        if groupLength >= 0 && groupLength != 3 { return nil }
        if integerDigits > 1 && firstIntegerDigit == 48 { return nil }
        var fractionDigits = 0
        if i < count && bytes[i] == decimalMark {
            normalized.append(CChar(bitPattern: UInt8(ascii: ".")))
            i += 1
            while i < count, bytes[i] >= 48 && bytes[i] <= 57 {
                normalized.append(CChar(bitPattern: bytes[i]))
                fractionDigits += 1
                i += 1
            }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if i < count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            normalized.append(CChar(bitPattern: UInt8(ascii: "e")))
            i += 1
            if i < count && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) {
                normalized.append(CChar(bitPattern: bytes[i]))
                i += 1
            }
            var exponentDigits = 0
            while i < count, bytes[i] >= 48 && bytes[i] <= 57 {
                normalized.append(CChar(bitPattern: bytes[i]))
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0, exponentDigits <= 4 else { return nil }
        }
        guard i == count else { return nil }
        normalized.append(0)
        let value = normalized.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
        return value.isFinite ? value : nil
    }

    /// The byte length of a thousands separator at `index`, or 0.
    @usableFromInline
    static func groupSeparatorLength(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, groupMark: UInt8?, latin1Spaces: Bool
    ) -> Int {
        let byte = bytes[index]
        if byte == UInt8(ascii: " ") || byte == groupMark { return 1 }
        if latin1Spaces && byte == 0xA0 { return 1 }
        if byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0 { return 2 }
        if byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xAF {
            return 3
        }
        return 0
    }

    /// The numeric value of a string, or `nil`.
    /// - Parameter text: the text.
    /// - Returns: the value.
    public static func parse(_ text: String) -> Double? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }
}
