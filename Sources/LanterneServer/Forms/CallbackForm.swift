import LanterneAssistant

/// The callback form of the assistant's page and of `POST /api/v1/callbacks`.
struct CallbackForm: Decodable, Sendable {
    var name: String?
    var contact: String?
    var preferredTime: String?
    var subject: String?
    var consent: String?
    var csrf: String?

    enum CodingKeys: String, CodingKey {
        case name, contact, subject, consent, csrf
        case preferredTime = "preferred_time"
    }

    /// When a person may ask to be called, with the words the form shows.
    static let times: [(code: String, french: String, english: String)] = [
        ("indifferent", "Peu importe", "Any time"),
        ("matin", "Le matin (8 h 30 – 12 h)", "Morning (8:30 – 12:00)"),
        ("midi", "Entre 12 h et 14 h", "Between 12:00 and 14:00"),
        ("apres_midi", "L'après-midi (14 h – 19 h)", "Afternoon (14:00 – 19:00)"),
    ]

    /// The checked request with its subject redacted, or the problems to show.
    func checked() -> (
        name: String, contact: String, preferredTime: String, subject: String, redacted: Bool, problems: [FormProblem]
    ) {
        var problems: [FormProblem] = []
        let name = FormText.check(
            name, field: "name", french: "Votre nom", english: "Your name", limit: 100, required: true,
            into: &problems)
        let contact = FormText.check(
            contact, field: "contact", french: "Téléphone ou adresse électronique",
            english: "Phone or e-mail address", limit: 200, required: true, into: &problems)
        if !contact.isEmpty && !Self.reachable(contact) {
            problems.append(
                FormProblem(
                    field: "contact", code: "invalid_contact",
                    french: "Téléphone ou adresse électronique : écrivez un numéro de téléphone ou une adresse avec @",
                    english: "Phone or e-mail address: write a phone number or an address with @"))
        }
        let time = (preferredTime ?? "indifferent").isEmpty ? "indifferent" : (preferredTime ?? "indifferent")
        if !Self.times.contains(where: { $0.code == time }) {
            problems.append(
                FormProblem(
                    field: "preferred_time", code: "invalid_field",
                    french: "Moment préféré : choisissez une des possibilités proposées",
                    english: "Preferred time: choose one of the options offered"))
        }
        let subject = FormText.check(
            subject, field: "subject", french: "Le sujet de votre question", english: "The subject of your question",
            limit: 1_000, required: true, into: &problems)
        if !FormText.consented(consent) { problems.append(.consent()) }
        // Tax numbers, bank details and the like never reach the queue: an agent asks for them on the phone.
        let redaction = Redactor.redact(subject)
        return (name, contact, time, redaction.text, !redaction.found.isEmpty, problems)
    }

    /// A phone number (at least 8 digits) or an e-mail address.
    static func reachable(_ contact: String) -> Bool {
        if contact.contains("@") {
            let parts = contact.split(separator: "@")
            return parts.count == 2 && parts[1].contains(".") && !contact.contains(" ")
        }
        let digits = contact.filter(\.isNumber).count
        let allowed = contact.allSatisfy { $0.isNumber || " .-+()".contains($0) }
        return allowed && digits >= 8 && digits <= 15
    }
}
