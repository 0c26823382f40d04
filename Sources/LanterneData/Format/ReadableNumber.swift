import Foundation

/// Numbers written for people: thousands grouped, few decimals, the language's decimal mark.
public enum ReadableNumber {
    /// A number such as « 23 456,5 » (French, with no-break spaces) or "23,456.5" (English).
    /// - Parameters:
    ///   - value: the number.
    ///   - language: the reader's language.
    ///   - decimals: the most decimals shown (trailing zeros are dropped).
    /// - Returns: the text.
    public static func text(_ value: Double, language: Language, decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "—" : (value > 0 ? "∞" : "-∞") }
        let scale = pow(10, Double(decimals))
        let rounded = (abs(value) * scale).rounded() / scale
        var whole = rounded.rounded(.down)
        var fraction = Int(((rounded - whole) * scale).rounded())
        if fraction >= Int(scale) {
            whole += 1
            fraction = 0
        }
        var digits = String(format: "%.0f", whole)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(Substring(digits), at: 0)
        var text = groups.joined(separator: language == .fr ? "\u{00A0}" : ",")
        if fraction > 0 {
            var decimalsText = String(fraction)
            decimalsText = String(repeating: "0", count: decimals - decimalsText.count) + decimalsText
            while decimalsText.hasSuffix("0") { decimalsText.removeLast() }
            text += (language == .fr ? "," : ".") + decimalsText
        }
        return (value < 0 && rounded > 0 ? "-" : "") + text
    }

    /// A probability as a percentage: « 12,3 % » or "12.3%".
    /// - Parameters:
    ///   - probability: a number between 0 and 1.
    ///   - language: the reader's language.
    ///   - decimals: the most decimals of the percentage.
    /// - Returns: the text.
    public static func percent(_ probability: Double, language: Language, decimals: Int = 1) -> String {
        let number = text(probability * 100, language: language, decimals: decimals)
        return language == .fr ? number + "\u{00A0}%" : number + "%"
    }
}
