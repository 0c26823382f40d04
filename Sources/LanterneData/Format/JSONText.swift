/// Writes JSON values as text, for files whose key order should stay readable.
public enum JSONText {
    /// `text` as a JSON string literal, with quotes and escapes.
    /// - Parameter text: any string.
    /// - Returns: the literal.
    public static func quoted(_ text: String) -> String {
        // Most texts (feature names, codes) need no escape: copy them whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// A finite number as JSON (`null` for NaN or infinity).
    /// - Parameter value: the number.
    /// - Returns: the literal.
    public static func number(_ value: Double) -> String {
        value.isFinite ? NumberFormatting.shortest(value) : "null"
    }
}
