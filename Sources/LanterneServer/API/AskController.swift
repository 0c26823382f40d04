import Foundation
import Hummingbird
import LanterneAssistant

/// `POST /api/v1/ask`: the assistant's reply, the same JSON as `lanterne ask --format json`.
struct AskController: Sendable {
    let assistant: Assistant

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.post("ask", use: ask)
    }

    struct Question: Decodable, Sendable {
        let question: String
    }

    @Sendable func ask(_ request: Request, context: LanterneContext) async throws -> Response {
        let body = try await JSONBody.decode(Question.self, from: request, context: context)
        // The other connections' requests run first (see `score`): searching the base takes the processor a while.
        await Task.yield()
        return JSONBody.raw(Data(assistant.answer(body.question).json().utf8))
    }
}
