import Foundation
import LanterneData

extension AlgorithmCard {
    /// Loads a card from a JSON file.
    /// - Parameter path: the file's path.
    /// - Returns: the card.
    /// - Throws: ``CardError`` naming the missing or invalid field.
    public static func load(path: String) throws -> AlgorithmCard {
        guard let data = FileManager.default.contents(atPath: path) else { throw CardError(.malformed, file: path) }
        return try decode(data, file: path)
    }

    /// Decodes a card from JSON bytes (keys in snake case, as in docs/notice.md).
    /// - Parameters:
    ///   - data: the JSON text.
    ///   - file: the name used in messages.
    /// - Returns: the card.
    /// - Throws: ``CardError``.
    public static func decode(_ data: Data, file: String) throws -> AlgorithmCard {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw CardError(.malformed, file: file)
        }
        func text(_ object: [String: Any], _ key: String, prefix: String = "") throws -> String {
            guard let value = object[key] as? String, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CardError(.missing(field: prefix + key), file: file)
            }
            return value
        }
        func optionalText(_ object: [String: Any], _ key: String) -> String? {
            (object[key] as? String).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let name = try text(root, "name")
        let administration = try text(root, "administration")
        let purpose = try text(root, "purpose")
        let legalBasis = try text(root, "legal_basis")
        let typeText = try text(root, "decision_type")
        guard let decisionType = DecisionType(rawValue: typeText) else {
            throw CardError(
                .invalid(field: "decision_type", value: typeText, expected: "support ou automated"), file: file)
        }
        let humanOversight = try text(root, "human_oversight")
        guard let contactObject = root["contact"] as? [String: Any] else {
            throw CardError(.missing(field: "contact"), file: file)
        }
        let contact = Contact(
            service: try text(contactObject, "service", prefix: "contact."),
            address: optionalText(contactObject, "address"), email: optionalText(contactObject, "email"),
            url: optionalText(contactObject, "url"), phone: optionalText(contactObject, "phone"))
        guard contact.address != nil || contact.email != nil || contact.url != nil else {
            throw CardError(.missing(field: "contact.address, contact.email ou contact.url"), file: file)
        }
        var threshold: Double? = nil
        if let value = root["threshold"] {
            guard let number = (value as? NSNumber)?.doubleValue, number > 0, number < 1 else {
                throw CardError(
                    .invalid(field: "threshold", value: "\(value)", expected: "une probabilité entre 0 et 1"),
                    file: file)
            }
            threshold = number
        }
        var operations: [String]? = nil
        if let value = root["operations"] {
            guard let list = value as? [String], !list.isEmpty else {
                throw CardError(
                    .invalid(field: "operations", value: "\(value)", expected: "une liste de phrases"), file: file)
            }
            operations = list
        }
        var card = AlgorithmCard(
            name: name, administration: administration, purpose: purpose, legalBasis: legalBasis,
            decisionType: decisionType, humanOversight: humanOversight, contact: contact, threshold: threshold,
            operations: operations, dataSources: root["data_sources"] as? [String] ?? [])
        if let value = root["assessment"] {
            guard let notes = value as? [String: Any] else {
                throw CardError(
                    .invalid(field: "assessment", value: "\(value)", expected: "un objet de textes"), file: file)
            }
            for (key, path) in ImpactNotes.fields {
                guard let note = notes[key] else { continue }
                guard let text = note as? String else {
                    throw CardError(
                        .invalid(field: "assessment.\(key)", value: "\(note)", expected: "un texte"), file: file)
                }
                card.assessment[keyPath: path] = optionalText(["text": text], "text")
            }
        }
        return card
    }

    /// The card as indented JSON, keys in the order of docs/notice.md.
    /// - Returns: the JSON text, ending with a newline.
    public func jsonText() -> String {
        var fields = [
            "\"name\": " + JSONText.quoted(name),
            "\"administration\": " + JSONText.quoted(administration),
            "\"purpose\": " + JSONText.quoted(purpose),
            "\"legal_basis\": " + JSONText.quoted(legalBasis),
            "\"decision_type\": " + JSONText.quoted(decisionType.rawValue),
            "\"human_oversight\": " + JSONText.quoted(humanOversight),
        ]
        var contactFields = ["\"service\": " + JSONText.quoted(contact.service)]
        for (key, value) in [
            ("address", contact.address), ("email", contact.email), ("url", contact.url), ("phone", contact.phone),
        ] {
            if let value { contactFields.append("\"\(key)\": " + JSONText.quoted(value)) }
        }
        fields.append("\"contact\": {" + contactFields.joined(separator: ", ") + "}")
        if let threshold { fields.append("\"threshold\": " + JSONText.number(threshold)) }
        if let operations {
            fields.append("\"operations\": [" + operations.map(JSONText.quoted).joined(separator: ", ") + "]")
        }
        if !dataSources.isEmpty {
            fields.append("\"data_sources\": [" + dataSources.map(JSONText.quoted).joined(separator: ", ") + "]")
        }
        if !assessment.isEmpty {
            let notes = ImpactNotes.fields.compactMap { key, path in
                assessment[keyPath: path].map { "\"\(key)\": " + JSONText.quoted($0) }
            }
            fields.append("\"assessment\": {" + notes.joined(separator: ", ") + "}")
        }
        fields.append("\"cada\": " + JSONText.quoted(Self.cadaAddress + " — " + Self.cadaWebsite))
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }
}
