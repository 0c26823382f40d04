import Foundation
import Hummingbird
import LanterneData
import LanterneModels
import LanterneRegister
import LanterneStore

/// The public pages and the sign-in form: server-rendered French HTML that works without JavaScript.
struct PagesController: Sendable {
    let store: Store
    let signIn: SignIn
    let cache: SessionCache
    /// Whether cookies are marked `Secure` (served over TLS).
    let secureCookies: Bool
    /// The public pages of the last second (``ServerConfiguration/publicPageSeconds``), for people without a
    /// session.
    let pages: PageCache
    /// The contact on the legal pages.
    let contact: SiteContact
    /// How long callback requests are kept, said on the legal notices.
    let callbackRetention: Double

    /// The cookie that carries the sign-in form's token before any session exists.
    static let formCookie = "lanterne_form"

    var entries: RegisterEntries { RegisterEntries(store: store) }

    func addRoutes(to router: Router<LanterneContext>) {
        router.get("/", use: home)
        router.get("/algorithmes", use: register)
        router.get("/algorithmes/:id", use: algorithm)
        router.get("/connexion", use: loginForm)
        router.post("/connexion", use: login)
        router.post("/deconnexion", use: logout)
        router.get("/espace", use: space)
        router.get("/accessibilite") { request, context in try await fixedPage("accessibilite", request, context) }
        router.get("/mentions-legales") { request, context in
            try await fixedPage("mentions-legales", request, context)
        }
        router.get("/signaler", use: report)
        router.get("/algorithmes/:id/comparaison", use: comparison)
        router.get("/static/lanterne.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: PageShell.stylesheet))
        }
    }

    private func common(_ context: LanterneContext) async throws -> [String: Any] {
        [
            "logHead": try await store.log.head().hash, "contactEmail": contact.email,
            "contactAddress": contact.address, "dpoEmail": contact.dataProtectionEmail,
            "callbackRetentionDays": Int((callbackRetention / 86_400).rounded()),
        ]
    }

    /// A page whose text is all in its template (the accessibility statement, the legal notices).
    private func fixedPage(_ template: String, _ request: Request, _ context: LanterneContext) async throws -> Response
    {
        try await publicPage(request, context) {
            PageShell.render(
                template, try await common(context), session: sessionValues(context), language: context.language)
        }
    }

    /// « Signaler une erreur »: how to report an error on a page, the page named in `?page=`.
    @Sendable func report(_ request: Request, context: LanterneContext) async throws -> Response {
        var values = try await common(context)
        let page = String((request.uri.queryParameters.get("page") ?? "").prefix(300))
        if !page.isEmpty { values["page"] = page }
        let subject = (context.language == .fr ? "Erreur sur la page " : "Error on page ") + (page.isEmpty ? "/" : page)
        values["mailtoHref"] =
            "mailto:\(contact.email)?subject="
            + (subject.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        return PageShell.response(
            PageShell.render("signaler", values, session: sessionValues(context), language: context.language))
    }

    private func sessionValues(_ context: LanterneContext) -> (username: String, csrf: String)? {
        context.session.map { ($0.user.username, $0.csrfToken) }
    }

    private func summaries(_ context: LanterneContext) async throws -> [[String: Any]] {
        try await entries.list(session: context.session).map { line in
            [
                "id": line.id, "name": line.name, "kindLabel": PageWords.kind(line.kind),
                "kindLabelEN": PageWords.kind(line.kind, language: .en), "kind": line.kind,
                "status": line.status,
                "statusLabel": PageWords.status(line.status), "version": line.version.map(String.init) ?? "—",
                "publishedDate": PageWords.date(line.publishedAt),
            ]
        }
    }

    @Sendable func home(_ request: Request, context: LanterneContext) async throws -> Response {
        try await publicPage(request, context) {
            var values = try await common(context)
            let algorithms = try await summaries(context)
            values["algorithms"] = algorithms
            values["hasAlgorithms"] = !algorithms.isEmpty
            return PageShell.render("home", values, session: sessionValues(context), language: context.language)
        }
    }

    /// A page from the one-second cache for someone without a session, rendered for this session otherwise.
    private func publicPage(
        _ request: Request, _ context: LanterneContext, render: () async throws -> String
    ) async throws -> Response {
        guard context.session == nil else { return PageShell.response(try await render()) }
        return PageShell.response(
            try await pages.page(context.language.rawValue + " " + request.uri.description, render: render))
    }

    @Sendable func register(_ request: Request, context: LanterneContext) async throws -> Response {
        try await publicPage(request, context) {
            var values = try await common(context)
            let all = try await summaries(context)
            // Filters by kind and status (`?sorte=ciblage&etat=published`), in a plain GET form.
            let query = request.uri.queryParameters
            let kind = (query.get("sorte") ?? query.get("kind")).map { String($0) } ?? ""
            let status = (query.get("etat") ?? query.get("status")).map { String($0) } ?? ""
            let algorithms = all.filter { line in
                (kind.isEmpty || line["kind"] as? String == kind)
                    && (status.isEmpty || line["status"] as? String == status)
            }
            values["algorithms"] = algorithms
            values["hasAlgorithms"] = !algorithms.isEmpty
            values["filtered"] = !kind.isEmpty || !status.isEmpty
            values["count"] = algorithms.count
            values["kinds"] = AlgorithmKind.allCases.map { item -> [String: Any] in
                [
                    "value": item.rawValue, "label": PageWords.kind(item.rawValue, language: context.language),
                    "selected": item.rawValue == kind,
                ]
            }
            values["statuses"] = [AlgorithmStatus.published, .retired].map { item -> [String: Any] in
                ["value": item.rawValue, "label": PageWords.status(item.rawValue), "selected": item.rawValue == status]
            }
            return PageShell.render("register", values, session: sessionValues(context), language: context.language)
        }
    }

    @Sendable func algorithm(_ request: Request, context: LanterneContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let entry = try await entries.entry(id, session: context.session)
        var values = try await common(context)
        values["id"] = entry.id
        values["name"] = entry.name
        values["kindLabel"] = PageWords.kind(entry.kind)
        values["statusLabel"] = PageWords.status(entry.status)
        func text(_ key: String) -> String {
            if case .string(let value) = entry.card[key] { return value }
            return ""
        }
        values["purpose"] = text("purpose")
        values["legalBasis"] = text("legal_basis")
        values["humanOversight"] = text("human_oversight")
        if case .array(let sources) = entry.card["data_sources"] {
            values["dataSources"] = sources.compactMap { value -> String? in
                if case .string(let text) = value { return text }
                return nil
            }
        }
        if let contact = entry.card["contact"] {
            values["contact"] = ["service", "address", "email", "phone", "url"].compactMap { key -> String? in
                if case .string(let text) = contact[key] { return text }
                return nil
            }.joined(separator: " · ")
        }
        // What is derived from the model in service: its data with their schema descriptions and sources, the
        // protected data it never reads, the weight of each datum (the entry still shows when the card lacks a field).
        if let derived = try? await entries.derived(
            try await entries.record(id, session: context.session), language: context.language)
        {
            values["hasModelData"] = !derived.data.isEmpty
            values["modelData"] = derived.data.map { item -> [String: Any] in
                var row: [String: Any] = ["description": item.description, "source": item.source ?? "non précisée"]
                if let unit = item.unit { row["unit"] = unit }
                return row
            }
            if !derived.protected.isEmpty {
                values["protectedData"] = derived.protected.map(\.description).joined(separator: ", ")
            }
            values["hasWeights"] = !derived.weights.isEmpty
            values["weights"] = derived.weights.map { weight -> [String: Any] in
                [
                    "label": weight.label,
                    "share": ReadableNumber.text(weight.share * 100, language: .fr, decimals: 1) + " %",
                ]
            }
        }
        if let version = entry.version {
            values["version"] = [
                "number": version.number, "publishedDate": PageWords.date(version.publishedAt),
                "modelSHA256": version.modelSHA256,
            ]
        }
        if let audit = entry.audit, case .array(let gates) = audit.gates {
            values["hasGates"] = !gates.isEmpty
            values["gates"] = gates.map { gate -> [String: Any] in
                func field(_ key: String) -> String {
                    switch gate[key] {
                    case .string(let text): return text
                    case .number(let number): return ReadableNumber.text(number, language: .fr, decimals: 3)
                    case .bool(let flag): return flag ? "réussi" : "échoué"
                    default: return ""
                    }
                }
                let (minimum, maximum) = (field("min"), field("max"))
                let limit =
                    minimum.isEmpty
                    ? (maximum.isEmpty ? "" : "au plus \(maximum)")
                    : (maximum.isEmpty ? "au moins \(minimum)" : "entre \(minimum) et \(maximum)")
                return ["name": field("name"), "result": field("passed"), "value": field("value"), "limit": limit]
            }
        }
        if let latest = try await store.algorithms.latestAudit(
            of: entry.id, version: entry.version?.modelSHA256),
            let report = try? JSONDecoder().decode(JSONValue.self, from: Data(latest.report.utf8))
        {
            let schema = try? await publishedSchema(entry.id, session: context)
            let facts = AlgorithmPageFacts.audit(
                report,
                words: { attribute, code in
                    let column = schema?.column(named: attribute)
                    return (column?.shortLabel ?? attribute) + " : "
                        + (column?.words(for: code, language: context.language) ?? code)
                }, language: context.language)
            values.merge(facts) { _, new in new }
        }
        if let document = try? await publishedDocument(entry.id, session: context), let logistic = document.logistic {
            values["scorecard"] = AlgorithmPageFacts.scorecard(
                Scorecard(model: logistic), schema: document.schema, language: context.language)
        }
        if let draw = entry.randomDraw {
            values["randomDraw"] = [
                "share": ReadableNumber.percent(draw.share, language: .fr, decimals: 0), "cases": draw.cases,
                "controls": draw.controls, "modelControls": draw.modelControls,
                "hitRate": AlgorithmPageFacts.rate(draw.hitRate, draw.hitRateInterval, language: .fr) ?? "—",
                "modelHitRate": AlgorithmPageFacts.rate(draw.modelHitRate, draw.modelHitRateInterval, language: .fr)
                    ?? "—",
            ]
        }
        values["contests"] = [
            "received": entry.contests.received, "answered": entry.contests.answered,
            "changed": entry.contests.changed,
        ]
        if let justification = entry.overrides.compactMap(\.justification).first {
            values["override"] = [
                "justification": justification, "publishedDate": PageWords.date(entry.overrides[0].publishedAt),
                "logSequence": entry.overrides[0].logSequence,
            ]
        }
        values["versions"] = entry.versions.reversed().map { version -> [String: Any] in
            [
                "number": version.number, "createdDate": PageWords.date(version.createdAt),
                "shortSHA": String(version.modelSHA256.prefix(16)),
                "current": version.modelSHA256 == entry.version?.modelSHA256,
                "previous": version.number > 1 ? version.number - 1 : 0, "hasPrevious": version.number > 1,
            ]
        }
        return PageShell.response(
            PageShell.render("algorithm", values, session: sessionValues(context), language: context.language))
    }

    /// Two versions side by side (`?de=1&a=2`, by default the one before the version in service and that one):
    /// data, weights, the model and the audit's gates.
    @Sendable func comparison(_ request: Request, context: LanterneContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: context.session)
        let versions = try await store.algorithms.versions(of: id)
        let fields = QueryForm.fields(request)
        let to = fields["a"].flatMap(Int.init) ?? versions.last?.number ?? 1
        let from = fields["de"].flatMap(Int.init) ?? (to > 1 ? to - 1 : to)
        guard let before = versions.first(where: { $0.number == from }),
            let after = versions.first(where: { $0.number == to })
        else { throw APIError.notFound("version", "\(from) ou \(to)") }
        let language = context.language
        let comparison = VersionComparison(
            try await entries.derived(record, version: before.sha256, language: language),
            try await entries.derived(record, version: after.sha256, language: language), language: language)
        func percent(_ share: Double?) -> String {
            share.map { ReadableNumber.percent($0, language: language, decimals: 1) } ?? "—"
        }
        func gate(_ side: (value: Double?, passed: Bool)?) -> String {
            guard let side else { return "pas d'audit" }
            let value = side.value.map { ReadableNumber.text($0, language: language, decimals: 3) } ?? "—"
            return value + (side.passed ? " (réussi)" : " (échoué)")
        }
        var values = try await common(context)
        values["id"] = id
        values["name"] = record.name
        values["from"] = from
        values["to"] = to
        values["added"] = comparison.added
        values["removed"] = comparison.removed
        values["sameData"] = comparison.added.isEmpty && comparison.removed.isEmpty
        values["weights"] = comparison.weights.map {
            ["label": $0.label, "before": percent($0.before), "after": percent($0.after)]
        }
        values["gates"] = comparison.gates.map {
            ["name": $0.name, "before": gate($0.before), "after": gate($0.after)]
        }
        values["hasGates"] = !comparison.gates.isEmpty
        values["model"] = comparison.model
        values["versions"] = versions.map {
            ["number": $0.number, "isFrom": $0.number == from, "isTo": $0.number == to]
        }
        return PageShell.response(
            PageShell.render("comparison", values, session: sessionValues(context), language: language))
    }

    /// The schema inside the published model file, for the words of category codes.
    private func publishedSchema(_ id: String, session context: LanterneContext) async throws -> Schema? {
        try await publishedDocument(id, session: context)?.schema
    }

    /// The published model file's content.
    private func publishedDocument(_ id: String, session context: LanterneContext) async throws -> ModelDocument? {
        let record = try await entries.record(id, session: context.session)
        guard let sha = record.publishedSHA256, let version = try await store.algorithms.model(sha256: sha) else {
            return nil
        }
        return try ModelFile.decode(Array(version.file.utf8), file: "model").document
    }

    @Sendable func loginForm(_ request: Request, context: LanterneContext) async throws -> Response {
        try await loginPage(context, error: nil, status: .ok)
    }

    private func loginPage(_ context: LanterneContext, error: String?, status: HTTPResponse.Status) async throws
        -> Response
    {
        let token = OpaqueID.make(bytes: 32)
        var values = try await common(context)
        values["csrf"] = token
        if let error { values["error"] = error }
        var response = PageShell.response(
            PageShell.render("login", values, session: sessionValues(context), language: context.language),
            status: status)
        response.setCookie(
            Cookie(
                name: Self.formCookie, value: token, maxAge: 3600, path: "/connexion", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    struct LoginForm: Decodable {
        let username: String?
        let password: String?
        let csrf: String?
    }

    @Sendable func login(_ request: Request, context: LanterneContext) async throws -> Response {
        let form = try await FormBody.decode(LoginForm.self, from: request, context: context)
        guard let expected = request.cookies[Self.formCookie]?.value, let given = form.csrf,
            FormBody.sameToken(expected, given)
        else { throw APIError.badCSRF }
        do {
            let grant = try await signIn.signIn(username: form.username ?? "", password: form.password ?? "")
            var response = Response(status: .seeOther, headers: [.location: "/espace"])
            response.setCookie(
                Cookie(
                    name: SessionAuthenticator.cookieName, value: grant.token, path: "/", secure: secureCookies,
                    httpOnly: true, sameSite: .strict))
            return response
        } catch let error as APIError {
            return try await loginPage(context, error: error.message(context.language), status: error.status)
        }
    }

    struct TokenForm: Decodable {
        let csrf: String?
    }

    @Sendable func logout(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = context.session else {
            return Response(status: .seeOther, headers: [.location: "/connexion"])
        }
        let form = try await FormBody.decode(TokenForm.self, from: request, context: context)
        guard let given = form.csrf, FormBody.sameToken(session.csrfToken, given) else { throw APIError.badCSRF }
        try await store.sessions.close(token: session.token)
        cache.forget(session.token)
        var response = Response(status: .seeOther, headers: [.location: "/"])
        response.setCookie(
            Cookie(
                name: SessionAuthenticator.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    /// The steward's algorithms: the version in service and how many newer versions wait for publication.
    private func stewardAlgorithms() async throws -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for algorithm in try await store.algorithms.all(includeDrafts: true) {
            let versions = try await store.algorithms.versions(of: algorithm.id)
            let newer = versions.filter { $0.number > (algorithm.publishedNumber ?? 0) }.count
            var row: [String: Any] = [
                "id": algorithm.id, "name": algorithm.name, "status": PageWords.status(algorithm.status.rawValue),
            ]
            if let number = algorithm.publishedNumber { row["current"] = true; row["number"] = number }
            if newer > 0 {
                row["waiting"] = newer == 1 ? "1 version non publiée" : "\(newer) versions non publiées"
            }
            rows.append(row)
        }
        return rows
    }

    @Sendable func space(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = context.session else {
            return Response(status: .seeOther, headers: [.location: "/connexion"])
        }
        var values = try await common(context)
        values["username"] = session.user.username
        values["roleLabel"] = session.user.role.frenchName
        values["csrf"] = session.csrfToken
        var links: [[String: String]] = [["href": "/algorithmes", "label": "Les fiches des algorithmes"]]
        switch session.user.role {
        case .agent:
            let queue = try await store.cases.queue().count
            let contests = try await store.contests.queue(for: session.user.username).count
            let callbacks = try await store.callbacks.queue().filter { $0.status != .done }.count
            links.insert(
                contentsOf: [
                    ["href": "/espace/dossiers", "label": "Dossiers à décider (\(queue))"],
                    ["href": "/espace/contestations", "label": "Contestations à examiner (\(contests))"],
                    ["href": "/espace/rappels", "label": "Demandes de rappel en cours (\(callbacks))"],
                ], at: 0)
        case .auditor:
            links.insert(
                contentsOf: [
                    ["href": "/espace/supervision", "label": "Supervision des décisions (biais d'automatisation)"],
                    ["href": "/espace/journal", "label": "Le journal et sa vérification"],
                ], at: 0)
        case .steward:
            links.insert(
                ["href": "/espace/algorithmes", "label": "Mes algorithmes : fiche, versions, audits, publication"],
                at: 0)
            let algorithms = try await stewardAlgorithms()
            values["stewardAlgorithms"] = algorithms
            values["hasStewardAlgorithms"] = !algorithms.isEmpty
        case .admin:
            break
        }
        values["links"] = links
        return PageShell.response(
            PageShell.render("space", values, session: (session.user.username, session.csrfToken)))
    }
}
