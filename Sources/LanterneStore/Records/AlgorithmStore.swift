import LanterneModels
import SQLKit

/// Algorithms, their model versions and their audits, as stored.
public struct AlgorithmStore: Sendable {
    /// The database.
    public let database: StoreDatabase

    /// Creates the algorithms' view of a database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// Creates a draft algorithm and logs it.
    /// - Parameters:
    ///   - name: its public name.
    ///   - kind: its kind.
    ///   - card: its card as JSON.
    ///   - actor: who creates it.
    /// - Returns: the record.
    public func create(name: String, kind: AlgorithmKind, card: String, actor: String) async throws
        -> AlgorithmRecord
    {
        let record = AlgorithmRecord(
            id: OpaqueID.make(), name: name, kind: kind, status: .draft, card: card, createdAt: Timestamp.now(),
            publishedSHA256: nil, publishedAt: nil)
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO algorithms (id, name, kind, status, card, created_at) VALUES \
                (\(bind: record.id), \(bind: record.name), \(bind: kind.rawValue), \(bind: record.status.rawValue), \
                \(bind: card), \(bind: record.createdAt))
                """
            ).run()
            try await AuditLog.append(
                actor: actor, action: "algorithm.create", object: record.id, details: ["kind": kind.rawValue],
                on: db, postgres: postgres)
        }
        return record
    }

    /// Replaces an algorithm's card and logs it (with the new card's SHA-256).
    /// - Throws: ``StoreError`` not found.
    public func replaceCard(_ algorithmID: String, card: String, actor: String) async throws {
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            let rows = try await db.raw("SELECT id FROM algorithms WHERE id = \(bind: algorithmID)").all()
            guard !rows.isEmpty else { throw StoreError(.notFound(what: "algorithme", id: algorithmID)) }
            try await db.raw("UPDATE algorithms SET card = \(bind: card) WHERE id = \(bind: algorithmID)").run()
            try await AuditLog.append(
                actor: actor, action: "algorithm.card", object: algorithmID,
                details: ["card_sha256": SHA256.hex(of: Array(card.utf8))], on: db, postgres: postgres)
        }
    }

    /// Every algorithm, published ones only unless `includeDrafts`.
    public func all(includeDrafts: Bool = false) async throws -> [AlgorithmRecord] {
        try await database.session { db in
            let rows: [any SQLRow] =
                includeDrafts
                ? try await db.raw(SQLQueryString(AlgorithmStore.withNumber + " ORDER BY a.created_at, a.id")).all()
                : try await db.raw(
                    SQLQueryString(
                        AlgorithmStore.withNumber + " WHERE a.status <> 'draft' ORDER BY a.created_at, a.id")
                ).all()
            return try rows.map(AlgorithmStore.record)
        }
    }

    /// The algorithm with this id.
    public func find(id: String) async throws -> AlgorithmRecord? {
        try await database.session { db in
            var query = SQLQueryString(AlgorithmStore.withNumber + " WHERE a.id = ")
            query.appendInterpolation(bind: id)
            let rows: [any SQLRow] = try await db.raw(query).all()
            return try rows.first.map(AlgorithmStore.record)
        }
    }

    /// Adds a model version (the model file's bytes, already checked by the caller) and logs it.
    /// - Parameters:
    ///   - file: the model file's text.
    ///   - sha256: its version id.
    ///   - algorithmID: the algorithm.
    ///   - actor: who adds it.
    /// - Returns: the version, or the stored one when these exact bytes were added before.
    public func addModel(file: String, sha256: String, to algorithmID: String, actor: String) async throws
        -> ModelVersion
    {
        let postgres = database.location.isPostgres
        return try await database.transaction { db in
            let existing: [any SQLRow] = try await db.raw(
                "SELECT * FROM model_versions WHERE sha256 = \(bind: sha256)"
            ).all()
            if let row = existing.first { return try AlgorithmStore.version(row) }
            let numbers: [any SQLRow] = try await db.raw(
                "SELECT COUNT(*) AS count FROM model_versions WHERE algorithm_id = \(bind: algorithmID)"
            ).all()
            let number = (try numbers.first?.decode(column: "count", as: Int.self) ?? 0) + 1
            let version = ModelVersion(
                sha256: sha256, algorithmID: algorithmID, number: number, file: file, createdAt: Timestamp.now())
            try await db.raw(
                """
                INSERT INTO model_versions (sha256, algorithm_id, number, file, created_at, created_by) VALUES \
                (\(bind: sha256), \(bind: algorithmID), \(bind: number), \(bind: file), \(bind: version.createdAt), \
                \(bind: actor))
                """
            ).run()
            try await AuditLog.append(
                actor: actor, action: "model.add", object: algorithmID,
                details: ["sha256": sha256, "number": String(number)], on: db, postgres: postgres)
            return version
        }
    }

    /// A stored model version.
    public func model(sha256: String) async throws -> ModelVersion? {
        try await database.session { db in
            let rows: [any SQLRow] = try await db.raw(
                "SELECT * FROM model_versions WHERE sha256 = \(bind: sha256)"
            ).all()
            return try rows.first.map(AlgorithmStore.version)
        }
    }

    /// Every version of an algorithm, oldest first (without their files).
    public func versions(of algorithmID: String) async throws -> [ModelVersion] {
        try await database.session { db in
            let rows: [any SQLRow] = try await db.raw(
                """
                SELECT sha256, algorithm_id, number, '' AS file, created_at FROM model_versions \
                WHERE algorithm_id = \(bind: algorithmID) ORDER BY number
                """
            ).all()
            return try rows.map(AlgorithmStore.version)
        }
    }

    /// Puts a model version in service and logs it, with the justification when gates failed. A version whose latest
    /// audit failed a gate is refused (`gates_failed`) unless a justification is written: the override is then in
    /// the log, and the register shows it beside the failed gate.
    /// - Parameters:
    ///   - algorithmID: the algorithm.
    ///   - sha256: the version, which must belong to it; `nil` for an algorithm without a model file (rules
    ///     published as text, an assistant).
    ///   - actor: who publishes.
    ///   - justification: why it is published although a gate failed.
    /// - Returns: the log entry.
    @discardableResult
    public func publish(_ algorithmID: String, sha256: String?, actor: String, justification: String? = nil)
        async throws -> LogEntry
    {
        let postgres = database.location.isPostgres
        return try await database.transaction { db in
            if let sha256 {
                let rows: [any SQLRow] = try await db.raw(
                    "SELECT sha256 FROM model_versions WHERE sha256 = \(bind: sha256) AND algorithm_id = \(bind: algorithmID)"
                ).all()
                guard !rows.isEmpty else { throw StoreError(.notFound(what: "version de modèle", id: sha256)) }
                let audits: [any SQLRow] = try await db.raw(
                    """
                    SELECT gates_passed FROM audits WHERE algorithm_id = \(bind: algorithmID) \
                    AND model_sha256 = \(bind: sha256) ORDER BY created_at DESC, id LIMIT 1
                    """
                ).all()
                let failed = try audits.first.map { try $0.decode(column: "gates_passed", as: Int.self) == 0 } ?? false
                let written = justification.map { !$0.allSatisfy(\.isWhitespace) } ?? false
                guard !failed || written else { throw StoreError(.gatesFailed(algorithm: algorithmID)) }
            } else {
                let rows: [any SQLRow] = try await db.raw("SELECT id FROM algorithms WHERE id = \(bind: algorithmID)")
                    .all()
                guard !rows.isEmpty else { throw StoreError(.notFound(what: "algorithme", id: algorithmID)) }
            }
            let now = Timestamp.now()
            try await db.raw(
                """
                UPDATE algorithms SET status = 'published', published_sha256 = \(bind: sha256), \
                published_at = \(bind: now) WHERE id = \(bind: algorithmID)
                """
            ).run()
            var details: [String: String] = [:]
            if let sha256 { details["sha256"] = sha256 }
            if let justification { details["justification"] = justification }
            return try await AuditLog.append(
                actor: actor, action: "algorithm.publish", object: algorithmID, details: details, on: db,
                postgres: postgres)
        }
    }

    /// Records an audit report of a model version.
    /// - Returns: the audit's id.
    public func addAudit(
        algorithmID: String, sha256: String, report: String, gatesPassed: Bool, actor: String
    ) async throws -> String {
        let id = OpaqueID.make()
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO audits (id, algorithm_id, model_sha256, report, gates_passed, created_at) VALUES \
                (\(bind: id), \(bind: algorithmID), \(bind: sha256), \(bind: report), \(bind: gatesPassed ? 1 : 0), \
                \(bind: Timestamp.now()))
                """
            ).run()
            try await AuditLog.append(
                actor: actor, action: "audit.add", object: algorithmID,
                details: ["audit": id, "sha256": sha256, "gates_passed": gatesPassed ? "true" : "false"], on: db,
                postgres: postgres)
        }
        return id
    }

    /// The latest audit report of an algorithm, as JSON text, with whether its gates passed.
    public func latestAudit(of algorithmID: String, version sha256: String? = nil) async throws -> (
        report: String, gatesPassed: Bool, sha256: String
    )? {
        try await database.session { db in
            var query = SQLQueryString("SELECT report, gates_passed, model_sha256 FROM audits WHERE algorithm_id = ")
            query.appendInterpolation(bind: algorithmID)
            if let sha256 {
                query.appendLiteral(" AND model_sha256 = ")
                query.appendInterpolation(bind: sha256)
            }
            query.appendLiteral(" ORDER BY created_at DESC, id LIMIT 1")
            let rows: [any SQLRow] = try await db.raw(query).all()
            guard let row = rows.first else { return nil }
            return (
                try row.decode(column: "report", as: String.self),
                try row.decode(column: "gates_passed", as: Int.self) != 0,
                try row.decode(column: "model_sha256", as: String.self)
            )
        }
    }

    /// Algorithms with the number of their published version, in one query.
    static let withNumber =
        "SELECT a.*, v.number AS published_number FROM algorithms a "
        + "LEFT JOIN model_versions v ON v.sha256 = a.published_sha256"

    static func record(_ row: any SQLRow) throws -> AlgorithmRecord {
        let kind = try row.decode(column: "kind", as: String.self)
        let status = try row.decode(column: "status", as: String.self)
        return AlgorithmRecord(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            kind: AlgorithmKind(rawValue: kind) ?? .ciblage, status: AlgorithmStatus(rawValue: status) ?? .draft,
            card: try row.decode(column: "card", as: String.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            publishedSHA256: try row.decode(column: "published_sha256", as: String?.self),
            publishedAt: try row.decode(column: "published_at", as: String?.self),
            publishedNumber: try row.decode(column: "published_number", as: Int?.self))
    }

    static func version(_ row: any SQLRow) throws -> ModelVersion {
        ModelVersion(
            sha256: try row.decode(column: "sha256", as: String.self),
            algorithmID: try row.decode(column: "algorithm_id", as: String.self),
            number: try row.decode(column: "number", as: Int.self),
            file: try row.decode(column: "file", as: String.self),
            createdAt: try row.decode(column: "created_at", as: String.self))
    }
}
