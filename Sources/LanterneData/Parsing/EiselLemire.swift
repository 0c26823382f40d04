/// The double nearest to a decimal number w × 10^q with w below 10^19, correctly rounded (ties to even), with two
/// 64-bit multiplications: the Eisel-Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", Software:
/// Practice and Experience, 2021), whose 128-bit product is always enough for such mantissas (Mushtak and Lemire,
/// "Fast Number Parsing Without Fallback", 2023). Checked against the C library's `strtod` on millions of seeded
/// numbers and on the hard cases (halfway points, subnormals, the limits of the exponent).
enum EiselLemire {
    /// The smallest and largest decimal exponents of the table: below, every w × 10^q rounds to zero; above, to
    /// infinity.
    static let exponents = -342...308

    /// The double nearest to `mantissa` × 10^`exponent`.
    /// - Parameters:
    ///   - mantissa: the decimal digits as an integer, at most 19 of them.
    ///   - exponent: the power of ten.
    ///   - negative: the sign.
    /// - Returns: the correctly rounded double (0 or infinity past the range).
    @inline(always)
    static func double(mantissa: UInt64, exponent q: Int, negative: Bool) -> Double {
        let sign: UInt64 = negative ? 1 << 63 : 0
        guard mantissa != 0, q >= exponents.lowerBound else { return Double(bitPattern: sign) }
        guard q <= exponents.upperBound else { return Double(bitPattern: sign | 0x7FF0_0000_0000_0000) }
        let zeros = mantissa.leadingZeroBitCount
        let (high, low) = product(mantissa << UInt64(zeros), q)
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 9)
        var bits = high >> shift
        // ⌊q log2(10)⌋ + 63, then the binary exponent with its bias.
        var power2 = ((152_170 + 65_536) * q) >> 16 + 63 + upperBit - zeros + 1023
        if power2 <= 0 {
            // Subnormal.
            guard -power2 + 1 < 64 else { return Double(bitPattern: sign) }
            bits >>= UInt64(-power2 + 1)
            bits += bits & 1
            bits >>= 1
            power2 = bits < (1 << 52) ? 0 : 1
            return Double(bitPattern: sign | UInt64(power2) << 52 | bits)
        }
        // Exactly halfway between two doubles (possible only for small exponents): round to even.
        if low <= 1 && q >= -4 && q <= 23 && bits & 3 == 1 && bits << shift == high {
            bits &= ~1
        }
        bits += bits & 1
        bits >>= 1
        if bits >= 2 << 52 {
            bits = 1 << 52
            power2 += 1
        }
        bits &= ~(1 << 52)
        guard power2 < 0x7FF else { return Double(bitPattern: sign | 0x7FF0_0000_0000_0000) }
        return Double(bitPattern: sign | UInt64(power2) << 52 | bits)
    }

    /// The double nearest to `mantissa` × 10^`exponent` for an exponent from −19 to −1, as a number written with a
    /// point and no exponent has: the same steps as ``double(mantissa:exponent:negative:)`` without the checks such
    /// exponents never need (the table's range, subnormals, infinity), since 10^−19 is far above the smallest
    /// normal double and 10^19 far below the largest.
    /// - Parameters:
    ///   - mantissa: the decimal digits as an integer, at most 19 of them.
    ///   - exponent: the power of ten, from −19 to −1.
    ///   - negative: the sign.
    /// - Returns: the correctly rounded double.
    @inline(always)
    static func fraction(mantissa: UInt64, exponent q: Int, negative: Bool) -> Double {
        let sign: UInt64 = negative ? 1 << 63 : 0
        guard mantissa != 0 else { return Double(bitPattern: sign) }
        let zeros = mantissa.leadingZeroBitCount
        let (high, low) = product(mantissa << UInt64(zeros), q)
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 9)
        var bits = high >> shift
        var power2 = ((152_170 + 65_536) * q) >> 16 + 63 + upperBit - zeros + 1023
        if low <= 1 && q >= -4 && bits & 3 == 1 && bits << shift == high {
            bits &= ~1
        }
        bits += bits & 1
        bits >>= 1
        if bits >= 2 << 52 {
            bits = 1 << 52
            power2 += 1
        }
        bits &= ~(1 << 52)
        return Double(bitPattern: sign | UInt64(power2) << 52 | bits)
    }

    /// The normalised mantissa `w` times 5^q, to 128 bits: the first word of the table, and the second only when the
    /// low bits of the first product are all ones (the only case where they can decide the rounding).
    @inline(always)
    static func product(_ w: UInt64, _ q: Int) -> (high: UInt64, low: UInt64) {
        let index = 2 * (q - exponents.lowerBound)
        let (first, next) = powersOfFive.withUnsafeBufferPointer { ($0[index], $0[index + 1]) }
        var (high, low) = w.multipliedFullWidth(by: first)
        if high & 0x1FF == 0x1FF {
            let second = w.multipliedFullWidth(by: next).high
            low &+= second
            if second > low { high &+= 1 }
        }
        return (high, low)
    }
}
