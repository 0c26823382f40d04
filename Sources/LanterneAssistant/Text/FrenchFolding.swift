/// Case and accent folding for French: « Prélèvement à la SOURCE » and « prelevement a la source » meet.
enum FrenchFolding {
    /// `text` in lower case without accents, ligatures spelt out (œ → oe, æ → ae), curly apostrophes straight, and
    /// every character that is not a letter, a digit or an apostrophe turned into a space.
    static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": result.append(scalar)
            case "A"..."Z": result.append(Unicode.Scalar(scalar.value + 32)!)
            case "'", "’", "‘", "`", "´", "ʼ": result.append("'")
            default:
                if let replacement = accents[scalar] {
                    result.append(contentsOf: replacement.unicodeScalars)
                } else if scalar.properties.isAlphabetic {
                    // Other letters (other scripts) are kept in lower case: they will match nothing, which is right.
                    result.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                } else {
                    result.append(" ")
                }
            }
        }
        return String(result)
    }

    private static let accents: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        let groups: [(String, String)] = [
            ("àâäáãåÀÂÄÁÃÅ", "a"), ("éèêëÉÈÊË", "e"), ("îïíìÎÏÍÌ", "i"), ("ôöóòõÔÖÓÒÕ", "o"), ("ùûüúÙÛÜÚ", "u"),
            ("ÿýŸÝ", "y"), ("çÇ", "c"), ("ñÑ", "n"), ("œŒ", "oe"), ("æÆ", "ae"),
        ]
        for (letters, replacement) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = replacement }
        }
        return table
    }()
}
