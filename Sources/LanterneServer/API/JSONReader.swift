/// A strict JSON reader (RFC 8259) for request bodies, several times faster than `JSONDecoder` on the small bodies of
/// the hot routes, whose generic decoding of `[String: T]` cost more than the whole explanation of a case.
///
/// It accepts exactly one value surrounded by white space; strings must be valid UTF-8 without raw control
/// characters, escapes are the standard ones (a `\u` surrogate pair makes one scalar, a lone surrogate is refused);
/// numbers follow the grammar and must fit in a `Double`; nesting stops at 512 levels. A repeated key keeps its first
/// value, as `JSONDecoder` does. Unlike `JSONDecoder`, a comma before a closing brace is refused, as RFC 8259 says.
struct JSONReader {
    /// Why a body is not JSON, with the byte offset where reading stopped.
    struct Failure: Error, Equatable {
        /// Where the problem is (0-based byte offset).
        var offset: Int
        /// What was expected, in French (the API's first language); the route wraps it in ``APIError/malformed(_:)``.
        var detail: String
    }

    /// The most nested arrays and objects.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0

    /// Reads one JSON document.
    /// - Parameter bytes: the body.
    /// - Returns: its value.
    /// - Throws: ``Failure`` for anything that is not exactly one JSON value.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        reader.skipSpace()
        let value = try reader.value()
        reader.skipSpace()
        guard reader.position == bytes.count else { throw reader.failure("du texte après la fin du JSON") }
        return value
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func failure(_ detail: String) -> Failure {
        Failure(offset: position, detail: "\(detail) (octet \(position))")
    }

    private mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func value() throws(Failure) -> JSONValue {
        guard position < bytes.count else { throw failure("une valeur attendue, fin du corps") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("une valeur attendue")
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(Failure) -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw failure("« \(word) » attendu") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw failure("« \(word) » attendu")
        }
        position += count
        return value
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("plus de \(Self.maximumDepth) niveaux imbriqués") }
    }

    private mutating func object() throws(Failure) -> JSONValue {
        try enter()
        position += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure("un nom de champ entre guillemets attendu")
            }
            let key = try string()
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("« : » attendu") }
            position += 1
            skipSpace()
            let member = try value()
            if members[key] == nil { members[key] = member }
            skipSpace()
            guard position < bytes.count else { throw failure("« , » ou « } » attendu, fin du corps") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                depth -= 1
                return .object(members)
            } else {
                throw failure("« , » ou « } » attendu")
            }
        }
    }

    private mutating func array() throws(Failure) -> JSONValue {
        try enter()
        position += 1
        var elements: [JSONValue] = []
        skipSpace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipSpace()
            elements.append(try value())
            skipSpace()
            guard position < bytes.count else { throw failure("« , » ou « ] » attendu, fin du corps") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                depth -= 1
                return .array(elements)
            } else {
                throw failure("« , » ou « ] » attendu")
            }
        }
    }

    /// Reads a string at the opening quote.
    private mutating func string() throws(Failure) -> String {
        position += 1
        let start = position
        // Fast path: no escape before the closing quote.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = try utf8(UnsafeBufferPointer(rebasing: bytes[start..<position]))
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw failure("caractère de contrôle non échappé dans une chaîne") }
            position += 1
        }
        guard position < bytes.count else { throw failure("chaîne non terminée") }
        var scalars = String.UnicodeScalarView()
        var runStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                try appendRun(from: runStart, to: &scalars)
                position += 1
                return String(scalars)
            }
            guard byte >= 0x20 else { throw failure("caractère de contrôle non échappé dans une chaîne") }
            guard byte == UInt8(ascii: "\\") else {
                position += 1
                continue
            }
            try appendRun(from: runStart, to: &scalars)
            position += 1
            guard position < bytes.count else { throw failure("chaîne non terminée") }
            let escaped = bytes[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"): scalars.append(try escapedScalar())
            default: throw failure("échappement inconnu « \\\(Character(Unicode.Scalar(escaped))) »")
            }
            runStart = position
        }
        throw failure("chaîne non terminée")
    }

    /// Appends the bytes from `start` to the current position, checked as UTF-8.
    private func appendRun(from start: Int, to scalars: inout String.UnicodeScalarView) throws(Failure) {
        scalars.append(contentsOf: try utf8(UnsafeBufferPointer(rebasing: bytes[start..<position])).unicodeScalars)
    }

    /// The scalar of `\uXXXX` (the `\u` read), joining a surrogate pair.
    private mutating func escapedScalar() throws(Failure) -> Unicode.Scalar {
        let high = try hexQuad()
        if (0xD800..<0xDC00).contains(high) {
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw failure("demi-paire de substitution \\u sans sa seconde moitié") }
            position += 2
            let low = try hexQuad()
            guard (0xDC00..<0xE000).contains(low) else {
                throw failure("demi-paire de substitution \\u sans sa seconde moitié")
            }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw failure("demi-paire de substitution \\u isolée") }
        return scalar
    }

    private mutating func hexQuad() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("quatre chiffres hexadécimaux attendus après \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("quatre chiffres hexadécimaux attendus après \\u")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func utf8(_ slice: UnsafeBufferPointer<UInt8>) throws(Failure) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw failure("texte qui n'est pas de l'UTF-8")
        }
        return text
    }

    /// Reads a number by the grammar `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(Failure) -> Double {
        let start = position
        func digits(_ reader: inout JSONReader) -> Int {
            let from = reader.position
            while reader.position < reader.bytes.count,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.position])
            {
                reader.position += 1
            }
            return reader.position - from
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
            throw failure("un chiffre attendu")
        }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            _ = digits(&self)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw failure("un chiffre attendu après la virgule décimale") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits(&self) > 0 else { throw failure("un chiffre attendu dans l'exposant") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw Failure(offset: start, detail: "nombre hors des limites d'un double : \(text) (octet \(start))")
        }
        return value
    }
}
