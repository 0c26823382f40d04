import LanterneData

/// Seeded mutations of a model file's bytes: numbers replaced by numbers that break indices, sizes and arithmetic,
/// numbers swapped, bytes changed, spans deleted or repeated, the end cut off. The same seed gives the same mutants.
struct ModelFileMutator {
    private var random: SeededRandom

    /// Numbers that probe indices (0, -1, one past), sizes, integer conversions and floating point.
    static let numbers = [
        "0", "1", "-1", "2", "-2", "3", "5", "7", "31", "64", "255", "256", "-0", "0.5", "65536", "1000001",
        "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807", "99999999999999999999",
        "1e30", "1e31", "-1e40", "1e308", "-1e308", "1e999", "5e-324", "nan", "inf", "-inf", "\"nan\"", "\"inf\"",
        "\"-inf\"", "null", "true", "[]", "{}", "\"\"",
    ]

    /// Bytes that structure JSON and LightGBM's text.
    static let structural = Array("{}[],:\"-.0123456789eE =\n".utf8)

    /// Creates a mutator.
    /// - Parameter seed: the seed of every choice.
    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    /// A number in `0..<count`.
    mutating func below(_ count: Int) -> Int {
        Int(random.next() % UInt64(max(1, count)))
    }

    /// The spans of the number tokens in `bytes` (a sign, digits, a point, an exponent), not inside a name.
    static func numberSpans(_ bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = 0
        func isNumberByte(_ byte: UInt8) -> Bool {
            (byte >= 48 && byte <= 57) || byte == 45 || byte == 43 || byte == 46 || byte == 101 || byte == 69
        }
        func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
        }
        while index < bytes.count {
            let byte = bytes[index]
            let starts = (byte >= 48 && byte <= 57) || byte == 45
            if starts && (index == 0 || !isNameByte(bytes[index - 1])) {
                var end = index + 1
                while end < bytes.count && isNumberByte(bytes[end]) { end += 1 }
                if bytes[index..<end].contains(where: { $0 >= 48 && $0 <= 57 }) { spans.append(index..<end) }
                index = end
            } else {
                index += 1
            }
        }
        return spans
    }

    /// One mutant of `bytes`, whose number tokens are `spans`: one to three changes.
    /// - Returns: the mutant and a short description of the changes, for failure messages.
    mutating func mutant(of bytes: [UInt8], spans: [Range<Int>]) -> (bytes: [UInt8], changes: String) {
        var numberChanges = 0
        var byteChanges = 0
        for _ in 0..<(1 + below(3)) {
            if below(100) < 60 && !spans.isEmpty { numberChanges += 1 } else { byteChanges += 1 }
        }
        var edits: [(span: Range<Int>, text: [UInt8])] = []
        var changes: [String] = []
        for _ in 0..<numberChanges {
            // A number: replaced by a probing value, by a neighbour, or by another number of the file.
            let span = spans[below(spans.count)]
            let text: [UInt8]
            switch below(3) {
            case 0:
                text = Array(Self.numbers[below(Self.numbers.count)].utf8)
            case 1:
                let value = Int(String(decoding: bytes[span], as: UTF8.self)) ?? 0
                text = Array(String(value + [-2, -1, 1, 2, 3][below(5)]).utf8)
            default:
                text = Array(bytes[spans[below(spans.count)]])
            }
            edits.append((span, text))
            changes.append("\(span.lowerBound): \(String(decoding: text, as: UTF8.self))")
        }
        // Number edits apply to the original positions, last first; then bytes change on top.
        var result = bytes
        var last = Int.max
        for edit in edits.sorted(by: { $0.span.lowerBound > $1.span.lowerBound }) where edit.span.upperBound <= last {
            result.replaceSubrange(edit.span, with: edit.text)
            last = edit.span.lowerBound
        }
        for _ in 0..<byteChanges { changes.append(byteChange(&result, choice: below(100))) }
        return (result, changes.joined(separator: "; "))
    }

    /// Changes bytes in place: one byte, a span deleted or repeated, or the end cut.
    private mutating func byteChange(_ bytes: inout [UInt8], choice: Int) -> String {
        guard !bytes.isEmpty else { return "empty" }
        let at = below(bytes.count)
        switch choice {
        case ..<75:
            let byte = below(2) == 0 ? Self.structural[below(Self.structural.count)] : UInt8(below(256))
            bytes[at] = byte
            return "byte \(at) = \(byte)"
        case ..<85:
            let end = min(bytes.count, at + 1 + below(24))
            bytes.removeSubrange(at..<end)
            return "delete \(at)..<\(end)"
        case ..<95:
            let end = min(bytes.count, at + 1 + below(64))
            bytes.insert(contentsOf: bytes[at..<end], at: end)
            return "repeat \(at)..<\(end)"
        default:
            bytes.removeSubrange(at...)
            return "cut at \(at)"
        }
    }
}
