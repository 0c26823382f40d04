import Foundation
import Hummingbird
import LanterneData
import LanterneStore

/// The agents' queue and cases: `GET /api/v1/queue`, `GET /api/v1/cases/{id}`, the first look, the decision with
/// its written reason (which writes the person's notice and its log entry), and the control's finding.
struct CasesController: Sendable {
    let store: Store
    let desk: NoticeDesk

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.get("queue", use: queue)
        group.get("cases/:id", use: show)
        group.post("cases/:id/first-look", use: firstLook)
        group.post("cases/:id/decision", use: decide)
        group.post("cases/:id/finding", use: finding)
        group.post("decisions", use: decideMany)
    }

    /// `{"decisions": [{"case", "outcome", "reason_category", "reason"}, …]}` (500 at most) → 201 `{"notices"}`:
    /// deciding many cases at once still needs a written reason for each; every one is checked first, then all are
    /// stored in one transaction, or none.
    @Sendable func decideMany(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent)
        let body = try await JSONBody.read(from: request, context: context)
        guard case .array(let items) = body["decisions"] ?? .null, !items.isEmpty else {
            throw APIError.malformed("champ « decisions » absent ou vide")
        }
        guard items.count <= 500 else {
            throw APIError(
                .unprocessableContent, code: "too_long", french: "decisions : 500 décisions au plus par envoi",
                english: "decisions: at most 500 decisions at once")
        }
        var decisions: [(id: String, input: DecisionInput)] = []
        for (index, item) in items.enumerated() {
            guard case .string(let id) = item["case"] ?? .null else {
                throw APIError.malformed("champ « decisions[\(index)].case » absent")
            }
            do {
                decisions.append((id, try DecisionForm(body: item).checked()))
            } catch let error as APIError {
                throw APIError(
                    error.status, code: error.code, french: "decisions[\(index)] : " + error.message(.fr),
                    english: "decisions[\(index)]: " + error.message(.en))
            }
            guard let record = try await store.cases.find(id: id) else { throw APIError.notFound("dossier", id) }
            if record.status == "open",
                CaseView.firstLookPolicy(try await store.algorithms.find(id: record.algorithmID)?.card ?? ""),
                record.firstLook == nil
            {
                throw APIError(
                    .conflict, code: "first_look_required",
                    french: "decisions[\(index)] : notez d'abord votre premier regard sur ce dossier",
                    english: "decisions[\(index)]: record your first look at this case first")
            }
        }
        let made = try await store.cases.decideAll(decisions, agent: session.user.username)
        let notices = made.map { JSONText.quoted("/notices/" + $0.token) }
        return JSONBody.text("{\"notices\":[" + notices.joined(separator: ",") + "]}", status: .created)
    }

    /// The case, or 404.
    func record(_ context: LanterneContext) async throws -> CaseRecord {
        let id = try context.parameters.require("id")
        guard let record = try await store.cases.find(id: id) else { throw APIError.notFound("dossier", id) }
        return record
    }

    @Sendable func queue(_ request: Request, context: LanterneContext) async throws -> Response {
        _ = try context.require(.agent)
        let cases = try await store.cases.queue()
        var firstLook: [String: Bool] = [:]
        var lines: [String] = []
        for record in cases {
            if firstLook[record.algorithmID] == nil {
                let card = try await store.algorithms.find(id: record.algorithmID)?.card ?? ""
                firstLook[record.algorithmID] = CaseView.firstLookPolicy(card)
            }
            let hides = firstLook[record.algorithmID] == true && record.firstLook == nil
            lines.append(
                "{\"algorithm\":\(JSONText.quoted(record.algorithmID)),\"id\":\(JSONText.quoted(record.id)),"
                    + "\"period\":\(JSONText.quoted(record.period)),\"position\":\(record.queuePosition),"
                    + "\"reference\":\(JSONText.quoted(record.reference)),"
                    + "\"score\":\(hides ? "null" : JSONText.number(record.score))}")
        }
        return JSONBody.text("[" + lines.joined(separator: ",") + "]")
    }

    /// The view of a case for this session.
    func view(_ record: CaseRecord, _ session: SessionGrant, language: Language) async throws -> CaseView {
        let facts = try await desk.facts(record)
        return CaseView(
            facts: facts, decision: try await store.cases.decision(caseID: record.id),
            firstLookRequired: CaseView.firstLookPolicy(facts.algorithm.card),
            forAuditor: session.user.role == .auditor, language: language)
    }

    @Sendable func show(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent, .auditor)
        let record = try await record(context)
        if session.user.role == .agent { try await store.cases.markOpened(id: record.id) }
        return JSONBody.text(try await view(record, session, language: context.language).json(desk))
    }

    @Sendable func firstLook(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent)
        let record = try await record(context)
        let body = try await JSONBody.read(from: request, context: context)
        guard case .string(let text) = body["judgement"] ?? .null,
            let judgement = DecisionOutcome(rawValue: text), judgement != .other
        else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                french: "judgement : « control » ou « no_control » attendu",
                english: "judgement: “control” or “no_control” expected")
        }
        try await store.cases.markOpened(id: record.id)
        try await store.cases.recordFirstLook(id: record.id, judgement: judgement, agent: session.user.username)
        let updated = try await self.record(context)
        return JSONBody.text(try await view(updated, session, language: context.language).json(desk))
    }

    @Sendable func decide(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent)
        let record = try await record(context)
        let body = try await JSONBody.read(from: request, context: context)
        let input = try DecisionForm(body: body).checked()
        if record.status == "open",
            CaseView.firstLookPolicy(try await store.algorithms.find(id: record.algorithmID)?.card ?? ""),
            record.firstLook == nil
        {
            throw APIError(
                .conflict, code: "first_look_required",
                french: "notez d'abord votre premier regard sur le dossier, avant de voir le score",
                english: "record your first look at the case first, before seeing the score")
        }
        let (_, token) = try await store.cases.decide(id: record.id, input: input, agent: session.user.username)
        return JSONBody.text(
            "{\"notice\":\(JSONText.quoted("/notices/" + token)),\"template_unchanged\":\(input.templateUnchanged)}",
            status: .created)
    }

    @Sendable func finding(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.agent)
        let record = try await record(context)
        let body = try await JSONBody.read(from: request, context: context)
        guard case .bool(let irregular) = body["irregularity"] ?? .null else {
            throw APIError(
                .unprocessableContent, code: "invalid_field", french: "irregularity : true ou false attendu",
                english: "irregularity: true or false expected")
        }
        try await store.cases.recordFinding(caseID: record.id, irregular: irregular, agent: session.user.username)
        return JSONBody.text("{\"irregularity\":\(irregular)}", status: .created)
    }
}

/// A decision as an agent writes it, from the API's JSON or the case page's form.
struct DecisionForm: Decodable, Sendable {
    var outcome: String?
    var reasonCategory: String?
    var reason: String?
    var csrf: String?

    enum CodingKeys: String, CodingKey {
        case outcome, reason, csrf
        case reasonCategory = "reason_category"
    }

    init(outcome: String?, reasonCategory: String?, reason: String?) {
        self.outcome = outcome
        self.reasonCategory = reasonCategory
        self.reason = reason
    }

    init(body: JSONValue) throws {
        func text(_ key: String) throws -> String? { try body.formText(key) }
        self.init(outcome: try text("outcome"), reasonCategory: try text("reason_category"), reason: try text("reason"))
    }

    /// The decision, or 422 naming what is missing: a decision without a written reason is refused.
    func checked() throws -> DecisionInput {
        guard let outcome = outcome.flatMap(DecisionOutcome.init(rawValue:)) else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                french: "outcome : « control », « no_control » ou « other » attendu",
                english: "outcome: “control”, “no_control” or “other” expected")
        }
        guard let category = reasonCategory, ReasonTemplates.contains(category) else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                french: "reason_category : une des catégories proposées ("
                    + ReasonTemplates.all.map(\.category).joined(separator: ", ") + ")",
                english: "reason_category: one of the categories offered ("
                    + ReasonTemplates.all.map(\.category).joined(separator: ", ") + ")")
        }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else {
            throw APIError(
                .unprocessableContent, code: "missing_reason",
                french: "Une décision sans raison écrite est refusée : écrivez pourquoi vous décidez ainsi.",
                english: "A decision without a written reason is refused: write why you decide so.")
        }
        guard reason.count <= 2_000 else {
            throw APIError(
                .unprocessableContent, code: "too_long", french: "reason : 2 000 caractères au plus",
                english: "reason: 2,000 characters at most")
        }
        return DecisionInput(
            outcome: outcome, reasonCategory: category, reason: reason,
            templateUnchanged: ReasonTemplates.isUnchanged(reason))
    }
}
