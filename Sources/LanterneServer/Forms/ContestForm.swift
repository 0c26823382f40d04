/// The « Contester » form of a notice, from the page or the API: a message, how to reach the person, their consent.
struct ContestForm: Decodable, Sendable {
    var message: String?
    var contact: String?
    var consent: String?
    var csrf: String?

    /// The longest message kept: a letter of a few pages.
    static let messageLimit = 5_000

    /// The checked message and contact, or the problems to show.
    func checked() -> (message: String, contact: String, problems: [FormProblem]) {
        var problems: [FormProblem] = []
        let message = FormText.check(
            message, field: "message", french: "Votre message", english: "Your message", limit: Self.messageLimit,
            required: true, into: &problems)
        let contact = FormText.check(
            contact, field: "contact", french: "Comment vous joindre", english: "How to reach you", limit: 200,
            required: false, into: &problems)
        if !FormText.consented(consent) { problems.append(.consent()) }
        return (message, contact, problems)
    }
}
