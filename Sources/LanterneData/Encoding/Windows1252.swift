/// Windows-1252 (a superset of the printable part of Latin-1), converted to UTF-8.
enum Windows1252 {
    /// The Unicode scalars of bytes 0x80...0x9F; 0 marks the five bytes Windows-1252 leaves undefined.
    static let upperControls: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    /// Whether `byte` has no meaning in Windows-1252.
    static func isUndefined(_ byte: UInt8) -> Bool {
        byte >= 0x80 && byte <= 0x9F && upperControls[Int(byte - 0x80)] == 0
    }

    /// Writes the UTF-8 form of Windows-1252 `bytes` to `output`, which has room for three bytes per input byte.
    /// - Parameters:
    ///   - bytes: Windows-1252 text.
    ///   - output: where the UTF-8 bytes go.
    /// - Returns: the number of bytes written.
    static func writeUTF8(of bytes: UnsafeBufferPointer<UInt8>, to output: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes {
            if byte < 0x80 {
                output[count] = byte
                count += 1
                continue
            }
            let scalar = byte <= 0x9F ? upperControls[Int(byte - 0x80)] : UInt32(byte)
            if scalar < 0x800 {
                output[count] = UInt8(0xC0 | (scalar >> 6))
                output[count + 1] = UInt8(0x80 | (scalar & 0x3F))
                count += 2
            } else {
                output[count] = UInt8(0xE0 | (scalar >> 12))
                output[count + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                output[count + 2] = UInt8(0x80 | (scalar & 0x3F))
                count += 3
            }
        }
        return count
    }
}
