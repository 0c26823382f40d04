/// Reads rows of plain numbers straight from the scanner's buffer into doubles, many rows per call: the float-heavy
/// file's path. Each field is parsed where it lies and the byte that ends its digits must be the delimiter (or the
/// line end after the last field): the digits themselves find the field's end, so its bytes are read once, no span
/// is stored, and no call is made per field.
///
/// A field read by whole words has this form: an optional minus, an integer part of 1 to 15 digits without a
/// leading zero before others, optionally a point and 1 to 31 digits, optionally an exponent (`e` or `E`, a sign, 1
/// to 4 digits), with at most 19 digits from the first non-zero one (`-1234.5678901234567`, as NumPy and pandas
/// write doubles; `0.000123`, `42`, `1.5e-07`). Any other field goes to ``NumberParser``, so that every value is the
/// one the general path gives, correctly rounded; empty fields and the missing-value markers give NaN. A row stops
/// the reading when it has another number of fields, a field that is not a number (quotes and spaces included), or
/// a lone CR: the scanner reads it, and the rows after it in the batch, the general way.
enum NumericRows {
    /// Bytes that must be readable past a field's first byte before it is read by whole words: sign, two words of
    /// integer digits, the point, four words of fraction digits, then the exponent's mark, sign and word.
    static let margin = 64

    /// The value of the field at `field` when it has the form read by whole words, and the byte that ends it.
    /// - Parameter field: the field's first byte; ``margin`` bytes must be readable from it.
    /// - Returns: the correctly rounded value and the end of its text, or `nil` for any other form.
    @inline(always)
    static func wordForm(_ field: UnsafePointer<UInt8>) -> (value: Double, end: UnsafePointer<UInt8>)? {
        let negative = field[0] == UInt8(ascii: "-")
        let digits = negative ? field + 1 : field
        let head = DigitWords.load(digits)
        let headCount = DigitWords.leadingDigits(head)
        // The common form: one to seven integer digits, a point, and 1 to 19 digits in all. The point is taken out
        // of the words (the bytes after it move down by one), so that the integer and fraction digits are read
        // together, eight at a time.
        if headCount > 0 && headCount < 8 && (head >> UInt64(8 * headCount)) & 0xFF == 0x2E
            && (headCount == 1 || head & 0xFF != 0x30)
        {
            let second = DigitWords.load(digits + 8)
            let third = DigitWords.load(digits + 16)
            let below = (1 &<< UInt64(8 * headCount)) &- 1
            let first = head & below | (head >> 8 | second << 56) & ~below
            let firstCount = DigitWords.leadingDigits(first)
            var mantissa: UInt64
            var count: Int
            if firstCount < 8 {
                mantissa = DigitWords.value(first, first: firstCount)
                count = firstCount
            } else {
                let middle = second >> 8 | third << 56
                let middleCount = DigitWords.leadingDigits(middle)
                if middleCount < 8 {
                    mantissa =
                        DigitWords.value(first) &* DigitWords.power(middleCount)
                        &+ DigitWords.value(middle, first: middleCount)
                    count = 8 + middleCount
                } else {
                    let last = third >> 8 | DigitWords.load(digits + 24) << 56
                    let lastCount = DigitWords.leadingDigits(last)
                    mantissa =
                        (DigitWords.value(first) &* 100_000_000 &+ DigitWords.value(middle))
                        &* DigitWords.power(min(lastCount, 3)) &+ DigitWords.value(last, first: lastCount)
                    count = 16 + lastCount
                }
            }
            let fractionCount = count - headCount
            let next = digits + count + 1
            // Past 19 digits, an exponent, or nothing after the point: the general reading below.
            if count <= 19 && fractionCount > 0 && next[0] | 0x20 != UInt8(ascii: "e") {
                return (EiselLemire.fraction(mantissa: mantissa, exponent: -fractionCount, negative: negative), next)
            }
        }
        let (integer, integerCount) = DigitWords.run(digits)
        // `01` is a code, not a number; 16 digits or more go the general way.
        guard integerCount > 0, integerCount < 16, integerCount == 1 || digits[0] != UInt8(ascii: "0") else {
            return nil
        }
        var mantissa = integer
        var significant = integer == 0 ? 0 : integerCount
        var exponent = 0
        var next = digits + integerCount
        if next[0] == UInt8(ascii: ".") {
            let (fraction, count) = DigitWords.run(next + 1)
            guard count > 0 else { return nil }
            var fractionCount = count
            mantissa = mantissa &* DigitWords.power(count) &+ fraction
            if count == 16 {
                let (more, moreCount) = DigitWords.run(next + 17)
                guard moreCount < 16 else { return nil }
                fractionCount += moreCount
                mantissa = mantissa &* DigitWords.power(moreCount) &+ more
            }
            // After a zero integer part, the fraction's leading zeros add nothing to the mantissa.
            significant += integer == 0 ? fractionCount - DigitWords.leadingZeros(next + 1) : fractionCount
            exponent = -fractionCount
            next += 1 + fractionCount
        }
        // At most 19 significant digits, so that the mantissa stays below 10^19.
        guard significant <= 19 else { return nil }
        if next[0] | 0x20 == UInt8(ascii: "e") {
            let negativeExponent = next[1] == UInt8(ascii: "-")
            let sign = negativeExponent || next[1] == UInt8(ascii: "+") ? 2 : 1
            let word = DigitWords.load(next + sign)
            let count = DigitWords.leadingDigits(word)
            guard count > 0 && count <= 4 else { return nil }
            let written = Int(DigitWords.value(word, first: count))
            exponent += negativeExponent ? -written : written
            next += sign + count
        }
        if exponent == 0 { return (negative ? -Double(mantissa) : Double(mantissa), next) }
        let value = EiselLemire.double(mantissa: mantissa, exponent: exponent, negative: negative)
        // `1e999` is not a number the general path accepts either.
        guard value.isFinite else { return nil }
        return (value, next)
    }

    /// The value the general path gives an unquoted field: NaN when missing, `nil` when not a number.
    static func otherForm(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        let field = UnsafeBufferPointer(start: start, count: end - start)
        if let value = NumberParser.parse(field) { return value }
        return ColumnBuilder.isMissing(field, quoted: false) ? .nan : nil
    }

    /// Reads rows from `start` until `maxRows` are read, a row is refused, or a field starts within ``margin``
    /// bytes of the buffer's end.
    /// - Parameters:
    ///   - base: the buffer.
    ///   - start: the offset of the first row's first byte.
    ///   - end: the offset one past the buffer's last readable byte.
    ///   - columnCount: the number of fields each row must have.
    ///   - delimiter: the field delimiter.
    ///   - maxRows: the most rows to read.
    ///   - values: where the rows' values go, row-major, `columnCount` per row.
    /// - Returns: the number of rows read and the offset just past the last of them.
    @inline(never)
    static func read(
        _ base: UnsafePointer<UInt8>, from start: Int, end: Int, columnCount: Int, delimiter: UInt8,
        maxRows: Int, into values: UnsafeMutablePointer<Double>
    ) -> (rows: Int, next: Int) {
        let last = columnCount - 1
        let limit = base + end - margin
        var rows = 0
        var rowStart = base + start
        rowLoop: while rows < maxRows {
            var field = rowStart
            let output = values + rows * columnCount
            for column in 0...last {
                guard field < limit else { break rowLoop }
                // The common case: a number read by whole words, followed by the delimiter or the line's end.
                if let (value, next) = wordForm(field) {
                    if column < last {
                        if next[0] == delimiter {
                            output[column] = value
                            field = next + 1
                            continue
                        }
                    } else if next[0] == 10 {
                        output[column] = value
                        field = next + 1
                        continue
                    } else if next[0] == 13 && next[1] == 10 {
                        output[column] = value
                        field = next + 2
                        continue
                    }
                }
                // Any other field: find its end byte by byte, then read it as the general path does.
                var stop = field
                while stop[0] != delimiter && stop[0] != 10 {
                    stop += 1
                    guard stop < limit else { break rowLoop }
                }
                let isDelimiter = stop[0] == delimiter
                guard isDelimiter == (column < last) else { break rowLoop }
                // A CR before the line feed ends the line, not the field.
                let fieldEnd = !isDelimiter && stop > field && stop[-1] == 13 ? stop - 1 : stop
                // A lone empty field is a blank line, which the general path skips.
                guard last > 0 || fieldEnd > field, let value = otherForm(field, fieldEnd) else { break rowLoop }
                output[column] = value
                field = stop + 1
            }
            rows += 1
            rowStart = field
        }
        return (rows, rowStart - base)
    }
}
