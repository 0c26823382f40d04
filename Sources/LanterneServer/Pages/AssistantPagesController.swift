import Foundation
import Hummingbird
import LanterneAssistant
import LanterneData
import LanterneStore

/// The assistant's page (`/assistant`, a question in the address, so it works without script and can be
/// bookmarked) and the callback form (`/rappel`), with « Parler à une personne » always in view.
struct AssistantPagesController: Sendable {
    let store: Store
    let assistant: Assistant
    let retention: TimeInterval
    let secureCookies: Bool

    /// The cookie that carries the callback form's token (no session exists for the public).
    static let formCookie = "lanterne_callback_form"

    func addRoutes(to router: Router<LanterneContext>) {
        router.get("/assistant", use: ask)
        router.get("/rappel", use: callbackForm)
        router.post("/rappel", use: callback)
    }

    private func render(
        _ template: String, _ values: [String: Any], _ context: LanterneContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var values = values
        values["logHead"] = try await store.log.head().hash
        values["retentionDays"] = Int((retention / 86_400).rounded())
        return PageShell.response(
            PageShell.render(
                template, values, session: context.session.map { ($0.user.username, $0.csrfToken) },
                language: context.language), status: status)
    }

    @Sendable func ask(_ request: Request, context: LanterneContext) async throws -> Response {
        let question = (QueryForm.fields(request)["question"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var values: [String: Any] = ["question": question]
        if !question.isEmpty {
            await Task.yield()
            values["reply"] = AssistantPage.values(assistant.answer(question), language: context.language)
        }
        return try await render("assistant", values, context)
    }

    private func formPage(
        _ context: LanterneContext, form: CallbackForm?, problems: [FormProblem], receipt: CallbackRecord?,
        redacted: Bool, status: HTTPResponse.Status
    ) async throws -> Response {
        let token = OpaqueID.make(bytes: 32)
        var values: [String: Any] = [
            "csrf": token, "name": form?.name ?? "", "contact": form?.contact ?? "", "subject": form?.subject ?? "",
        ]
        let chosen = form?.preferredTime ?? "indifferent"
        values["times"] = CallbackForm.times.map { time -> [String: Any] in
            [
                "value": time.code, "label": context.language == .fr ? time.french : time.english,
                "selected": time.code == chosen,
            ]
        }
        if !problems.isEmpty {
            values["hasErrors"] = true
            values["errors"] = problems.map { ["field": $0.field, "message": $0.message(context.language)] }
            for problem in problems { values["error_" + problem.field] = problem.message(context.language) }
        }
        if let receipt {
            values["receipt"] = [
                "id": receipt.id, "deleteDate": PageWords.date(receipt.deleteAfter, language: context.language),
                "redacted": redacted,
            ]
        }
        var response = try await render("callback", values, context, status: status)
        response.setCookie(
            Cookie(
                name: Self.formCookie, value: token, maxAge: 3600, path: "/rappel", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func callbackForm(_ request: Request, context: LanterneContext) async throws -> Response {
        var form = CallbackForm()
        form.subject = QueryForm.fields(request)["sujet"]
        return try await formPage(context, form: form, problems: [], receipt: nil, redacted: false, status: .ok)
    }

    @Sendable func callback(_ request: Request, context: LanterneContext) async throws -> Response {
        let form = try await FormBody.decode(CallbackForm.self, from: request, context: context)
        guard let expected = request.cookies[Self.formCookie]?.value, let given = form.csrf,
            FormBody.sameToken(expected, given)
        else { throw APIError.badCSRF }
        switch try await CallbacksController.store(form, in: store, retention: retention) {
        case .failure(let list):
            return try await formPage(
                context, form: form, problems: list.problems, receipt: nil, redacted: false,
                status: .unprocessableContent)
        case .success(let record):
            return try await formPage(
                context, form: nil, problems: [], receipt: record, redacted: record.subject != form.subject,
                status: .created)
        }
    }
}

/// The assistant's reply as the page shows it.
enum AssistantPage {
    static func values(_ reply: Reply, language: Language) -> [String: Any] {
        var values: [String: Any] = [
            "answered": reply.status == .answer,
            "paragraphs": reply.text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
            "humanChannels": reply.humanChannels,
        ]
        var seen = Set<String>()
        values["sources"] = reply.sources.filter { seen.insert($0.title).inserted }.map { source -> [String: Any] in
            var values: [String: Any] = ["title": source.title, "url": source.url]
            let checked = PageWords.date(source.updated, language: language)
            if source.checked && !checked.isEmpty {
                values["checked"] = checked
            } else {
                values["toCheck"] = true
            }
            return values
        }
        values["hasSuggestions"] = !reply.suggestions.isEmpty
        values["suggestions"] = reply.suggestions.map { suggestion -> [String: Any] in
            let query = suggestion.title.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return ["title": suggestion.title, "href": "/assistant?question=" + query]
        }
        return values
    }
}
