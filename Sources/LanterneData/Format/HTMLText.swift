/// Text made safe inside HTML elements and attributes.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    /// - Parameter text: any text.
    /// - Returns: the escaped text.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
