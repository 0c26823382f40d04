import Foundation
import Hummingbird
import LanterneData
import LanterneModels
import LanterneRegister
import LanterneStore

/// A person's notice, reached only by its token: the page (`/notices/{token}`, with « Et si ? » and « Contester »)
/// and its JSON twin under `/api/v1/notices/{token}`.
struct NoticesController: Sendable {
    let desk: NoticeDesk
    let secureCookies: Bool

    /// The cookie that carries the contest form's token (no session exists for the public).
    static let formCookie = "lanterne_notice_form"

    func addRoutes(pages router: Router<LanterneContext>, api: RouterGroup<LanterneContext>) {
        router.get("/notices/:token", use: page)
        router.get("/notices/:token/et-si", use: simulatePage)
        router.post("/notices/:token/contester", use: contestPage)
        api.get("notices/:token", use: json)
        api.post("notices/:token/simulate", use: simulateJSON)
        api.post("notices/:token/contest", use: contestJSON)
    }

    private func respond(
        _ opened: NoticeDesk.Opened, _ context: LanterneContext, status: HTTPResponse.Status = .ok,
        _ fill: (NoticePage, String) -> [String: Any]
    ) async throws -> Response {
        let csrf = OpaqueID.make(bytes: 32)
        let page = NoticePage(opened: opened, desk: desk, language: context.language)
        var values = fill(page, csrf)
        values["logHead"] = try await desk.store.log.head().hash
        var response = PageShell.response(
            PageShell.render("notice", values, session: nil, language: context.language), status: status)
        response.setCookie(
            Cookie(
                name: Self.formCookie, value: csrf, maxAge: 3600, path: "/notices/\(opened.token)",
                secure: secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func page(_ request: Request, context: LanterneContext) async throws -> Response {
        let opened = try await desk.open(try context.parameters.require("token"))
        return try await respond(opened, context) { page, csrf in page.values(csrf: csrf) }
    }

    @Sendable func simulatePage(_ request: Request, context: LanterneContext) async throws -> Response {
        let opened = try await desk.open(try context.parameters.require("token"))
        var changes: [String: String] = [:]
        for (key, value) in QueryForm.fields(request) where opened.features.contains(where: { $0.name == key }) {
            changes[key] = value
        }
        // Only what differs from the case is a change: unchanged fields of the form are sent back as they are.
        var problems: [String: String] = [:]
        var result: (score: Double, threshold: Double, above: Bool)? = nil
        do {
            result = try desk.simulate(
                opened.facts, changes: changes.mapValues { CaseValue.text($0) }, language: context.language)
        } catch {
            problems[error.field] = error.message(context.language)
        }
        return try await respond(opened, context, status: problems.isEmpty ? .ok : .unprocessableContent) {
            page, csrf in
            page.values(simulation: result, changes: changes, simulationProblems: problems, csrf: csrf)
        }
    }

    @Sendable func contestPage(_ request: Request, context: LanterneContext) async throws -> Response {
        let opened = try await desk.open(try context.parameters.require("token"))
        let form = try await FormBody.decode(ContestForm.self, from: request, context: context)
        guard let expected = request.cookies[Self.formCookie]?.value, let given = form.csrf,
            FormBody.sameToken(expected, given)
        else { throw APIError.badCSRF }
        let checked = form.checked()
        guard checked.problems.isEmpty else {
            return try await respond(opened, context, status: .unprocessableContent) { page, csrf in
                page.values(contestProblems: checked.problems, contestForm: form, csrf: csrf)
            }
        }
        let filed = try await desk.store.contests.file(
            token: opened.token, message: checked.message, contact: checked.contact)
        return try await respond(opened, context, status: .created) { page, csrf in
            page.values(filed: filed, csrf: csrf)
        }
    }

    @Sendable func json(_ request: Request, context: LanterneContext) async throws -> Response {
        let opened = try await desk.open(try context.parameters.require("token"))
        return JSONBody.text(NoticeJSON.text(opened, notice: desk.notice(opened, language: context.language)))
    }

    @Sendable func simulateJSON(_ request: Request, context: LanterneContext) async throws -> Response {
        let opened = try await desk.open(try context.parameters.require("token"))
        let body = try await JSONBody.read(from: request, context: context)
        guard case .object(let fields) = body else { throw APIError.malformed("le corps doit être un objet JSON") }
        let changes = try ScoreRequest.values(fields["changes"], field: "changes")
        do {
            let result = try desk.simulate(opened.facts, changes: changes, language: context.language)
            return JSONBody.text(
                "{\"above\":\(result.above),\"score\":\(JSONText.number(result.score)),"
                    + "\"threshold\":\(JSONText.number(result.threshold))}")
        } catch {
            throw APIError(
                .unprocessableContent, code: error.code, french: error.message(.fr), english: error.message(.en))
        }
    }

    @Sendable func contestJSON(_ request: Request, context: LanterneContext) async throws -> Response {
        let opened = try await desk.open(try context.parameters.require("token"))
        let body = try await JSONBody.read(from: request, context: context)
        guard case .object(let fields) = body else { throw APIError.malformed("le corps doit être un objet JSON") }
        func text(_ key: String) throws -> String? { try body.formText(key) }
        let form = ContestForm(message: try text("message"), contact: try text("contact"), consent: try text("consent"))
        let checked = form.checked()
        if let problem = checked.problems.first { throw problem.apiError }
        let filed = try await desk.store.contests.file(
            token: opened.token, message: checked.message, contact: checked.contact)
        return JSONBody.text(
            "{\"due\":\(JSONText.quoted(filed.dueAt)),\"id\":\(JSONText.quoted(filed.id))}", status: .created)
    }
}
