import Foundation
import Hummingbird
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneRegister
import LanterneStore

/// The steward's workspace as pages (no script): create an algorithm, complete its card and impact notes, add a
/// version trained here from a CSV file and its schema or imported as a model file, audit a version with its gates,
/// publish through them, and open a control period. Each form calls the same ``StewardDesk`` and store as the API.
struct StewardPagesController: Sendable {
    let store: Store
    let desk: StewardDesk

    func addRoutes(to router: Router<LanterneContext>) {
        router.get("/espace/algorithmes", use: list)
        router.post("/espace/algorithmes", use: create)
        router.get("/espace/algorithmes/:id", use: page)
        router.post("/espace/algorithmes/:id/fiche", use: saveCard)
        router.post("/espace/algorithmes/:id/versions", use: addVersion)
        router.post("/espace/algorithmes/:id/audits", use: audit)
        router.post("/espace/algorithmes/:id/periodes", use: period)
        router.post("/espace/algorithmes/:id/publier", use: publish)
        router.get("/espace/algorithmes/:id/analyse-impact", use: assessment)
    }

    /// The largest file form: data, schema and fields together.
    static let maxUpload = JobsController.maxPopulationBytes + (1 << 20)

    private static let signIn = Response(status: .seeOther, headers: [.location: "/connexion"])

    private func steward(_ context: LanterneContext) throws -> SessionGrant? {
        guard let session = context.session else { return nil }
        guard session.user.role == .steward else { throw APIError.forbidden([.steward]) }
        return session
    }

    private func record(_ context: LanterneContext) async throws -> AlgorithmRecord {
        let id = try context.parameters.require("id")
        guard let record = try await store.algorithms.find(id: id) else { throw APIError.notFound("algorithme", id) }
        return record
    }

    private func checkToken(_ given: String?, _ session: SessionGrant) throws {
        guard let given, FormBody.sameToken(session.csrfToken, given) else { throw APIError.badCSRF }
    }

    private func render(
        _ template: String, _ values: [String: Any], _ session: SessionGrant, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        try await PageShell.workspace(template, values, session: session, store: store, status: status)
    }

    // MARK: The list and a new algorithm

    @Sendable func list(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        return try await renderList(session, form: [:], problem: nil)
    }

    private func renderList(
        _ session: SessionGrant, form: [String: String], problem: FormProblem?, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var rows: [[String: Any]] = []
        for algorithm in try await store.algorithms.all(includeDrafts: true) {
            rows.append([
                "id": algorithm.id, "name": algorithm.name, "kind": PageWords.kind(algorithm.kind.rawValue),
                "status": PageWords.status(algorithm.status.rawValue),
                "version": algorithm.publishedNumber.map { "version \($0) en service" } ?? "aucune version en service",
            ])
        }
        var values: [String: Any] = [
            "algorithms": rows,
            "kinds": AlgorithmKind.allCases.map { kind -> [String: Any] in
                [
                    "value": kind.rawValue, "label": PageWords.kind(kind.rawValue),
                    "selected": form["kind"] == kind.rawValue,
                ]
            },
            "newName": form["algorithm_name"] ?? "",
        ]
        values.merge(StewardPageValues.cardFields(form, problem: problem)) { $1 }
        return try await render("workspace-algorithms", values, session, status: status)
    }

    @Sendable func create(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        let form = try await FormBody.decode([String: String].self, from: request, context: context)
        try checkToken(form["csrf"], session)
        let name = (form["algorithm_name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            guard !name.isEmpty, name.count <= 200 else {
                throw FormProblem(
                    field: "algorithm_name", code: "missing_field",
                    french: "Nom : donnez un nom de 1 à 200 caractères",
                    english: "Name: give a name of 1 to 200 characters")
            }
            guard let kind = form["kind"].flatMap(AlgorithmKind.init(rawValue:)) else {
                throw FormProblem(
                    field: "kind", code: "missing_field", french: "Sorte d'algorithme : choisissez-en une",
                    english: "Kind of algorithm: choose one")
            }
            var cardForm = form
            if cardForm["name"]?.isEmpty ?? true { cardForm["name"] = name }
            let card = try CardForm.card(from: cardForm, over: "{}")
            let record = try await store.algorithms.create(
                name: name, kind: kind, card: card, actor: session.user.username)
            return Response(status: .seeOther, headers: [.location: "/espace/algorithmes/\(record.id)"])
        } catch let problem as FormProblem {
            return try await renderList(session, form: form, problem: problem, status: .unprocessableContent)
        }
    }

    // MARK: One algorithm

    @Sendable func page(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        return try await renderPage(try await record(context), session, notice: QueryForm.fields(request)["fait"])
    }

    /// The algorithm's page, with a form's problem (and what was typed) or the message of what was just done.
    private func renderPage(
        _ record: AlgorithmRecord, _ session: SessionGrant, notice: String? = nil, problem: FormProblem? = nil,
        section: String? = nil, form: [String: String]? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var values = try await StewardPageValues(store: store, desk: desk).algorithm(record)
        let cardValues = section == "fiche" ? (form ?? [:]) : CardForm.values(record.card)
        values.merge(StewardPageValues.cardFields(cardValues, problem: section == "fiche" ? problem : nil)) { $1 }
        if let notice, let text = StewardPageValues.notices[notice] { values["done"] = text }
        if let problem, let section {
            values["problem"] = problem.message(.fr)
            values["problemSection"] = section
            values["problem_" + section] = problem.message(.fr)
        }
        if let form, section != "fiche" { values["typed"] = form }
        return try await render("workspace-algorithm", values, session, status: status)
    }

    /// Runs a form's work; a refusal re-renders the page with its message in the form's section.
    private func handling(
        _ record: AlgorithmRecord, _ session: SessionGrant, section: String, form: [String: String],
        _ work: () async throws -> String
    ) async throws -> Response {
        do {
            let done = try await work()
            return Response(status: .seeOther, headers: [.location: "/espace/algorithmes/\(record.id)?fait=\(done)"])
        } catch let problem as FormProblem {
            return try await renderPage(
                record, session, problem: problem, section: section, form: form, status: .unprocessableContent)
        } catch let error as APIError where ![.unauthorized, .forbidden, .notFound].contains(error.status) {
            let problem = FormProblem(
                field: section, code: error.code, french: error.message(.fr), english: error.message(.en))
            return try await renderPage(
                record, session, problem: problem, section: section, form: form, status: error.status)
        } catch let error as StoreError {
            let api = APIError.stored(error)
            let problem = FormProblem(
                field: section, code: api.code, french: api.message(.fr), english: api.message(.en))
            return try await renderPage(
                record, session, problem: problem, section: section, form: form, status: api.status)
        }
    }

    @Sendable func saveCard(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        let record = try await record(context)
        let form = try await FormBody.decode([String: String].self, from: request, context: context)
        try checkToken(form["csrf"], session)
        return try await handling(record, session, section: "fiche", form: form) {
            let card = try CardForm.card(from: form, over: record.card)
            try await store.algorithms.replaceCard(record.id, card: card, actor: session.user.username)
            return "fiche"
        }
    }

    @Sendable func addVersion(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        let record = try await record(context)
        let form = try await MultipartForm.read(from: request, limit: Self.maxUpload)
        try checkToken(form.text("csrf"), session)
        let typed = StewardPageValues.typed(form, ["kind", "label", "seed", "mode"])
        return try await handling(record, session, section: "version", form: typed) {
            let document: ModelDocument
            if form.text("mode") == "import" {
                guard let model = form.file("model") else {
                    throw StewardPageValues.missingFile("model", "Fichier modèle")
                }
                document = try StewardDesk.importModel(model.bytes)
            } else {
                guard let data = form.file("data") else { throw StewardPageValues.missingFile("data", "Données (CSV)") }
                guard let schema = form.file("schema") else {
                    throw StewardPageValues.missingFile("schema", "Schéma (JSON)")
                }
                guard let kind = form.text("kind").flatMap(ModelKind.init(rawValue:)) else {
                    throw FormProblem(
                        field: "kind", code: "invalid_field", french: "Sorte de modèle : choisissez-en une",
                        english: "Kind of model: choose one")
                }
                var upload = StewardDesk.TrainingUpload(data: data.bytes, schema: schema.text, kind: kind)
                upload.label = form.text("label")
                upload.dataName = Self.fileName(data.filename, default: "data.csv")
                upload.schemaName = Self.fileName(schema.filename, default: "schema.json")
                if let seedText = form.text("seed") {
                    guard let seed = UInt64(seedText) else {
                        throw FormProblem(
                            field: "seed", code: "invalid_field", french: "Graine : un entier positif est attendu",
                            english: "Seed: a non-negative integer is expected")
                    }
                    upload.seed = seed
                }
                document = try await StewardDesk.train(
                    upload, origin: "lanterne serve, espace du responsable (\(data.filename ?? "data.csv"))")
            }
            _ = try await desk.addVersion(document, to: record, actor: session.user.username)
            return "version"
        }
    }

    @Sendable func audit(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        let record = try await record(context)
        let form = try await MultipartForm.read(from: request, limit: Self.maxUpload)
        try checkToken(form.text("csrf"), session)
        let typed = StewardPageValues.typed(
            form, ["model_sha256", "label", "protected", "rule", "rule_value", "bootstrap", "seed", "gates"])
        return try await handling(record, session, section: "audit", form: typed) {
            let body = try AuditForm.request(form)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let text = String(decoding: try encoder.encode(body), as: UTF8.self)
            _ = try await desk.queueAudit(body, text: text, record: record, actor: session.user.username)
            return "audit"
        }
    }

    @Sendable func period(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        let record = try await record(context)
        let form = try await MultipartForm.read(from: request, limit: Self.maxUpload)
        try checkToken(form.text("csrf"), session)
        let typed = StewardPageValues.typed(form, ["period", "rule", "rule_value", "random_share", "seed"])
        return try await handling(record, session, section: "periode", form: typed) {
            let (period, policy) = try AuditForm.period(form)
            guard let population = form.file("population") else {
                throw StewardPageValues.missingFile("population", "Population de la période (CSV)")
            }
            _ = try await desk.addPeriod(
                period, policy: policy, population: population.bytes, record: record, actor: session.user.username)
            return "periode"
        }
    }

    @Sendable func publish(_ request: Request, context: LanterneContext) async throws -> Response {
        guard let session = try steward(context) else { return Self.signIn }
        let record = try await record(context)
        let form = try await FormBody.decode([String: String].self, from: request, context: context)
        try checkToken(form["csrf"], session)
        return try await handling(record, session, section: "publication", form: form) {
            let modelKind = [AlgorithmKind.ciblage, .prediction].contains(record.kind)
            if !modelKind, (form["sha256"] ?? "").isEmpty {
                // Rules or an assistant published as their card, without a model file.
                _ = try await store.algorithms.publish(record.id, sha256: nil, actor: session.user.username)
                return "publication"
            }
            guard let sha256 = form["sha256"], !sha256.isEmpty else {
                throw FormProblem(
                    field: "sha256", code: "invalid_field", french: "Choisissez la version à publier",
                    english: "Choose the version to publish")
            }
            let justification = form["justification"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try await store.algorithms.publish(
                record.id, sha256: sha256, actor: session.user.username,
                justification: justification?.isEmpty == false ? justification : nil)
            return "publication"
        }
    }

    /// An uploaded file's name for messages: its last path component, without control characters, or `default`.
    static func fileName(_ name: String?, default fallback: String) -> String {
        let last = (name ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.prefix(100))
        return clean.isEmpty ? fallback : clean
    }

    /// The draft impact assessment of the latest version (published or not), as Markdown to complete.
    @Sendable func assessment(_ request: Request, context: LanterneContext) async throws -> Response {
        guard try steward(context) != nil else { return Self.signIn }
        let record = try await record(context)
        guard let latest = try await store.algorithms.versions(of: record.id).last else {
            throw APIError.notFound("version de modèle de l'algorithme", record.id)
        }
        let entry = try await RegisterEntries(store: store).derived(
            record, version: record.publishedSHA256 ?? latest.sha256, language: .fr)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/markdown; charset=utf-8",
                .contentDisposition: "attachment; filename=\"analyse-impact-\(record.id).md\"",
            ], body: .init(byteBuffer: ByteBuffer(string: RegisterExport.text(entry, format: .fria))))
    }
}
