extension NumberParser {
    /// The most common way machines write a double (`-1234.5678901234567`, NumPy's and pandas's `%.17g`): an
    /// optional minus, one to seven digits, a point, then at least one digit, 8 to 20 bytes after the sign and at
    /// most 19 digits in all. Reads it with whole-word operations and no loop over the digits: the point is found in
    /// the first eight bytes, the integer digits are shifted into a word padded with ASCII zeros, the fraction is
    /// read as full words of eight digits and a last word ending at the field's end, its leading bytes replaced by
    /// ASCII zeros. Every loaded byte lies inside the field. `nil` for any other form (a leading zero before more
    /// digits, an exponent, a sign other than minus, a grouping mark): the general readers take it.
    /// - Parameters:
    ///   - base: the first byte of the field.
    ///   - count: the field's length in bytes.
    /// - Returns: the correctly rounded value, or `nil`.
    @inline(__always)
    @usableFromInline
    static func pointedDecimal(_ base: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        let negative = base[0] == UInt8(ascii: "-")
        let start = negative ? base + 1 : base
        let length = negative ? count - 1 : count
        guard length >= 8 && length <= 20 else { return nil }
        let head = DigitWords.load(start)
        // The first point among the first eight bytes (a borrow may mark bytes above it, never below).
        let points = head ^ 0x2E2E_2E2E_2E2E_2E2E
        let pointMarks = (points &- 0x0101_0101_0101_0101) & ~points & 0x8080_8080_8080_8080
        guard pointMarks != 0 else { return nil }
        let integerDigits = pointMarks.trailingZeroBitCount >> 3
        let fractionDigits = length - integerDigits - 1
        // One to seven integer digits, no leading zero before others (`01.5` is a code), at most 19 digits.
        guard integerDigits > 0, fractionDigits > 0, integerDigits + fractionDigits <= 19,
            integerDigits == 1 || start[0] != UInt8(ascii: "0")
        else { return nil }
        let integerWord = head &<< UInt64(64 - 8 * integerDigits) | DigitWords.asciiZeros &>> UInt64(8 * integerDigits)
        guard DigitWords.allDigits(integerWord) else { return nil }
        var mantissa = DigitWords.value(integerWord)
        var fraction = start + integerDigits + 1
        var remaining = fractionDigits
        while remaining > 8 {
            let digits = DigitWords.load(fraction)
            guard DigitWords.allDigits(digits) else { return nil }
            mantissa = mantissa &* 100_000_000 &+ DigitWords.value(digits)
            fraction += 8
            remaining -= 8
        }
        // The last one to eight digits end the field: keep them, pad the bytes before with ASCII zeros.
        guard let tail = DigitWords.value(DigitWords.load(start + length - 8), last: remaining) else { return nil }
        mantissa = mantissa &* DigitWords.power(remaining) &+ tail
        return EiselLemire.double(mantissa: mantissa, exponent: -fractionDigits, negative: negative)
    }
}
