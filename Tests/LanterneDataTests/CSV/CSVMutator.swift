import LanterneData

/// Seeded mutations of CSV bytes: bytes that structure CSV (delimiters, quotes, line ends, NUL) or break an encoding
/// written over, inserted or removed, spans and lines repeated, the end cut. The same seed gives the same mutants.
struct CSVMutator {
    private var random: SeededRandom

    /// Bytes that matter to a CSV reader: delimiters, quote, line ends, NUL, space, a decimal comma's digits, and
    /// bytes of UTF-8, Latin-1 and Windows-1252 (0x81 is undefined there).
    static let bytes: [UInt8] =
        Array(",;\t\"\r\n 0123456789.-eE/:NA".utf8) + [0, 0xC3, 0xA9, 0xE9, 0xA0, 0x81, 0xFF, 0xEF]

    /// Creates a mutator.
    /// - Parameter seed: the seed of every choice.
    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// A number in `0..<count`.
    mutating func below(_ count: Int) -> Int {
        Int(random.next() % UInt64(max(1, count)))
    }

    /// One mutant of `bytes`: one to four changes.
    /// - Returns: the mutant and a short description of the changes, for failure messages.
    mutating func mutant(of bytes: [UInt8]) -> (bytes: [UInt8], changes: String) {
        var result = bytes
        var changes: [String] = []
        for _ in 0..<(1 + below(4)) {
            guard !result.isEmpty else { break }
            let at = below(result.count)
            switch below(100) {
            case ..<40:
                let byte = below(4) == 0 ? UInt8(below(256)) : Self.bytes[below(Self.bytes.count)]
                result[at] = byte
                changes.append("byte \(at) = \(byte)")
            case ..<60:
                let byte = Self.bytes[below(Self.bytes.count)]
                result.insert(byte, at: at)
                changes.append("insert \(byte) at \(at)")
            case ..<75:
                let end = min(result.count, at + 1 + below(16))
                result.removeSubrange(at..<end)
                changes.append("delete \(at)..<\(end)")
            case ..<90:
                // A run up to the next line end, repeated: a row appears twice or a field grows.
                var end = at + 1
                while end < result.count && result[end - 1] != 10 && end - at < 200 { end += 1 }
                result.insert(contentsOf: result[at..<end], at: end)
                changes.append("repeat \(at)..<\(end)")
            default:
                result.removeSubrange(at...)
                changes.append("cut at \(at)")
            }
        }
        return (result, changes.joined(separator: "; "))
    }
}
