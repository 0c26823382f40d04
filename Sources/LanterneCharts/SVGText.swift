/// Text made safe inside SVG (XML) elements and attributes.
enum SVGText {
    static func escaped(_ text: String) -> String {
        var result = ""
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

    /// A coordinate with at most two decimals, without exponent: `12.5`, `-3`, `0.25`.
    static func coordinate(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let whole = magnitude / 100
        let fraction = magnitude % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// The opening `<svg>` tag with an accessible name and description, and the matching `<title>` and `<desc>`.
    static func header(width: Double, height: Double, id: String, title: String, description: String) -> String {
        let w = coordinate(width)
        let h = coordinate(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" "
            + "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"system-ui, sans-serif\" "
            + "font-size=\"12\">\n<title id=\"\(id)-title\">\(escaped(title))</title>\n"
            + "<desc id=\"\(id)-desc\">\(escaped(description))</desc>\n"
    }
}
