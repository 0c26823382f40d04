import Foundation
import Hummingbird
import LanterneAudit
import LanterneData
import LanterneStore

/// Each role's workspace as pages (no script): the agent's queue, case page with the decision form, contests and
/// callbacks; the auditor's oversight and log (the steward's pages are ``StewardPagesController``). Forms carry the
/// session's CSRF token; each handler calls the same store and engines as the API.
struct WorkspaceController: Sendable {
    let store: Store
    let desk: NoticeDesk
    let alertLevel: Double

    func addRoutes(to router: Router<LanterneContext>) {
        router.get("/espace/dossiers", use: queue)
        router.get("/espace/dossiers/:id", use: casePage)
        router.post("/espace/dossiers/:id/premier-regard", use: firstLook)
        router.post("/espace/dossiers/:id/decision", use: decide)
        router.get("/espace/contestations", use: contests)
        router.post("/espace/contestations/:id/reponse", use: answer)
        router.get("/espace/rappels", use: callbacks)
        router.post("/espace/rappels/:id/statut", use: callbackStatus)
        router.get("/espace/supervision", use: oversight)
        router.get("/espace/journal", use: log)
    }

    /// The signed-in session with one of `roles`, or a redirection to the sign-in page.
    private func session(_ context: LanterneContext, _ roles: Role...) throws -> SessionGrant? {
        guard let session = context.session else { return nil }
        guard roles.contains(session.user.role) else { throw APIError.forbidden(roles) }
        return session
    }

    private static let signIn = Response(status: .seeOther, headers: [.location: "/connexion"])

    private func render(
        _ template: String, _ values: [String: Any], _ session: SessionGrant, _ context: LanterneContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await PageShell.workspace(template, values, session: session, store: store, status: status)
    }

    private func checkToken<T: Decodable>(
        _ type: T.Type, _ request: Request, _ context: LanterneContext,
        _ session: SessionGrant, token: (T) -> String?
    ) async throws -> T {
        let form = try await FormBody.decode(type, from: request, context: context)
        guard let given = token(form), FormBody.sameToken(session.csrfToken, given) else { throw APIError.badCSRF }
        return form
    }

    private static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }

    // MARK: Agent

    @Sendable func queue(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent) else { return Self.signIn }
        return try await renderQueue(session, context, notice: nil, status: .ok)
    }

    /// The queue, with the notice just written when a decision was taken (shown once, never put in an address).
    private func renderQueue(
        _ session: SessionGrant, _ context: LanterneContext, notice: String?, status: HTTPResponse.Status
    ) async throws -> Response {
        var rows: [[String: Any]] = []
        var policies: [String: Bool] = [:]
        for record in try await store.cases.queue() {
            if policies[record.algorithmID] == nil {
                policies[record.algorithmID] = CaseView.firstLookPolicy(
                    try await store.algorithms.find(id: record.algorithmID)?.card ?? "")
            }
            let hidden = policies[record.algorithmID] == true && record.firstLook == nil
            rows.append([
                "id": record.id, "reference": record.reference, "position": record.queuePosition,
                "period": record.period,
                "score": hidden ? "après votre premier regard" : ReadableNumber.percent(record.score, language: .fr),
            ])
        }
        var values: [String: Any] = ["cases": rows, "count": rows.count]
        if let notice { values["decidedNotice"] = notice }
        return try await render("workspace-queue", values, session, context, status: status)
    }

    @Sendable func casePage(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent, .auditor) else { return Self.signIn }
        let id = try context.parameters.require("id")
        guard let record = try await store.cases.find(id: id) else { throw APIError.notFound("dossier", id) }
        if session.user.role == .agent { try await store.cases.markOpened(id: id) }
        return try await renderCase(record, session, context, problem: nil, form: nil)
    }

    private func renderCase(
        _ record: CaseRecord, _ session: SessionGrant, _ context: LanterneContext, problem: String?,
        form: DecisionForm?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let facts = try await desk.facts(record)
        let decision = try await store.cases.decision(caseID: record.id)
        let view = CaseView(
            facts: facts, decision: decision, firstLookRequired: CaseView.firstLookPolicy(facts.algorithm.card),
            forAuditor: session.user.role == .auditor, language: .fr)
        var values: [String: Any] = [
            "id": record.id, "reference": record.reference, "algorithmName": facts.algorithm.name,
            "period": record.period, "isAgent": session.user.role == .agent && decision == nil,
            "data": view.data(desk).map { ["label": $0[0], "value": $0[1]] },
            "hidesScore": view.hidesScore,
        ]
        if !view.hidesScore {
            let (lines, closing, chart) = view.explanation(desk)
            values["score"] = ReadableNumber.percent(record.score, language: .fr)
            values["threshold"] = ReadableNumber.percent(facts.threshold, language: .fr)
            values["lines"] = lines
            values["closing"] = closing
            if let chart { values["chart"] = chart }
        }
        if let decision {
            values["decision"] = [
                "outcome": ReasonTemplates.outcome(decision.outcome), "reason": decision.reason,
                "agent": decision.agent, "date": PageWords.date(decision.decidedAt),
            ]
        }
        if session.user.role == .auditor { values["randomDraw"] = record.randomDraw ? "oui" : "non" }
        values["outcomes"] = DecisionOutcome.allCases.map { outcome -> [String: Any] in
            [
                "value": outcome.rawValue, "label": ReasonTemplates.outcome(outcome),
                "checked": form?.outcome == outcome.rawValue,
            ]
        }
        values["categories"] = ReasonTemplates.all.map { item -> [String: Any] in
            [
                "value": item.category, "label": item.label, "template": item.template,
                "selected": form?.reasonCategory == item.category,
            ]
        }
        values["reason"] = form?.reason ?? ""
        if let problem { values["problem"] = problem }
        return try await render("workspace-case", values, session, context, status: status)
    }

    struct FirstLookForm: Decodable {
        let judgement: String?
        let csrf: String?
    }

    @Sendable func firstLook(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent) else { return Self.signIn }
        let id = try context.parameters.require("id")
        let form = try await checkToken(FirstLookForm.self, request, context, session) { $0.csrf }
        guard let judgement = form.judgement.flatMap(DecisionOutcome.init(rawValue:)), judgement != .other else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                french: "choisissez « contrôler » ou « ne pas contrôler »",
                english: "choose “control” or “no control”")
        }
        try await store.cases.recordFirstLook(id: id, judgement: judgement, agent: session.user.username)
        return Self.redirect("/espace/dossiers/\(id)")
    }

    @Sendable func decide(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent) else { return Self.signIn }
        let id = try context.parameters.require("id")
        guard let record = try await store.cases.find(id: id) else { throw APIError.notFound("dossier", id) }
        let form = try await checkToken(DecisionForm.self, request, context, session) { $0.csrf }
        let input: DecisionInput
        do {
            input = try form.checked()
        } catch let error as APIError {
            return try await renderCase(
                record, session, context, problem: error.message(.fr), form: form, status: .unprocessableContent)
        }
        if record.status == "open",
            CaseView.firstLookPolicy(try await store.algorithms.find(id: record.algorithmID)?.card ?? ""),
            record.firstLook == nil
        {
            return try await renderCase(
                record, session, context, problem: "Notez d'abord votre premier regard sur le dossier.", form: form,
                status: .conflict)
        }
        let (_, token) = try await store.cases.decide(id: id, input: input, agent: session.user.username)
        return try await renderQueue(session, context, notice: "/notices/" + token, status: .created)
    }

    @Sendable func contests(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent) else { return Self.signIn }
        let now = Timestamp.now()
        let rows = try await store.contests.queue(for: session.user.username).map { contest -> [String: Any] in
            [
                "id": contest.id, "message": contest.message, "filed": PageWords.date(contest.createdAt),
                "due": PageWords.date(contest.dueAt), "overdue": contest.dueAt < now, "case": contest.caseID,
            ]
        }
        return try await render("workspace-contests", ["contests": rows, "count": rows.count], session, context)
    }

    @Sendable func answer(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent) else { return Self.signIn }
        let id = try context.parameters.require("id")
        let form = try await checkToken(ContestAnswerForm.self, request, context, session) { $0.csrf }
        let (outcome, text) = try form.checked()
        _ = try await store.contests.answer(id: id, outcome: outcome, answer: text, agent: session.user.username)
        return Self.redirect("/espace/contestations")
    }

    @Sendable func callbacks(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent) else { return Self.signIn }
        try await store.callbacks.purge()
        let words: [CallbackStatus: String] = [
            .toCall: "à appeler", .called: "appelé", .noAnswer: "pas de réponse", .done: "traité",
        ]
        let rows = try await store.callbacks.queue().map { callback -> [String: Any] in
            [
                "id": callback.id, "name": callback.name, "contact": callback.contact, "subject": callback.subject,
                "time": CallbackForm.times.first { $0.code == callback.preferredTime }?.french
                    ?? callback.preferredTime,
                "status": words[callback.status] ?? callback.status.rawValue,
                "created": PageWords.date(callback.createdAt), "deleted": PageWords.date(callback.deleteAfter),
                "options": [CallbackStatus.called, .noAnswer, .done].map { status -> [String: Any] in
                    ["value": status.rawValue, "label": words[status] ?? "", "selected": status == callback.status]
                },
            ]
        }
        return try await render("workspace-callbacks", ["callbacks": rows, "count": rows.count], session, context)
    }

    struct StatusForm: Decodable {
        let status: String?
        let csrf: String?
    }

    @Sendable func callbackStatus(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .agent) else { return Self.signIn }
        let id = try context.parameters.require("id")
        let form = try await checkToken(StatusForm.self, request, context, session) { $0.csrf }
        guard let status = form.status.flatMap(CallbackStatus.init(rawValue:)), status != .toCall else {
            throw APIError(
                .unprocessableContent, code: "invalid_field", french: "statut inconnu", english: "unknown status")
        }
        _ = try await store.callbacks.setStatus(id: id, status: status, agent: session.user.username)
        return Self.redirect("/espace/rappels")
    }

    // MARK: Auditor

    @Sendable func oversight(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .auditor) else { return Self.signIn }
        let lines = Oversight(alertLevel: alertLevel).lines(try await OversightController.decisions(store, words: true))
        let now = Timestamp.now()
        let overdue = try await store.contests.all().filter { $0.status == "open" && $0.dueAt < now }
        let rows = lines.map { line -> [String: Any] in
            [
                "agent": line.agent, "month": line.month, "decisions": line.decisions,
                "agreement": ReadableNumber.percent(line.agreementRate, language: .fr),
                "drawn": line.drawnAgreementRate.map { ReadableNumber.percent($0, language: .fr) }
                    .map { "\($0) (\(line.drawnDecisions))" } ?? "—",
                "median": line.medianSeconds.map { ReadableNumber.text($0, language: .fr, decimals: 0) + " s" }
                    ?? "—",
                "templates": line.unchangedTemplates, "alert": line.alert,
                "groups": line.groups.filter { $0.overrides > 0 }.map {
                    "\($0.attribute) = \($0.group) : \($0.overrides) sur \($0.decisions)"
                }.joined(separator: " ; "),
            ]
        }
        return try await render(
            "workspace-oversight",
            [
                "lines": rows, "hasAlerts": lines.contains(where: \.alert),
                "alertLevel": ReadableNumber.percent(alertLevel, language: .fr, decimals: 0),
                "overdue": overdue.map {
                    ["id": $0.id, "due": PageWords.date($0.dueAt), "agent": $0.decidingAgent]
                }, "hasOverdue": !overdue.isEmpty,
            ], session, context)
    }

    @Sendable func log(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try session(context, .auditor) else { return Self.signIn }
        let fields = QueryForm.fields(request)
        let actor = fields["acteur"].flatMap { $0.isEmpty ? nil : $0 }
        let kind = fields["action"].flatMap { $0.isEmpty ? nil : $0 }
        let after = fields["depuis"].flatMap(Int.init) ?? 0
        let entries = try await store.log.entries(after: after, actor: actor, action: kind, limit: 200)
        let verification = try await store.log.verify()
        return try await render(
            "workspace-log",
            [
                "entries": entries.map {
                    [
                        "sequence": $0.sequence, "at": $0.at, "actor": $0.actor, "action": $0.action,
                        "object": $0.object, "details": $0.details, "hash": String($0.hash.prefix(16)),
                    ]
                }, "actor": actor ?? "", "kind": kind ?? "", "after": after == 0 ? "" : String(after),
                "valid": verification.valid,
                "count": verification.entries, "broken": verification.firstBroken.map(String.init) ?? "",
                "next": entries.last.map { $0.sequence } ?? after, "hasMore": entries.count == 200,
            ], session, context)
    }
}
