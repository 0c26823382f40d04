/// Digits read eight at a time from one 64-bit word (SWAR: SIMD within a register), the first byte in the lowest
/// position, as little-endian machines load them. Shared by the number parser and the CSV reader's numeric rows.
enum DigitWords {
    /// Eight ASCII zeros, the filler that turns a partial word of digits into a full one.
    @inline(__always)
    static var asciiZeros: UInt64 { 0x3030_3030_3030_3030 }

    /// Eight bytes from `pointer`, the first in the lowest byte.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// Whether each of the eight bytes of `word` is an ASCII digit.
    @inline(__always)
    static func allDigits(_ word: UInt64) -> Bool {
        (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
            == 0x3333_3333_3333_3333
    }

    /// The high bit of each byte of `word` that is not an ASCII digit, exactly (no carry crosses bytes).
    @inline(__always)
    static func nonDigits(_ word: UInt64) -> UInt64 {
        // Digits become 0...9; a byte is a non-digit when its low seven bits reach 10 or its high bit is set.
        let shifted = word ^ asciiZeros
        return ((shifted & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676 | shifted) & 0x8080_8080_8080_8080
    }

    /// The number of leading digits of `word`, from 0 to 8.
    @inline(__always)
    static func leadingDigits(_ word: UInt64) -> Int {
        nonDigits(word).trailingZeroBitCount >> 3
    }

    /// The high bit of each byte of `word` that is not zero, exactly.
    @inline(__always)
    static func nonZeros(_ word: UInt64) -> UInt64 {
        ((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F | word) & 0x8080_8080_8080_8080
    }

    /// The value of eight ASCII digits (Lemire's conversion: three multiplications instead of eight).
    @inline(__always)
    static func value(_ word: UInt64) -> UInt64 {
        var value = word &- asciiZeros
        value = (value &* 10) &+ (value >> 8)
        return
            (((value & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064)
            &+ (((value >> 16) & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001)) >> 32
    }

    /// The first `count` bytes of `word` (0 to 8 of them) shifted to the end of the word, ASCII zeros before them.
    @inline(__always)
    static func padded(_ word: UInt64, first count: Int) -> UInt64 {
        // Smart shifts: a shift by 64 gives 0, which is what `count` 0 and 8 need.
        word << UInt64(64 - 8 * count) | asciiZeros >> UInt64(8 * count)
    }

    /// The value of the first `count` bytes of `word`, digits all (0 to 8 of them): they are shifted to the end of
    /// the word and ASCII zeros fill the bytes before them.
    @inline(__always)
    static func value(_ word: UInt64, first count: Int) -> UInt64 {
        value(padded(word, first: count))
    }

    /// The value of the last `count` bytes of `word` (1 to 8 of them), digits all: ASCII zeros replace the bytes
    /// before them. `nil` when one of them is not a digit.
    @inline(__always)
    static func value(_ word: UInt64, last count: Int) -> UInt64? {
        let keep = ~0 &<< UInt64(64 - 8 * count)
        let padded = word & keep | asciiZeros & ~keep
        return allDigits(padded) ? value(padded) : nil
    }

    /// 10^`exponent`, for `exponent` from 0 to 19.
    @inline(__always)
    static func power(_ exponent: Int) -> UInt64 {
        powersOfTen.withUnsafeBufferPointer { $0[exponent] }
    }

    /// 10^0 to 10^19, every power of ten below 2^64.
    static let powersOfTen: [UInt64] = [
        1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ]

    /// The digits that begin at `pointer`, up to sixteen of them: their value and their count. A count of 16 means
    /// more digits may follow. Reads sixteen bytes, which must all be readable.
    @inline(__always)
    static func run(_ pointer: UnsafePointer<UInt8>) -> (value: UInt64, count: Int) {
        let first = load(pointer)
        let count = leadingDigits(first)
        guard count == 8 else { return (value(first, first: count), count) }
        let second = load(pointer + 8)
        let more = leadingDigits(second)
        return (value(first) &* power(more) &+ value(second, first: more), 8 + more)
    }

    /// The number of ASCII zeros that begin at `pointer`, from 0 to 16. Reads sixteen bytes.
    @inline(__always)
    static func leadingZeros(_ pointer: UnsafePointer<UInt8>) -> Int {
        let first = nonZeros(load(pointer) ^ asciiZeros).trailingZeroBitCount >> 3
        guard first == 8 else { return first }
        return 8 + nonZeros(load(pointer + 8) ^ asciiZeros).trailingZeroBitCount >> 3
    }
}
