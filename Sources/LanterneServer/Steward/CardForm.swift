import Foundation
import LanterneData
import LanterneRegister

/// The steward's card as a page form: each field of the card (what it is for, its legal basis, who decides, whom to
/// write to, the threshold, the « premier regard » policy) and the impact notes the registers and the impact
/// assessment ask for. Saving rebuilds the card's JSON over the stored one, so fields the form does not show
/// (`publish_model`…) are kept, and checks it as `lanterne notice` does.
struct CardForm: Sendable {
    /// One field of the form.
    struct Field: Sendable {
        /// The form field's name.
        var name: String
        /// Its label.
        var label: String
        /// A hint under the label.
        var hint: String?
        /// A text area rather than a line.
        var long: Bool
    }

    /// The card's fields, in the page's order (text fields; `decision_type` and `first_look` are drawn apart).
    static let cardFields: [Field] = [
        Field(name: "name", label: "Nom de l'algorithme", hint: nil, long: false),
        Field(name: "administration", label: "Administration qui l'utilise", hint: nil, long: false),
        Field(
            name: "purpose", label: "À quoi il sert",
            hint: "La fin de la phrase « Ce traitement sert à … », en mots simples.", long: true),
        Field(
            name: "legal_basis", label: "Texte qui l'autorise",
            hint: "Loi, décret ou article, tel qu'une personne peut le retrouver.", long: true),
        Field(
            name: "human_oversight", label: "Qui décide, et comment une personne peut demander un réexamen",
            hint: nil, long: true),
        Field(name: "contact_service", label: "Service à contacter", hint: nil, long: false),
        Field(name: "contact_address", label: "Adresse postale du service", hint: nil, long: false),
        Field(name: "contact_email", label: "Adresse électronique du service", hint: nil, long: false),
        Field(name: "contact_url", label: "Page ou formulaire de contact", hint: nil, long: false),
        Field(name: "contact_phone", label: "Téléphone du service", hint: nil, long: false),
        Field(
            name: "threshold", label: "Seuil de proposition (entre 0 et 1, facultatif)",
            hint: "Les dossiers dont la probabilité atteint ce seuil sont proposés ; vide : la capacité de la période "
                + "décide.", long: false),
        Field(
            name: "data_sources", label: "Sources des données (une par ligne)",
            hint: "En plus de celles que le schéma décrit.", long: true),
        Field(
            name: "operations", label: "Étapes du traitement (une phrase par ligne, facultatif)",
            hint: "Vide : les avis décrivent les étapes du modèle lui-même.", long: true),
    ]

    /// The impact notes, in the page's order, each naming the register field or article it fills.
    static let noteFields: [Field] = [
        Field(
            name: "benefits", label: "Pourquoi cet outil, ce qu'il apporte, et pourquoi il est proportionné",
            hint: "Registre britannique (benefit) et néerlandais (proportionality).", long: true),
        Field(
            name: "supplier", label: "Qui a fourni un modèle importé, et son rôle",
            hint: "Seulement pour un modèle qui n'a pas été entraîné ici.", long: true),
        Field(
            name: "data_purpose", label: "Pour quoi les données ont d'abord été collectées", hint: nil, long: true),
        Field(name: "data_sharing", label: "Conventions de partage des données", hint: nil, long: true),
        Field(
            name: "data_access", label: "Qui accède aux données, et combien de temps elles sont gardées", hint: nil,
            long: true),
        Field(
            name: "period_of_use", label: "Quand et à quel rythme il sert",
            hint: "Analyse d'impact, article 27, point b) (par exemple : une campagne par mois).", long: true),
        Field(
            name: "persons_affected", label: "Personnes et groupes concernés",
            hint: "Analyse d'impact, article 27, point c).", long: true),
        Field(
            name: "other_risks", label: "Autres risques pour les droits",
            hint:
                "Analyse d'impact, point d) : vie privée, accès aux droits… (l'audit mesure les écarts entre groupes).",
            long: true),
        Field(
            name: "suspension", label: "Qui suspend son utilisation si un risque se réalise, et comment",
            hint: "Analyse d'impact, article 27, point f).", long: true),
    ]

    /// The longest text a field takes.
    static let maxLength = 5_000

    /// The form's values from a stored card's JSON text.
    static func values(_ card: String) -> [String: String] {
        let object = (try? JSONSerialization.jsonObject(with: Data(card.utf8))) as? [String: Any] ?? [:]
        var values: [String: String] = [:]
        for key in ["name", "administration", "purpose", "legal_basis", "human_oversight", "decision_type"] {
            values[key] = object[key] as? String
        }
        let contact = object["contact"] as? [String: Any] ?? [:]
        for key in ["service", "address", "email", "url", "phone"] {
            values["contact_" + key] = contact[key] as? String
        }
        if let threshold = (object["threshold"] as? NSNumber)?.doubleValue {
            values["threshold"] = ReadableNumber.text(threshold, language: .fr, decimals: 4)
        }
        values["data_sources"] = (object["data_sources"] as? [String])?.joined(separator: "\n")
        values["operations"] = (object["operations"] as? [String])?.joined(separator: "\n")
        if object["first_look"] as? Bool == true { values["first_look"] = "oui" }
        let notes = object["assessment"] as? [String: Any] ?? [:]
        for field in noteFields { values[field.name] = notes[field.name] as? String }
        return values
    }

    /// The card's JSON text with the form's values over `stored`: compact, keys sorted, checked.
    /// - Throws: ``FormProblem`` naming the first field at fault (too long, a bad threshold, or what the card
    ///   check refuses).
    static func card(from form: [String: String], over stored: String) throws -> String {
        var object = (try? JSONSerialization.jsonObject(with: Data(stored.utf8))) as? [String: Any] ?? [:]
        func text(_ name: String) -> String? {
            let value = (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        for field in cardFields + noteFields {
            let count = text(field.name)?.count ?? 0
            if count > maxLength {
                throw FormProblem.tooLong(field.name, field.label, field.name, count: count, limit: maxLength)
            }
        }
        for key in ["name", "administration", "purpose", "legal_basis", "human_oversight", "contact_service"] {
            guard text(key) != nil, let field = cardFields.first(where: { $0.name == key }) else {
                let label = cardFields.first { $0.name == key }?.label ?? key
                throw FormProblem.missing(key, label, key)
            }
            if !key.hasPrefix("contact_") { object[key] = text(field.name) }
        }
        guard let decisionType = text("decision_type"), ["support", "automated"].contains(decisionType) else {
            throw FormProblem(
                field: "decision_type", code: "missing_field",
                french: "Type de décision : choisissez « aide à la décision » ou « décision automatisée »",
                english: "Decision type: choose “decision support” or “automated decision”")
        }
        object["decision_type"] = decisionType
        guard text("contact_address") != nil || text("contact_email") != nil || text("contact_url") != nil else {
            throw FormProblem(
                field: "contact_address", code: "missing_field",
                french: "Contact : donnez au moins une adresse postale, une adresse électronique ou une page",
                english: "Contact: give at least a postal address, an e-mail address or a web page")
        }
        var contact: [String: Any] = [:]
        for key in ["service", "address", "email", "url", "phone"] {
            if let value = text("contact_" + key) { contact[key] = value }
        }
        object["contact"] = contact
        if let threshold = text("threshold") {
            let normalized = threshold.replacingOccurrences(of: ",", with: ".")
            guard let value = Double(normalized), value > 0, value < 1 else {
                throw FormProblem(
                    field: "threshold", code: "invalid_field",
                    french: "Seuil : un nombre strictement entre 0 et 1 est attendu (par exemple 0,3), ou rien",
                    english: "Threshold: a number strictly between 0 and 1 is expected (for example 0.3), or nothing")
            }
            object["threshold"] = value
        } else {
            object.removeValue(forKey: "threshold")
        }
        func lines(_ name: String) -> [String] {
            (text(name) ?? "").split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }
        let sources = lines("data_sources")
        if sources.isEmpty { object.removeValue(forKey: "data_sources") } else { object["data_sources"] = sources }
        let operations = lines("operations")
        if operations.isEmpty { object.removeValue(forKey: "operations") } else { object["operations"] = operations }
        if form["first_look"] == "oui" { object["first_look"] = true } else { object.removeValue(forKey: "first_look") }
        var notes: [String: Any] = [:]
        for field in noteFields { if let value = text(field.name) { notes[field.name] = value } }
        if notes.isEmpty { object.removeValue(forKey: "assessment") } else { object["assessment"] = notes }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        do {
            _ = try AlgorithmCard.decode(data, file: "fiche")
        } catch let error as CardError {
            // The form's own checks come first; a card kept from the API may still hold a field the check refuses.
            throw FormProblem(
                field: "name", code: "card_incomplete", french: error.message(.fr), english: error.message(.en))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension FormProblem: Error {}
