import Foundation
import SQLKit

/// Jobs as stored: created whole, taken chunk by chunk by any server process (on PostgreSQL with
/// `FOR UPDATE SKIP LOCKED`, so that two processes never take the same chunk and never wait for each other), done
/// or handed back.
public struct JobStore: Sendable {
    /// The database.
    public let database: StoreDatabase
    /// How long a chunk may stay taken before another process takes it again (its process died).
    public let staleAfter: TimeInterval

    /// Creates the jobs' view of a database.
    /// - Parameters:
    ///   - database: the database.
    ///   - staleAfter: seconds after which a taken chunk is taken again.
    public init(database: StoreDatabase, staleAfter: TimeInterval = 600) {
        self.database = database
        self.staleAfter = staleAfter
    }

    /// A chunk's place in the input and its rows as CSV.
    public struct ChunkInput: Sendable {
        /// The number of its first row in the whole input, from 1.
        public var firstRow: Int
        /// Its rows.
        public var rowCount: Int
        /// The header line and its rows.
        public var input: String

        /// Creates a chunk's input.
        public init(firstRow: Int, rowCount: Int, input: String) {
            self.firstRow = firstRow
            self.rowCount = rowCount
            self.input = input
        }
    }

    /// Creates a job with its chunks, all waiting, and logs it.
    /// - Parameters:
    ///   - kind: what the job does.
    ///   - algorithmID: the algorithm.
    ///   - modelSHA256: the model version that does the work.
    ///   - chunks: the chunks' inputs, in order.
    ///   - actor: who asks.
    /// - Returns: the job.
    public func create(
        kind: String, algorithmID: String, modelSHA256: String, chunks: [ChunkInput], actor: String
    ) async throws -> Job {
        let id = OpaqueID.make()
        let now = Timestamp.now()
        let rows = chunks.reduce(0) { $0 + $1.rowCount }
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO jobs (id, kind, algorithm_id, model_sha256, status, rows_total, chunks_total, created_by, \
                created_at) VALUES (\(bind: id), \(bind: kind), \(bind: algorithmID), \(bind: modelSHA256), 'queued', \
                \(bind: rows), \(bind: chunks.count), \(bind: actor), \(bind: now))
                """
            ).run()
            for (number, chunk) in chunks.enumerated() {
                try await db.raw(
                    """
                    INSERT INTO job_chunks (job_id, number, first_row, row_count, status, input) VALUES \
                    (\(bind: id), \(bind: number), \(bind: chunk.firstRow), \(bind: chunk.rowCount), 'queued', \
                    \(bind: chunk.input))
                    """
                ).run()
            }
            try await AuditLog.append(
                actor: actor, action: "job.create", object: id,
                details: [
                    "kind": kind, "algorithm": algorithmID, "sha256": modelSHA256, "rows": String(rows),
                    "chunks": String(chunks.count),
                ], on: db, postgres: postgres)
        }
        return Job(
            id: id, kind: kind, algorithmID: algorithmID, modelSHA256: modelSHA256, status: .queued, rows: rows,
            rowsDone: 0, chunks: chunks.count, chunksDone: 0, servers: 0, error: nil, createdBy: actor,
            createdAt: now, finishedAt: nil)
    }

    /// A job with its progress.
    public func find(id: String) async throws -> Job? {
        try await jobs(where: "j.id = ", id, limit: 1).first
    }

    /// An algorithm's latest jobs, newest first, with their progress.
    /// - Parameters:
    ///   - algorithmID: the algorithm.
    ///   - limit: how many at most.
    public func recent(of algorithmID: String, limit: Int = 10) async throws -> [Job] {
        try await jobs(where: "j.algorithm_id = ", algorithmID, limit: limit)
    }

    private func jobs(where condition: String, _ value: String, limit: Int) async throws -> [Job] {
        try await database.session { db in
            var query = SQLQueryString(
                """
                SELECT j.*, \
                (SELECT COUNT(*) FROM job_chunks c WHERE c.job_id = j.id AND c.status = 'done') AS chunks_done, \
                (SELECT CAST(COALESCE(SUM(c.row_count), 0) AS BIGINT) FROM job_chunks c \
                WHERE c.job_id = j.id AND c.status = 'done') AS rows_done, \
                (SELECT COUNT(DISTINCT c.taken_by) FROM job_chunks c WHERE c.job_id = j.id) AS servers \
                FROM jobs j WHERE \(condition)
                """)
            query.appendInterpolation(bind: value)
            query.appendLiteral(" ORDER BY j.created_at DESC, j.id LIMIT \(limit)")
            let rows: [any SQLRow] = try await db.raw(query).all()
            return try rows.map { row in
                Job(
                    id: try row.decode(column: "id", as: String.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    algorithmID: try row.decode(column: "algorithm_id", as: String.self),
                    modelSHA256: try row.decode(column: "model_sha256", as: String.self),
                    status: Job.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
                    rows: try row.decode(column: "rows_total", as: Int.self),
                    rowsDone: try row.decode(column: "rows_done", as: Int.self),
                    chunks: try row.decode(column: "chunks_total", as: Int.self),
                    chunksDone: try row.decode(column: "chunks_done", as: Int.self),
                    servers: try row.decode(column: "servers", as: Int.self),
                    error: try row.decode(column: "error", as: String?.self),
                    createdBy: try row.decode(column: "created_by", as: String.self),
                    createdAt: try row.decode(column: "created_at", as: String.self),
                    finishedAt: try row.decode(column: "finished_at", as: String?.self))
            }
        }
    }

    /// Takes the next waiting chunk (oldest job first), or one whose process has not finished it within
    /// `staleAfter` seconds.
    /// - Parameter worker: the taking process's id.
    /// - Returns: the chunk, or `nil` when none waits.
    public func claim(by worker: String) async throws -> JobChunk? {
        let now = Date()
        let stale = Timestamp.text(now.addingTimeInterval(-staleAfter))
        let taken = Timestamp.text(now)
        let postgres = database.location.isPostgres
        return try await database.transaction { db in
            var query = SQLQueryString(
                """
                SELECT c.job_id, c.number, c.first_row, c.row_count, c.input, j.model_sha256, j.kind, \
                j.algorithm_id, j.created_by \
                FROM job_chunks c JOIN jobs j ON j.id = c.job_id \
                WHERE j.status IN ('queued', 'running') AND (c.status = 'queued' OR \
                (c.status = 'running' AND c.taken_at < \(bind: stale))) \
                ORDER BY j.created_at, c.job_id, c.number LIMIT 1
                """)
            if postgres { query.appendInterpolation(unsafeRaw: " FOR UPDATE OF c SKIP LOCKED") }
            let rows: [any SQLRow] = try await db.raw(query).all()
            guard let row = rows.first else { return nil }
            let chunk = JobChunk(
                jobID: try row.decode(column: "job_id", as: String.self),
                number: try row.decode(column: "number", as: Int.self),
                firstRow: try row.decode(column: "first_row", as: Int.self),
                rowCount: try row.decode(column: "row_count", as: Int.self),
                input: try row.decode(column: "input", as: String.self),
                modelSHA256: try row.decode(column: "model_sha256", as: String.self),
                kind: try row.decode(column: "kind", as: String.self),
                algorithmID: try row.decode(column: "algorithm_id", as: String.self),
                createdBy: try row.decode(column: "created_by", as: String.self))
            try await db.raw(
                """
                UPDATE job_chunks SET status = 'running', taken_by = \(bind: worker), taken_at = \(bind: taken) \
                WHERE job_id = \(bind: chunk.jobID) AND number = \(bind: chunk.number)
                """
            ).run()
            try await db.raw(
                "UPDATE jobs SET status = 'running' WHERE id = \(bind: chunk.jobID) AND status = 'queued'"
            ).run()
            return chunk
        }
    }

    /// Stores a chunk's result; the last chunk done marks the job done and logs it.
    /// - Parameters:
    ///   - chunk: the chunk, as taken.
    ///   - result: its result.
    ///   - worker: the process that took it.
    /// - Returns: whether the result was kept (`false` when the chunk was taken again meanwhile, or its job failed).
    @discardableResult
    public func complete(_ chunk: JobChunk, result: String, by worker: String) async throws -> Bool {
        let postgres = database.location.isPostgres
        return try await database.transaction { db in
            // The job's row is locked first, so that two processes finishing its last chunks see each other's.
            try await lockJob(chunk.jobID, on: db)
            let updated: [any SQLRow] = try await db.raw(
                """
                UPDATE job_chunks SET status = 'done', result = \(bind: result) WHERE job_id = \(bind: chunk.jobID) \
                AND number = \(bind: chunk.number) AND taken_by = \(bind: worker) AND status = 'running' \
                RETURNING number
                """
            ).all()
            guard !updated.isEmpty else { return false }
            let left: [any SQLRow] = try await db.raw(
                "SELECT COUNT(*) AS count FROM job_chunks WHERE job_id = \(bind: chunk.jobID) AND status <> 'done'"
            ).all()
            if try left.first?.decode(column: "count", as: Int.self) == 0 {
                try await db.raw(
                    """
                    UPDATE jobs SET status = 'done', finished_at = \(bind: Timestamp.now()) \
                    WHERE id = \(bind: chunk.jobID)
                    """
                ).run()
                try await AuditLog.append(
                    actor: "system", action: "job.done", object: chunk.jobID, details: [:], on: db,
                    postgres: postgres)
            }
            return true
        }
    }

    /// Marks a job failed because one of its chunks could not be done, and logs why.
    /// - Parameters:
    ///   - chunk: the chunk.
    ///   - message: why, in words for the person who started the job.
    public func fail(_ chunk: JobChunk, message: String) async throws {
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            try await lockJob(chunk.jobID, on: db)
            let failed: [any SQLRow] = try await db.raw(
                """
                UPDATE jobs SET status = 'failed', error = \(bind: message), finished_at = \(bind: Timestamp.now()) \
                WHERE id = \(bind: chunk.jobID) AND status IN ('queued', 'running') RETURNING id
                """
            ).all()
            guard !failed.isEmpty else { return }
            try await db.raw(
                "UPDATE job_chunks SET status = 'failed' WHERE job_id = \(bind: chunk.jobID) AND status <> 'done'"
            ).run()
            try await AuditLog.append(
                actor: "system", action: "job.fail", object: chunk.jobID,
                details: ["chunk": String(chunk.number)], on: db, postgres: postgres)
        }
    }

    /// Gives back the chunks a stopping process has taken and not finished, for another to take at once.
    /// - Parameter worker: the process.
    /// - Returns: how many chunks were handed back.
    @discardableResult
    public func handBack(by worker: String) async throws -> Int {
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE job_chunks SET status = 'queued', taken_by = NULL, taken_at = NULL \
                WHERE taken_by = \(bind: worker) AND status = 'running' RETURNING number
                """
            ).all().count
        }
    }

    /// The chunks' results of a job, in order.
    public func results(of id: String) async throws -> [String] {
        try await database.session { db in
            try await db.raw(
                "SELECT result FROM job_chunks WHERE job_id = \(bind: id) ORDER BY number"
            ).all().map { try $0.decode(column: "result", as: String?.self) ?? "" }
        }
    }

    private func lockJob(_ id: String, on db: any SQLDatabase) async throws {
        guard database.location.isPostgres else { return }  // SQLite's BEGIN IMMEDIATE already holds the file.
        try await db.raw("SELECT id FROM jobs WHERE id = \(bind: id) FOR UPDATE").run()
    }
}
