/// The checksums that tell a personal identifier from any number: a number is redacted only when its own rule holds.
enum IdentifierChecks {
    /// French social security number (NIR): 13 characters then a key, 97 − (the 13 as a number) mod 97; Corsica's
    /// 2A and 2B count as 19 and 18.
    static func isNIR(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 15, "1278".contains(characters[0]) || "34".contains(characters[0]) else {
            return false
        }
        var body = String(characters[0..<13])
        if body.contains("A") || body.contains("B") {
            guard characters[5] == "2", "AB".contains(characters[6]) else { return false }
            body = String(characters[0..<5]) + (characters[6] == "A" ? "19" : "18") + String(characters[7..<13])
        }
        guard body.allSatisfy(\.isNumber), let key = Int(String(characters[13..<15])) else { return false }
        let month = Int(String(characters[3..<5])) ?? 0
        guard (1...12).contains(month) || (20...42).contains(month) || (50...99).contains(month) else { return false }
        return 97 - mod(body, 97) == key
    }

    /// Tax number (numéro fiscal): 13 digits, the first 0 to 3, the last three the first ten modulo 511.
    static func isTaxNumber(_ text: String) -> Bool {
        guard text.count == 13, text.allSatisfy(\.isNumber), let first = text.first, "0123".contains(first),
            let head = Int(text.prefix(10)), let key = Int(text.suffix(3))
        else { return false }
        return head % 511 == key
    }

    /// Luhn's checksum (payment cards, SIREN, SIRET).
    static func luhn(_ text: String) -> Bool {
        guard !text.isEmpty, text.allSatisfy(\.isNumber) else { return false }
        var total = 0
        for (position, character) in text.reversed().enumerated() {
            var digit = Int(String(character))!
            if position % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            total += digit
        }
        return total % 10 == 0
    }

    /// SIRET: 14 digits, Luhn (La Poste's establishments, SIREN 356000000, sum their digits to a multiple of 5).
    static func isSIRET(_ text: String) -> Bool {
        guard text.count == 14, text.allSatisfy(\.isNumber) else { return false }
        if text.hasPrefix("356000000") { return text.reduce(0) { $0 + Int(String($1))! } % 5 == 0 }
        return luhn(text)
    }

    /// SIREN: 9 digits, Luhn.
    static func isSIREN(_ text: String) -> Bool { text.count == 9 && luhn(text) }

    /// Payment card: 13 to 19 digits, Luhn, a known first digit (2 to 6).
    static func isCard(_ text: String) -> Bool {
        guard (13...19).contains(text.count), let first = text.first, "23456".contains(first) else { return false }
        return luhn(text)
    }

    /// IBAN: country, key, account; the ISO 13616 rule (moved and turned to digits, modulo 97 is 1).
    static func isIBAN(_ text: String) -> Bool {
        let characters = Array(text.uppercased())
        guard (15...34).contains(characters.count), characters[0].isLetter, characters[1].isLetter,
            characters[2].isNumber, characters[3].isNumber,
            characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        let moved = characters[4...] + characters[0..<4]
        var digits = ""
        for character in moved {
            if character.isNumber {
                digits.append(character)
            } else {
                digits += String(Int(character.asciiValue!) - 55)
            }
        }
        return mod(digits, 97) == 1
    }

    /// A French phone number: ten digits starting 0 then 1 to 9 (or +33 / 0033 then nine digits).
    static func isPhone(_ text: String) -> Bool {
        if text.count == 10, text.hasPrefix("0"), text.allSatisfy(\.isNumber) {
            return text.dropFirst().first != "0"
        }
        if text.count == 13, text.hasPrefix("0033") { return text.dropFirst(4).first != "0" }
        return false
    }

    /// A long decimal number modulo `divisor`, digit by digit.
    static func mod(_ digits: String, _ divisor: Int) -> Int {
        var remainder = 0
        for character in digits {
            guard let digit = character.wholeNumberValue else { continue }
            remainder = (remainder * 10 + digit) % divisor
        }
        return remainder
    }
}
