import Foundation
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// The steward's work on an algorithm, shared by the API and the workspace pages so both faces make the same calls:
/// add a version (trained here with `lanterne train`'s pipeline, or a Lanterne model file as it is), queue an audit of
/// a version with its gates, and store a control period chosen by a policy.
struct StewardDesk: Sendable {
    let store: Store
    let models: ModelCache

    /// The most rows a model is trained on within a request.
    static let maxTrainingRows = 200_000

    /// What training needs, from the API's JSON or a page's form.
    struct TrainingUpload: Sendable {
        /// The CSV file's bytes.
        var data: [UInt8]
        /// The schema's JSON text.
        var schema: String
        /// The model's kind.
        var kind: ModelKind
        /// The outcome column, when not the schema's label.
        var label: String?
        /// The seed of the validation split and the trees.
        var seed: UInt64 = 1
        /// The data file's name in messages (the uploaded file's own name on the pages).
        var dataName = "data.csv"
        /// The schema file's name in messages.
        var schemaName = "schema"
    }

    /// A version just added.
    struct AddedVersion: Sendable {
        var number: Int
        var sha256: String
        var metrics: [String: Double]
    }

    /// What a control period stored.
    struct PeriodSummary: Sendable {
        var period: String
        var cases: Int
        var proposed: Int
        var drawn: Int
        var seed: UInt64
    }

    /// A model file's bytes, checked as `lanterne model show` checks them.
    /// - Throws: ``APIError`` 422 with the loader's code (`not_a_model_file`, `model_tampered`…).
    static func importModel(_ bytes: [UInt8]) throws -> ModelDocument {
        do {
            return try ModelFile.decode(bytes, file: "model").document
        } catch let error as ModelError {
            throw APIError.invalid(error, code: error.code)
        }
    }

    /// Trains a model with the command line's pipeline, on both cores, up to ``maxTrainingRows`` rows.
    /// - Throws: ``APIError`` 422 with the reader's, schema's or trainer's code, naming the file, line or column.
    static func train(_ upload: TrainingUpload, origin: String) async throws -> ModelDocument {
        do {
            return try await EngineWork.run {
                let schema = try Schema.decode(Data(upload.schema.utf8), file: upload.schemaName)
                var options = CSVOptions(columnTypes: schema.columnTypes)
                options.requiresTypedColumns = false
                let table = try CSVReader(bytes: upload.data, name: upload.dataName, options: options).read().table
                guard table.rowCount <= maxTrainingRows else {
                    throw APIError(
                        .unprocessableContent, code: "too_many_rows",
                        french:
                            "\(table.rowCount) lignes : 200 000 au plus par le serveur ; entraînez avec lanterne train et importez le modèle",
                        english:
                            "\(table.rowCount) rows: at most 200,000 through the server; train with lanterne train and import the model"
                    )
                }
                var request = TrainingRequest(table: table, schema: schema, file: upload.dataName, kind: upload.kind)
                request.label = upload.label
                request.seed = upload.seed
                request.threads = 2
                request.origin = origin
                return try TrainingPipeline.train(request).document
            }
        } catch let error as APIError {
            throw error
        } catch let error as CSVError {
            throw APIError.invalid(error, code: error.code)
        } catch let error as ModelError {
            throw APIError.invalid(error, code: error.code)
        } catch let error as SettingError {
            throw APIError.invalid(error, code: error.code)
        } catch let error as any LocalizedMessage {
            throw APIError.invalid(error, code: "training_input")
        }
    }

    /// Stores `document` as the algorithm's next version (never published here).
    /// - Throws: ``APIError`` 409 `model_elsewhere` when these exact bytes are another algorithm's version.
    func addVersion(_ document: ModelDocument, to record: AlgorithmRecord, actor: String) async throws
        -> AddedVersion
    {
        let (file, sha256) = try ModelFile.encode(document)
        let version = try await store.algorithms.addModel(
            file: String(decoding: file, as: UTF8.self), sha256: sha256, to: record.id, actor: actor)
        guard version.algorithmID == record.id else {
            throw APIError(
                .conflict, code: "model_elsewhere",
                french: "ce modèle est déjà une version d'un autre algorithme ; un modèle ne sert qu'un algorithme",
                english: "this model is already a version of another algorithm; a model serves one algorithm only")
        }
        return AddedVersion(number: version.number, sha256: sha256, metrics: document.metrics)
    }

    /// Checks an audit request against the version it names (the published one by default) and queues it as a job.
    /// - Parameters:
    ///   - body: the request.
    ///   - text: the request as JSON text, stored as the job's input.
    /// - Throws: ``APIError`` 404 for a version of another algorithm, 409 `not_published` / `not_a_probability`,
    ///   422 `audit_rule`, `audit_protected`, `audit_settings`, `audit_policy`, `audit_input`, the reader's codes.
    func queueAudit(_ body: AuditJobRequest, text: String, record: AlgorithmRecord, actor: String) async throws
        -> Job
    {
        if let chosen = body.modelSHA256 {
            guard let version = try await store.algorithms.model(sha256: chosen), version.algorithmID == record.id
            else { throw APIError.notFound("version de modèle de l'algorithme", chosen) }
        }
        guard let sha256 = body.modelSHA256 ?? record.publishedSHA256 else {
            throw APIError.notPublished
        }
        let document = try await models.model(sha256).document
        guard document.model.output == .logOdds else { throw Self.notAProbability }
        let rows: Int
        do {
            rows = try await EngineWork.run { try AuditJob.check(body, document: document).table.rowCount }
        } catch let error as CSVError {
            throw APIError.invalid(error, code: error.code)
        } catch let error as ModelError {
            throw APIError.invalid(error, code: error.code)
        } catch let error as AuditInputError {
            throw APIError.invalid(error, code: "audit_input")
        } catch let error as PolicyError {
            throw APIError.invalid(error, code: "audit_policy")
        }
        return try await store.jobs.create(
            kind: AuditJob.kind, algorithmID: record.id, modelSHA256: sha256,
            chunks: [JobStore.ChunkInput(firstRow: 1, rowCount: rows, input: text)], actor: actor)
    }

    /// Scores a period's population with the published model, chooses the cases by `policy` and stores them all.
    /// - Throws: ``APIError`` 409 `not_published`, `period_exists`, `not_a_probability`; 422 the reader's and
    ///   model's codes, `no_rows`. Nothing is stored on refusal.
    func addPeriod(
        _ period: String, policy: ControlPolicy, population: [UInt8], record: AlgorithmRecord, actor: String
    ) async throws -> PeriodSummary {
        guard let sha256 = record.publishedSHA256 else { throw APIError.notPublished }
        guard try await !store.cases.hasPeriod(period, algorithmID: record.id) else {
            throw APIError(
                .conflict, code: "period_exists", french: "la période « \(period) » est déjà enregistrée",
                english: "period “\(period)” is already recorded")
        }
        let document = try await models.model(sha256).document
        guard document.model.output == .logOdds else { throw Self.notAProbability }
        let idColumn = document.schema?.columns.first { $0.role == .id }?.name
        let cases: [NewCase]
        do {
            cases = try await EngineWork.run {
                let table = try ScoringJob.read(population, document: document, name: "population.csv")
                return try ControlPeriodCases.make(
                    table: table, document: document, policy: policy, idColumn: idColumn)
            }
        } catch let error as CSVError {
            throw APIError.invalid(error, code: error.code)
        } catch let error as ModelError {
            throw APIError.invalid(error, code: error.code)
        }
        guard !cases.isEmpty else {
            throw APIError(
                .unprocessableContent, code: "no_rows", french: "la population n'a aucune ligne après l'en-tête",
                english: "the population has no row after the header")
        }
        _ = try await store.cases.addPeriod(
            cases, algorithmID: record.id, sha256: sha256, period: period, seed: policy.seed, actor: actor)
        return PeriodSummary(
            period: period, cases: cases.count, proposed: cases.count(where: \.proposed),
            drawn: cases.count(where: \.randomDraw), seed: policy.seed)
    }

    /// A period's name: 1 to 20 ASCII letters, digits and dashes.
    static func checkedPeriod(_ text: String?) throws -> String {
        let period = text ?? ""
        guard (1...20).contains(period.count),
            period.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                french: "period : un nom court de lettres, chiffres et tirets attendu (exemple : 2026-12)",
                english: "period: a short name of letters, digits and dashes expected (for example 2026-12)")
        }
        return period
    }

    static let notAProbability = APIError(
        .conflict, code: "not_a_probability", french: "ce modèle prédit une valeur, pas une probabilité",
        english: "this model predicts a value, not a probability")
}
