import LanterneData
import SQLKit

/// The append-only, hash-chained log of everything done through Lanterne.
public struct AuditLog: Sendable {
    /// The database.
    public let database: StoreDatabase

    /// Creates the log's view of a database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// Appends an entry in its own transaction.
    /// - Parameters:
    ///   - actor: who.
    ///   - action: what.
    ///   - object: on what.
    ///   - details: more, without personal identifiers.
    /// - Returns: the entry written.
    @discardableResult
    public func append(actor: String, action: String, object: String, details: [String: String] = [:])
        async throws -> LogEntry
    {
        try await database.transaction { db in
            try await AuditLog.append(
                actor: actor, action: action, object: object, details: details, on: db,
                postgres: database.location.isPostgres)
        }
    }

    /// Appends an entry inside a transaction the caller holds, so that a change and its entry are written together.
    /// - Parameters:
    ///   - actor: who.
    ///   - action: what.
    ///   - object: on what.
    ///   - details: more, without personal identifiers.
    ///   - db: the caller's transaction.
    ///   - postgres: whether the database is PostgreSQL (appends from several processes then take a lock).
    /// - Returns: the entry written.
    @discardableResult
    public static func append(
        actor: String, action: String, object: String, details: [String: String], on db: any SQLDatabase,
        postgres: Bool
    ) async throws -> LogEntry {
        if postgres {
            // Held until the transaction ends: appends from all processes line up behind one another.
            try await db.raw("SELECT pg_advisory_xact_lock(4242001)").run()
        }
        let last: [any SQLRow] = try await db.raw(
            "SELECT sequence, hash FROM log_entries ORDER BY sequence DESC LIMIT 1"
        ).all()
        let sequence = (try last.first?.decode(column: "sequence", as: Int.self) ?? 0) + 1
        let previous = try last.first?.decode(column: "hash", as: String.self) ?? LogEntry.genesis
        let at = Timestamp.now()
        let detailText = compactJSON(details)
        let hash = LogEntry.hash(
            sequence: sequence, at: at, actor: actor, action: action, object: object, details: detailText,
            previousHash: previous)
        try await db.raw(
            """
            INSERT INTO log_entries (sequence, at, actor, action, object, details, previous_hash, hash) \
            VALUES (\(bind: sequence), \(bind: at), \(bind: actor), \(bind: action), \(bind: object), \
            \(bind: detailText), \(bind: previous), \(bind: hash))
            """
        ).run()
        return LogEntry(
            sequence: sequence, at: at, actor: actor, action: action, object: object, details: detailText,
            previousHash: previous, hash: hash)
    }

    /// The last entry's sequence number and hash (0 and the genesis hash for an empty log).
    public func head() async throws -> (sequence: Int, hash: String) {
        try await database.session { db in
            let rows: [any SQLRow] = try await db.raw(
                "SELECT sequence, hash FROM log_entries ORDER BY sequence DESC LIMIT 1"
            ).all()
            guard let row = rows.first else { return (0, LogEntry.genesis) }
            return (try row.decode(column: "sequence", as: Int.self), try row.decode(column: "hash", as: String.self))
        }
    }

    /// Entries in order, filtered.
    /// - Parameters:
    ///   - after: only entries after this sequence number.
    ///   - actor: only this actor's.
    ///   - action: only actions starting with this text.
    ///   - object: only entries about this object.
    ///   - limit: at most this many.
    /// - Returns: the entries.
    public func entries(
        after: Int = 0, actor: String? = nil, action: String? = nil, object: String? = nil, limit: Int = 1000
    ) async throws -> [LogEntry] {
        try await database.session { db in
            var query = SQLQueryString("SELECT * FROM log_entries WHERE sequence > \(bind: after)")
            if let actor {
                query.appendInterpolation(unsafeRaw: " AND actor = "); query.appendInterpolation(bind: actor)
            }
            if let object {
                query.appendInterpolation(unsafeRaw: " AND object = "); query.appendInterpolation(bind: object)
            }
            if let action {
                query.appendInterpolation(unsafeRaw: " AND action LIKE ")
                query.appendInterpolation(bind: action + "%")
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY sequence LIMIT \(max(0, limit))")
            let rows: [any SQLRow] = try await db.raw(query).all()
            return try rows.map(AuditLog.entry)
        }
    }

    /// Checks the whole chain: every entry's hash from its fields, every link, no gap.
    /// - Returns: the verification, naming the first broken entry.
    public func verify() async throws -> LogVerification {
        var previous = LogEntry.genesis
        var expected = 1
        var count = 0
        var after = 0
        while true {
            let batch = try await entries(after: after, limit: 5000)
            if batch.isEmpty { break }
            for entry in batch {
                count += 1
                if entry.sequence != expected {
                    return LogVerification(
                        valid: false, entries: count, firstBroken: expected, reason: "gap", head: previous)
                }
                if !entry.isSealed {
                    return LogVerification(
                        valid: false, entries: count, firstBroken: entry.sequence, reason: "hash", head: previous)
                }
                if entry.previousHash != previous {
                    return LogVerification(
                        valid: false, entries: count, firstBroken: entry.sequence, reason: "link", head: previous)
                }
                previous = entry.hash
                expected += 1
            }
            after = batch.last!.sequence
        }
        return LogVerification(valid: true, entries: count, firstBroken: nil, reason: nil, head: previous)
    }

    static func entry(_ row: any SQLRow) throws -> LogEntry {
        LogEntry(
            sequence: try row.decode(column: "sequence", as: Int.self),
            at: try row.decode(column: "at", as: String.self),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            object: try row.decode(column: "object", as: String.self),
            details: try row.decode(column: "details", as: String.self),
            previousHash: try row.decode(column: "previous_hash", as: String.self),
            hash: try row.decode(column: "hash", as: String.self))
    }
}

/// Strings as one compact JSON object with sorted keys: the same details always give the same bytes.
func compactJSON(_ values: [String: String]) -> String {
    "{" + values.keys.sorted().map { JSONText.quoted($0) + ":" + JSONText.quoted(values[$0]!) }.joined(separator: ",")
        + "}"
}
