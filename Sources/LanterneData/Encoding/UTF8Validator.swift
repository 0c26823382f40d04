/// Checks UTF-8 incrementally, chunk after chunk, keeping the state of a sequence cut at a chunk's end.
struct UTF8Validator {
    /// Continuation bytes still expected.
    private var pending = 0
    /// The allowed range of the next continuation byte (narrower right after E0, ED, F0, F4).
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    /// Validates `bytes`; returns the offset of the first invalid byte, or `nil` when all is valid so far.
    /// - Parameter bytes: the next bytes of the file.
    /// - Returns: the offset within `bytes` of the first invalid byte.
    mutating func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = 0
        while i < count {
            if pending == 0 {
                // ASCII fast path, eight bytes at a time.
                while i + 8 <= count {
                    let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < count else { return nil }
                let byte = base[i]
                i += 1
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: (pending, low, high) = (1, 0x80, 0xBF)
                case 0xE0: (pending, low, high) = (2, 0xA0, 0xBF)
                case 0xE1...0xEC, 0xEE...0xEF: (pending, low, high) = (2, 0x80, 0xBF)
                case 0xED: (pending, low, high) = (2, 0x80, 0x9F)
                case 0xF0: (pending, low, high) = (3, 0x90, 0xBF)
                case 0xF1...0xF3: (pending, low, high) = (3, 0x80, 0xBF)
                case 0xF4: (pending, low, high) = (3, 0x80, 0x8F)
                default: return i - 1
                }
            } else {
                let byte = base[i]
                guard byte >= low && byte <= high else { return i }
                pending -= 1
                (low, high) = (0x80, 0xBF)
                i += 1
            }
        }
        return nil
    }

    /// Whether the input ended in the middle of a sequence.
    var isIncomplete: Bool { pending > 0 }
}
