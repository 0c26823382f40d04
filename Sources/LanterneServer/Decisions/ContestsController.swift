import Foundation
import Hummingbird
import LanterneData
import LanterneStore

/// Contests for agents: the queue never shows an agent the contests of their own decisions, and the store refuses
/// their answer (409).
struct ContestsController: Sendable {
    let store: Store

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.get("contests", use: list)
        group.post("contests/:id/answer", use: answer)
    }

    static func json(_ contest: ContestRecord) -> String {
        let q = JSONText.quoted
        return "{\"answer\":\(contest.answer.map(q) ?? "null"),\"case\":\(q(contest.caseID)),"
            + "\"contact\":\(q(contest.contact)),\"due\":\(q(contest.dueAt)),\"filed_at\":\(q(contest.createdAt)),"
            + "\"id\":\(q(contest.id)),\"message\":\(q(contest.message)),"
            + "\"outcome\":\(contest.outcome.map { q($0.rawValue) } ?? "null"),"
            + "\"overdue\":\(contest.status == "open" && contest.dueAt < Timestamp.now()),"
            + "\"status\":\(q(contest.status))}"
    }

    @Sendable func list(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent)
        let contests = try await store.contests.queue(for: session.user.username)
        return JSONBody.text("[" + contests.map(Self.json).joined(separator: ",") + "]")
    }

    @Sendable func answer(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent)
        let id = try context.parameters.require("id")
        let body = try await JSONBody.read(from: request, context: context)
        let (outcome, text) = try ContestAnswerForm(body: body).checked()
        let answered = try await store.contests.answer(
            id: id, outcome: outcome, answer: text, agent: session.user.username)
        return JSONBody.text(Self.json(answered))
    }
}

/// An answer to a contest, from the API or the agent's page.
struct ContestAnswerForm: Decodable, Sendable {
    var outcome: String?
    var answer: String?
    var csrf: String?

    init(outcome: String?, answer: String?) {
        self.outcome = outcome
        self.answer = answer
    }

    init(body: JSONValue) throws {
        func text(_ key: String) throws -> String? { try body.formText(key) }
        self.init(outcome: try text("outcome"), answer: try text("answer"))
    }

    func checked() throws -> (ContestOutcome, String) {
        guard let outcome = outcome.flatMap(ContestOutcome.init(rawValue:)) else {
            throw APIError(
                .unprocessableContent, code: "invalid_field", french: "outcome : « upheld » ou « changed » attendu",
                english: "outcome: “upheld” or “changed” expected")
        }
        let answer = (answer ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !answer.isEmpty else {
            throw APIError(
                .unprocessableContent, code: "missing_reason",
                french: "answer : la réponse écrite à la personne est obligatoire",
                english: "answer: the written answer to the person is required")
        }
        guard answer.count <= 5_000 else {
            throw APIError(
                .unprocessableContent, code: "too_long", french: "answer : 5 000 caractères au plus",
                english: "answer: 5,000 characters at most")
        }
        return (outcome, answer)
    }
}
