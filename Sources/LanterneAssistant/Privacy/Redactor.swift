import Foundation

/// Replaces personal identifiers in a text before anything is logged or stored: social security numbers, tax
/// numbers, IBANs, payment cards, SIREN and SIRET, e-mail addresses and French phone numbers. A number is replaced
/// only when its checksum (or, for phones, its format) holds, so amounts, dates and years stay.
public enum Redactor {
    /// What replaces each kind of identifier.
    public enum Kind: String, Sendable, CaseIterable {
        case nir = "[NIR]"
        case taxNumber = "[NUMÉRO FISCAL]"
        case iban = "[IBAN]"
        case card = "[CARTE BANCAIRE]"
        case siret = "[SIRET]"
        case siren = "[SIREN]"
        case email = "[COURRIEL]"
        case phone = "[TÉLÉPHONE]"
    }

    private static let email = try! NSRegularExpression(
        pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}")
    private static let iban = try! NSRegularExpression(
        pattern: "(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])")
    private static let internationalPhone = try! NSRegularExpression(
        pattern: "\\+33[ .-]?(?:\\(0\\)[ .-]?)?[1-9](?:[ .-]?[0-9]{2}){4}(?![0-9])")

    /// The text with identifiers replaced.
    /// - Parameter text: any text.
    /// - Returns: the redacted text and the kinds replaced, in order of appearance.
    public static func redact(_ text: String) -> (text: String, found: [Kind]) {
        var found: [Kind] = []
        var result = replacing(email, in: text) { _ in .email }
        found += result.found
        result = replacing(iban, in: result.text) { match in
            isIBANText(match) ? .iban : nil
        }
        found += result.found
        result = replacing(internationalPhone, in: result.text) { _ in .phone }
        found += result.found
        let numbers = redactingNumbers(result.text)
        return (numbers.text, found + numbers.found)
    }

    private static func isIBANText(_ match: String) -> Bool {
        IdentifierChecks.isIBAN(match.replacingOccurrences(of: " ", with: ""))
    }

    private static func replacing(
        _ expression: NSRegularExpression, in text: String, kind: (String) -> Kind?
    ) -> (text: String, found: [Kind]) {
        let range = NSRange(text.startIndex..., in: text)
        var result = text
        var found: [Kind] = []
        for match in expression.matches(in: text, range: range).reversed() {
            guard let swiftRange = Range(match.range, in: text) else { continue }
            if let kind = kind(String(text[swiftRange])) {
                result.replaceSubrange(Range(match.range, in: result)!, with: kind.rawValue)
                found.insert(kind, at: 0)
            }
        }
        return (result, found)
    }

    /// Runs of digit groups (separated by one space, dot or dash; Corsica's 2A/2B inside) tried as identifiers,
    /// whole or by consecutive groups.
    private static func redactingNumbers(_ text: String) -> (text: String, found: [Kind]) {
        let characters = Array(text)
        var output = ""
        var found: [Kind] = []
        var index = 0
        while index < characters.count {
            let previous = index > 0 ? characters[index - 1] : " "
            guard characters[index].isASCII, characters[index].isNumber, !(previous.isLetter || previous.isNumber)
            else {
                output.append(characters[index])
                index += 1
                continue
            }
            // Collect groups.
            var groups: [(text: String, start: Int, end: Int)] = []
            var position = index
            while position < characters.count {
                var end = position
                var group = ""
                while end < characters.count
                    && ((characters[end].isASCII && characters[end].isNumber)
                        || ("AB".contains(characters[end]) && group.hasSuffix("2") && group.count <= 6))
                {
                    group.append(characters[end])
                    end += 1
                }
                guard !group.isEmpty else { break }
                groups.append((group, position, end))
                if end + 1 < characters.count, " .-".contains(characters[end]), characters[end + 1].isASCII,
                    characters[end + 1].isNumber
                {
                    position = end + 1
                } else {
                    break
                }
            }
            let runEnd = groups.last!.end
            if runEnd < characters.count && (characters[runEnd].isLetter) && !groups.last!.text.hasSuffix("A")
                && !groups.last!.text.hasSuffix("B")
            {
                // A number glued to letters (« 2026ème », a reference): left as it is.
                output += String(characters[index..<runEnd])
                index = runEnd
                continue
            }
            var first = 0
            while first < groups.count {
                var matched = false
                var last = groups.count
                while last > first {
                    let compact = groups[first..<last].map(\.text).joined()
                    if let kind = kind(of: compact, groups: groups[first..<last].map(\.text.count)) {
                        if first > 0 { output += String(characters[groups[first - 1].end..<groups[first].start]) }
                        output += kind.rawValue
                        found.append(kind)
                        first = last
                        matched = true
                        break
                    }
                    last -= 1
                }
                if !matched {
                    if first > 0 { output += String(characters[groups[first - 1].end..<groups[first].start]) }
                    output += groups[first].text
                    first += 1
                }
            }
            index = runEnd
        }
        return (output, found)
    }

    /// The identifier a run of digit groups is, if any: its checksum holds and it is written the way that identifier
    /// is (a SIREN in one block or in threes, a phone number in one block or in pairs, a card in fours...).
    private static func kind(of compact: String, groups: [Int]) -> Kind? {
        let single = groups.count == 1
        if IdentifierChecks.isNIR(compact) { return .nir }
        if IdentifierChecks.isTaxNumber(compact) { return .taxNumber }
        if IdentifierChecks.isSIRET(compact) && (single || groups == [3, 3, 3, 5] || groups == [9, 5]) {
            return .siret
        }
        if IdentifierChecks.isPhone(compact) && (single || groups == [2, 2, 2, 2, 2]) { return .phone }
        if IdentifierChecks.isCard(compact) && (single || groups.dropLast().allSatisfy { $0 == 4 }) { return .card }
        if IdentifierChecks.isSIREN(compact) && (single || groups == [3, 3, 3]) { return .siren }
        return nil
    }
}
