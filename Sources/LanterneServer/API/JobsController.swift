import Foundation
import HTTPTypes
import Hummingbird
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// Long work as jobs any server process takes (a population's scores, an audit), their progress and results.
struct JobsController: Sendable {
    let store: Store
    let models: ModelCache

    /// The largest population accepted in one request.
    static let maxPopulationBytes = 32 << 20

    var entries: RegisterEntries { RegisterEntries(store: store) }

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.post("algorithms/:id/scores", use: start)
        group.post("algorithms/:id/audits", use: startAudit)
        group.get("jobs/:id", use: progress)
        group.get("jobs/:id/result", use: result)
    }

    /// `text/csv` body (the population, with the model's features) → 202 and the job; `?chunk_rows=N` sets the
    /// rows per chunk (10,000 by default).
    @Sendable func start(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.steward)
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: session)
        try APIError.requireCSV(request)
        let rowsPerChunk = try Self.chunkRows(request)
        guard let sha256 = record.publishedSHA256 else {
            throw APIError.notPublished
        }
        var request = request
        let body: ByteBuffer
        do { body = try await request.collectBody(upTo: Self.maxPopulationBytes) } catch { throw APIError.tooLarge }
        let document = try await models.model(sha256).document
        let bytes = Array(body.readableBytesView)
        let chunks: [JobStore.ChunkInput]
        do {
            chunks = try await EngineWork.run {
                try ScoringJob.chunks(bytes, document: document, rowsPerChunk: rowsPerChunk)
            }
        } catch let error as CSVError {
            throw APIError.invalid(error, code: error.code)
        } catch let error as ModelError {
            throw APIError.invalid(error, code: error.code)
        }
        guard !chunks.isEmpty else {
            throw APIError(
                .unprocessableContent, code: "no_rows", french: "la population n'a aucune ligne après l'en-tête",
                english: "the population has no row after the header")
        }
        let job = try await store.jobs.create(
            kind: ScoringJob.kind, algorithmID: record.id, modelSHA256: sha256, chunks: chunks,
            actor: session.user.username)
        var response = try JSONBody.response(JobView(job), status: .accepted)
        response.headers[.location] = "/api/v1/jobs/\(job.id)"
        return response
    }

    /// `{"data": CSV text, "label", "protected", "top_percent" | "top_k" | "threshold", "bootstrap"?, "seed"?,
    /// "min_group"?, "proxies"?, "random_draw"?, "policy"?}` → 202 and the job that audits the published model on
    /// these data; once done, the report is the algorithm's latest audit.
    @Sendable func startAudit(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.require(.steward)
        let id = try context.parameters.require("id")
        let record = try await entries.record(id, session: session)
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("application/json")
        else { throw APIError.notJSON }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: Self.maxPopulationBytes) } catch { throw APIError.tooLarge }
        let text = String(buffer: buffer)
        let body: AuditJobRequest
        do {
            body = try JSONDecoder().decode(AuditJobRequest.self, from: Data(text.utf8))
        } catch {
            throw APIError.malformed("il faut {\"data\", \"label\", \"protected\", et une règle de décision}")
        }
        let job = try await StewardDesk(store: store, models: models).queueAudit(
            body, text: text, record: record, actor: session.user.username)
        var response = try JSONBody.response(JobView(job), status: .accepted)
        response.headers[.location] = "/api/v1/jobs/\(job.id)"
        return response
    }

    /// The job and its progress, for who started it, auditors and administrators.
    @Sendable func progress(_ request: Request, context: LanterneContext) async throws -> Response {
        try JSONBody.response(JobView(try await visibleJob(context)))
    }

    /// The result once the job is done (409 before): the scores as CSV, or the audit report as JSON.
    @Sendable func result(_ request: Request, context: LanterneContext) async throws -> Response {
        let job = try await visibleJob(context)
        guard job.status == .done else {
            throw APIError(
                .conflict, code: "job_not_done",
                french: "le travail n'est pas terminé (\(job.status.rawValue)) ; suivez GET /api/v1/jobs/\(job.id)",
                english: "the job is not done (\(job.status.rawValue)); follow GET /api/v1/jobs/\(job.id)")
        }
        let text = ScoringJob.result(try await store.jobs.results(of: job.id))
        var headers: HTTPFields = [:]
        if job.kind == AuditJob.kind {
            headers[.contentType] = "application/json; charset=utf-8"
        } else {
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"scores-\(job.id).csv\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The job of the path, when the session may see it; 404 otherwise, as for an unknown id.
    private func visibleJob(_ context: LanterneContext) async throws -> Job {
        let session = try context.requireSession()
        let id = try context.parameters.require("id")
        guard let job = try await store.jobs.find(id: id),
            job.createdBy == session.user.username || [.auditor, .admin].contains(session.user.role)
        else { throw APIError.notFound("travail", id) }
        return job
    }

    /// `chunk_rows` from the query: 1 to 1,000,000, 10,000 when absent.
    static func chunkRows(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["chunk_rows"] else { return 10_000 }
        guard let value = Int(text), (1...1_000_000).contains(value) else {
            throw APIError(
                .unprocessableContent, code: "bad_query",
                french: "paramètre « chunk_rows » : un entier de 1 à 1 000 000 est attendu (reçu « \(text) »)",
                english: "parameter “chunk_rows”: an integer from 1 to 1,000,000 is expected (got “\(text)”)")
        }
        return value
    }
}

/// A job as the API shows it.
struct JobView: Encodable, Sendable {
    struct Progress: Encodable, Sendable {
        let rows: Int
        let rowsDone: Int
        let chunks: Int
        let chunksDone: Int
        let servers: Int

        enum CodingKeys: String, CodingKey {
            case rows, chunks, servers
            case rowsDone = "rows_done"
            case chunksDone = "chunks_done"
        }
    }

    let id: String
    let kind: String
    let algorithm: String
    let modelSHA256: String
    let status: String
    let progress: Progress
    let error: String?
    let createdBy: String
    let createdAt: String
    let finishedAt: String?
    let result: String?

    init(_ job: Job) {
        id = job.id
        kind = job.kind
        algorithm = job.algorithmID
        modelSHA256 = job.modelSHA256
        status = job.status.rawValue
        progress = Progress(
            rows: job.rows, rowsDone: job.rowsDone, chunks: job.chunks, chunksDone: job.chunksDone,
            servers: job.servers)
        error = job.error
        createdBy = job.createdBy
        createdAt = job.createdAt
        finishedAt = job.finishedAt
        result = job.status == .done ? "/api/v1/jobs/\(job.id)/result" : nil
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, algorithm, status, progress, error, result
        case modelSHA256 = "model_sha256"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(modelSHA256, forKey: .modelSHA256)
        try container.encode(status, forKey: .status)
        try container.encode(progress, forKey: .progress)
        try container.encode(error, forKey: .error)
        try container.encode(createdBy, forKey: .createdBy)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(result, forKey: .result)
    }
}
