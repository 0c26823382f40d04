import Foundation
import Hummingbird
import LanterneData
import LanterneStore

/// Callback requests: anyone leaves one (`POST /api/v1/callbacks`), agents work through the queue. Requests past
/// their retention period are deleted before the queue is read and whenever one is added.
struct CallbacksController: Sendable {
    let store: Store
    let retention: TimeInterval

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.post("callbacks", use: create)
        group.get("callbacks", use: queue)
        group.post("callbacks/:id/status", use: status)
    }

    /// Stores a checked request (the page's form and the API share this).
    static func store(_ form: CallbackForm, in store: Store, retention: TimeInterval) async throws
        -> Result<CallbackRecord, FormProblemList>
    {
        let checked = form.checked()
        guard checked.problems.isEmpty else { return .failure(FormProblemList(problems: checked.problems)) }
        try await store.callbacks.purge()
        return .success(
            try await store.callbacks.create(
                name: checked.name, contact: checked.contact, preferredTime: checked.preferredTime,
                subject: checked.subject, retention: retention))
    }

    @Sendable func create(_ request: Request, context: LanterneContext) async throws -> Response {
        let body = try await JSONBody.read(from: request, context: context)
        guard case .object(let fields) = body else { throw APIError.malformed("le corps doit être un objet JSON") }
        func text(_ key: String) throws -> String? { try body.formText(key) }
        let form = CallbackForm(
            name: try text("name"), contact: try text("contact"), preferredTime: try text("preferred_time"),
            subject: try text("subject"), consent: try text("consent"))
        switch try await Self.store(form, in: store, retention: retention) {
        case .failure(let list): throw list.problems[0].apiError
        case .success(let record):
            return JSONBody.text(
                "{\"delete_after\":\(JSONText.quoted(record.deleteAfter)),\"id\":\(JSONText.quoted(record.id))}",
                status: .created)
        }
    }

    @Sendable func queue(_ request: Request, context: LanterneContext) async throws -> Response {
        _ = try context.require(.agent)
        try await store.callbacks.purge()
        let records = try await store.callbacks.queue()
        return try JSONBody.response(records.map(CallbackView.init))
    }

    struct StatusBody: Decodable {
        let status: String
    }

    @Sendable func status(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent)
        let id = try context.parameters.require("id")
        let body = try await JSONBody.decode(StatusBody.self, from: request, context: context)
        guard let status = CallbackStatus(rawValue: body.status), status != .toCall else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                french: "status : « \(body.status) » inconnu (called, no_answer ou done)",
                english: "status: unknown “\(body.status)” (called, no_answer or done)")
        }
        let record = try await store.callbacks.setStatus(id: id, status: status, agent: session.user.username)
        return try JSONBody.response(CallbackView(record))
    }
}

/// The problems of a form that was refused.
struct FormProblemList: Error, Sendable {
    let problems: [FormProblem]
}

/// A callback request as the agents' API shows it.
struct CallbackView: Encodable, Sendable {
    let id: String
    let name: String
    let contact: String
    let preferredTime: String
    let subject: String
    let status: String
    let createdAt: String
    let deleteAfter: String

    init(_ record: CallbackRecord) {
        id = record.id
        name = record.name
        contact = record.contact
        preferredTime = record.preferredTime
        subject = record.subject
        status = record.status.rawValue
        createdAt = record.createdAt
        deleteAfter = record.deleteAfter
    }

    enum CodingKeys: String, CodingKey {
        case id, name, contact, subject, status
        case preferredTime = "preferred_time"
        case createdAt = "created_at"
        case deleteAfter = "delete_after"
    }
}
