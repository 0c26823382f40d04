import LanterneData

/// A field of a public form that cannot be accepted: the page shows the message beside the field and in the summary
/// at the top, the API answers 422 with it. Nothing is stored while a form has a problem.
struct FormProblem: Sendable, Equatable {
    /// The field's name.
    let field: String
    /// A stable code.
    let code: String
    let french: String
    let english: String

    func message(_ language: Language) -> String { language == .fr ? french : english }

    /// The API's error for the first problem.
    var apiError: APIError {
        APIError(.unprocessableContent, code: code, french: french, english: english)
    }

    static func missing(_ field: String, _ french: String, _ english: String) -> FormProblem {
        FormProblem(
            field: field, code: "missing_field", french: "\(french) : ce champ est à remplir",
            english: "\(english): this field is required")
    }

    static func tooLong(_ field: String, _ french: String, _ english: String, count: Int, limit: Int)
        -> FormProblem
    {
        FormProblem(
            field: field, code: "too_long",
            french: "\(french) : \(ReadableNumber.text(Double(count), language: .fr, decimals: 0)) caractères, "
                + "\(ReadableNumber.text(Double(limit), language: .fr, decimals: 0)) au plus ; raccourcissez le texte",
            english: "\(english): \(count) characters, at most \(limit); shorten the text")
    }

    static func consent(_ field: String = "consent") -> FormProblem {
        FormProblem(
            field: field, code: "missing_consent",
            french: "Accord : cochez la case pour que nous puissions enregistrer votre demande",
            english: "Consent: tick the box so that we can record your request")
    }
}

/// Reading the text fields of public forms: trimmed, checked for length.
enum FormText {
    /// The trimmed text, or a problem when it is required and empty or longer than `limit` characters.
    static func check(
        _ text: String?, field: String, french: String, english: String, limit: Int, required: Bool,
        into problems: inout [FormProblem]
    ) -> String {
        let value = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty && required {
            problems.append(.missing(field, french, english))
        } else if value.count > limit {
            problems.append(.tooLong(field, french, english, count: value.count, limit: limit))
        }
        return value
    }

    /// Whether a consent field says yes (a ticked box sends `oui`, the API sends `true`).
    static func consented(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["oui", "on", "true", "yes", "1"].contains(value)
    }
}
