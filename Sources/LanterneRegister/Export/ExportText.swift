import Foundation
import LanterneData

/// Small text tools shared by the register exports: placeholders, length limits, CSV and Markdown quoting.
enum ExportText {
    /// The start of every placeholder, in French and English, so that a reader (or a test) finds what is missing.
    static let placeholderStarts = ["[non renseigné", "[not provided"]

    /// A clearly marked placeholder for a part the card does not hold and the steward must write.
    /// - Parameters:
    ///   - french: what is missing, in French.
    ///   - english: what is missing, in English.
    ///   - language: the export's language.
    static func placeholder(_ french: String, _ english: String, _ language: Language) -> String {
        language == .fr
            ? "[non renseigné — à compléter par le responsable : \(french)]"
            : "[not provided — for the steward to complete: \(english)]"
    }

    /// `text` cut to at most `limit` characters, at a word boundary, ending with « … » when cut.
    static func clip(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2 {
            cut = String(cut[..<space])
        }
        return cut.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) + "…"
    }

    /// One CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180).
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One Markdown table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// A sentence starting with a capital and ending with a full stop.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, let last = trimmed.last else { return trimmed }
        let capitalised = first.uppercased() + trimmed.dropFirst()
        return ".!?…".contains(last) ? capitalised : capitalised + "."
    }
}
