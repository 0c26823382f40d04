/// Formats numbers the way Lanterne writes them to files: shortest text that reads back to the same value.
public enum NumberFormatting {
    /// The shortest decimal text that parses back to exactly `value`; integers are written without `.0`.
    /// - Parameter value: a finite number.
    /// - Returns: the text.
    public static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return value == 0 ? "0" : String(Int64(value))
        }
        return value.description
    }

    /// Appends the decimal digits of `value` to `buffer` without creating a String.
    /// - Parameters:
    ///   - value: an integer.
    ///   - buffer: the output bytes.
    @inlinable
    public static func appendInteger(_ value: Int, to buffer: inout [UInt8]) {
        if value < 0 {
            buffer.append(UInt8(ascii: "-"))
            if value == Int.min {
                buffer.append(contentsOf: String(value).utf8.dropFirst())
                return
            }
            appendInteger(-value, to: &buffer)
            return
        }
        if value < 10 {
            buffer.append(UInt8(truncatingIfNeeded: 48 + value))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while remaining > 0 {
                raw[23 - count] = UInt8(truncatingIfNeeded: 48 + remaining % 10)
                remaining /= 10
                count += 1
            }
            buffer.append(contentsOf: raw[(24 - count)...])
        }
    }

    /// Appends `value` with exactly `decimals` digits after a point (`decimals` from 1 to 6), rounding half away
    /// from zero.
    /// - Parameters:
    ///   - value: a finite number.
    ///   - decimals: digits after the point.
    ///   - buffer: the output bytes.
    @inlinable
    public static func appendFixed(_ value: Double, decimals: Int, to buffer: inout [UInt8]) {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
        let units = Int(scaled)
        if value < 0 && units != 0 { buffer.append(UInt8(ascii: "-")) }
        appendInteger(units / scale, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        var fraction = units % scale
        var divisor = scale / 10
        while divisor > 0 {
            buffer.append(UInt8(truncatingIfNeeded: 48 + fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }
}
