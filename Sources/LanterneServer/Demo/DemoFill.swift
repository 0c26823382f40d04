import Foundation
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// Fills an empty database with the demonstration: accounts with random passwords, a targeting model trained on a
/// synthetic population of households and audited (its failed gates published with a written justification, as
/// the register must show), a prediction model for firms, the selection rules and the assistant; then writes
/// `demo.json`. The same seed gives the same models; only the passwords change at each fill.
public struct DemoFill: Sendable {
    /// The store to fill.
    public let store: Store
    /// How many synthetic households.
    public let rows: Int
    /// The site's address, written in `demo.json`.
    public let baseURL: String
    /// The bcrypt cost of the accounts' passwords.
    public let passwordCost: UInt8
    /// How long callback requests are kept.
    public let callbackRetention: TimeInterval

    /// Creates a fill.
    public init(
        store: Store, rows: Int = 50_000, baseURL: String, passwordCost: UInt8 = 12,
        callbackRetention: TimeInterval = ServerConfiguration.defaultCallbackRetention
    ) {
        self.store = store
        self.rows = rows
        self.baseURL = baseURL
        self.passwordCost = passwordCost
        self.callbackRetention = callbackRetention
    }

    /// The accounts of the demonstration: two agents, a steward, an auditor, an administrator.
    static let accounts: [(String, Role)] = [
        ("agent1", .agent), ("agent2", .agent), ("responsable", .steward), ("auditeur", .auditor), ("admin", .admin),
    ]

    /// Fills the store if it has no account yet.
    /// - Parameter demoFile: where to write `demo.json` (readable by its owner only).
    /// - Returns: the path written, or `nil` when the store was not empty.
    public func fillIfEmpty(demoFile: String) async throws -> String? {
        guard try await store.users.all().isEmpty else { return nil }
        let hasher = PasswordHasher(cost: passwordCost)
        var accounts: [DemoFile.Account] = []
        for (username, role) in Self.accounts {
            let password = OpaqueID.make(bytes: 10)
            _ = try await store.users.create(
                username: username, role: role, passwordHash: try await hasher.hash(password), actor: "system")
            accounts.append(DemoFile.Account(role: role.rawValue, username: username, password: password))
        }
        let (targeting, version, document) = try await fillTargeting()
        let notices = try await DemoDecisions(store: store, callbackRetention: callbackRetention).fill(
            algorithmID: targeting, sha256: version, document: document)
        try await fillFirms()
        try await fillCardOnly(
            name: "Ordre d'appel des candidats d'une formation (Parcoursup, démonstration)", kind: .selection,
            card: DemoCards.selection)
        try await fillCardOnly(
            name: "Assistant des questions fiscales (démonstration)", kind: .accueil, card: DemoCards.assistant)
        let file = DemoFile(baseURL: baseURL, accounts: accounts, sampleNotices: notices)
        try file.write(to: demoFile)
        return demoFile
    }

    /// The households, their targeting model trained on past adjustments (blanks read as "none", the trap the
    /// audit shows), audited against the hidden truth at a capacity of 1 % of the population.
    private func fillTargeting() async throws -> (algorithm: String, version: String, document: ModelDocument) {
        let population = HouseholdPopulation(rows: rows, seed: 1)
        let table = try DemoData.table(population, blanksAsZero: "redressement")
        var request = TrainingRequest(
            table: table, schema: population.schema, file: "foyers-demo.csv", kind: .logistic)
        request.seed = 1
        let training = request
        let outcome = try await EngineWork.run { try TrainingPipeline.train(training) }
        let algorithm = try await store.algorithms.create(
            name: "Ciblage des contrôles sur pièces (démonstration)", kind: .ciblage, card: DemoCards.targeting,
            actor: "responsable")
        let version = try await addModel(outcome.document, to: algorithm.id)
        var audit = AuditRequest(
            label: "irregularite_reelle",
            attributes: [["parent_isole"], ["qpv"], ["nationalite"], ["parent_isole", "qpv"]],
            decision: .score(ModelAudit.scoreColumn, .topK(max(1, rows / 100))))
        audit.minimumGroup = 30
        audit.bootstrap = 200
        audit.seed = 1
        audit.randomDraw = "tirage_aleatoire"
        audit.proxies = ["departement", "zone", "declaration_en_ligne"]
        audit.schema = outcome.document.schema
        let gates = DemoData.gates
        let auditRequest = audit
        let document = outcome.document
        let report = try await EngineWork.run { () -> (String, Bool) in
            let scored = try ModelAudit.scored(table, model: document.model, file: "foyers-demo.csv", threads: 2)
            let (report, _) = try ModelAudit.run(auditRequest, table: scored, file: "foyers-demo.csv", policy: gates)
            return (AuditJSON.document(report, minimumGroup: 30, sweep: false), report.gates.allSatisfy(\.passed))
        }
        _ = try await store.algorithms.addAudit(
            algorithmID: algorithm.id, sha256: version, report: report.0, gatesPassed: report.1, actor: "responsable")
        try await store.algorithms.publish(
            algorithm.id, sha256: version, actor: "responsable",
            justification: report.1
                ? nil
                : "Démonstration : ce modèle appris sur les contrôles passés reproduit leur biais ; il est publié pour montrer ce que l'audit révèle, jamais pour choisir des contrôles réels."
        )
        try await fillCandidate(table: table, population: population, audit: auditRequest, algorithm: algorithm.id)
        return (algorithm.id, version, outcome.document)
    }

    /// A second version proposed by the steward and not published: the same training without the place of
    /// residence (a proxy the audit flags), audited the same way, so that the register compares two versions.
    private func fillCandidate(table: Table, population: HouseholdPopulation, audit: AuditRequest, algorithm: String)
        async throws
    {
        var schema = population.schema
        for index in schema.columns.indices
        where ["departement", "region", "zone"].contains(schema.columns[index].name) {
            schema.columns[index].role = .ignore
        }
        var request = TrainingRequest(table: table, schema: schema, file: "foyers-demo.csv", kind: .logistic)
        request.seed = 1
        let training = request
        let outcome = try await EngineWork.run { try TrainingPipeline.train(training) }
        let version = try await addModel(outcome.document, to: algorithm)
        var auditRequest = audit
        auditRequest.schema = outcome.document.schema
        auditRequest.bootstrap = 100
        let chosen = auditRequest
        let document = outcome.document
        let report = try await EngineWork.run { () -> (String, Bool) in
            let scored = try ModelAudit.scored(table, model: document.model, file: "foyers-demo.csv", threads: 2)
            let (report, _) = try ModelAudit.run(chosen, table: scored, file: "foyers-demo.csv", policy: DemoData.gates)
            return (AuditJSON.document(report, minimumGroup: 30, sweep: false), report.gates.allSatisfy(\.passed))
        }
        _ = try await store.algorithms.addAudit(
            algorithmID: algorithm, sha256: version, report: report.0, gatesPassed: report.1, actor: "responsable")
    }

    /// Firms and a model of their failure within 18 months.
    private func fillFirms() async throws {
        let population = FirmPopulation(rows: max(2000, rows / 5), seed: 1)
        let table = try DemoData.table(population, blanksAsZero: nil)
        var request = TrainingRequest(
            table: table, schema: population.schema, file: "entreprises-demo.csv", kind: .gbdt)
        request.seed = 1
        request.trees = 100
        let training = request
        let outcome = try await EngineWork.run { try TrainingPipeline.train(training) }
        let algorithm = try await store.algorithms.create(
            name: "Signalement des entreprises en difficulté (démonstration)", kind: .prediction, card: DemoCards.firms,
            actor: "responsable")
        let version = try await addModel(outcome.document, to: algorithm.id)
        try await store.algorithms.publish(algorithm.id, sha256: version, actor: "responsable")
    }

    private func fillCardOnly(name: String, kind: AlgorithmKind, card: String) async throws {
        let algorithm = try await store.algorithms.create(name: name, kind: kind, card: card, actor: "responsable")
        try await store.algorithms.publish(algorithm.id, sha256: nil, actor: "responsable")
    }

    private func addModel(_ document: ModelDocument, to algorithmID: String) async throws -> String {
        let (bytes, version) = try ModelFile.encode(document)
        _ = try await store.algorithms.addModel(
            file: String(decoding: bytes, as: UTF8.self), sha256: version, to: algorithmID, actor: "responsable")
        return version
    }
}
