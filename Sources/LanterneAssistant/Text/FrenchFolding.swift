/// Case and accent folding for French: « Prélèvement à la SOURCE » and « prelevement a la source » meet.
enum FrenchFolding {
    /// `text` in lower case without accents, ligatures spelt out (œ → oe, æ → ae), curly apostrophes straight, and
    /// every character that is not a letter, a digit or an apostrophe turned into a space.
    static func fold(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                bytes.append(UInt8(value))
            } else if (0x41...0x5A).contains(value) {
                bytes.append(UInt8(value + 32))
            } else if value == 0x27 || scalar == "’" || scalar == "‘" || scalar == "`" || scalar == "´" || scalar == "ʼ"
            {
                bytes.append(0x27)
            } else if value < 0x80 {
                bytes.append(0x20)
            } else if let replacement = accents[scalar] {
                bytes.append(contentsOf: replacement.utf8)
            } else if scalar.properties.isAlphabetic {
                // Other letters (other scripts) are kept in lower case: they will match nothing, which is right.
                bytes.append(contentsOf: String(scalar).lowercased().utf8)
            } else {
                bytes.append(0x20)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
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
