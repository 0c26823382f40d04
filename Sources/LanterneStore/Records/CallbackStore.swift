import Foundation
import SQLKit

/// Callback requests left with the assistant: a queue for agents, each request deleted once its retention period is
/// over. The log records that a request was made and handled, never who made it or why.
public struct CallbackStore: Sendable {
    /// The database.
    public let database: StoreDatabase

    /// Creates the callbacks' view of a database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// Stores a request (its subject already redacted by the caller) and logs it.
    /// - Parameters:
    ///   - name: the person's name.
    ///   - contact: a phone number or an e-mail address.
    ///   - preferredTime: when to call.
    ///   - subject: the redacted subject.
    ///   - retention: how long the request is kept.
    ///   - date: when it is made.
    /// - Returns: the stored request.
    public func create(
        name: String, contact: String, preferredTime: String, subject: String, retention: TimeInterval,
        at date: Date = Date()
    ) async throws -> CallbackRecord {
        let record = CallbackRecord(
            id: OpaqueID.make(bytes: 8), name: name, contact: contact, preferredTime: preferredTime, subject: subject,
            status: .toCall, createdAt: Timestamp.text(date),
            deleteAfter: Timestamp.text(date.addingTimeInterval(retention)))
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO callbacks (id, name, contact, preferred_time, subject, status, created_at, delete_after) \
                VALUES (\(bind: record.id), \(bind: name), \(bind: contact), \(bind: preferredTime), \
                \(bind: subject), \(bind: record.status.rawValue), \(bind: record.createdAt), \
                \(bind: record.deleteAfter))
                """
            ).run()
            try await AuditLog.append(
                actor: "public", action: "callback.create", object: record.id, details: [:], on: db,
                postgres: postgres)
        }
        return record
    }

    /// The requests still kept, oldest first.
    public func queue() async throws -> [CallbackRecord] {
        try await database.session { db in
            try await db.raw("SELECT * FROM callbacks ORDER BY created_at, id").all().map(CallbackStore.record)
        }
    }

    /// The request with this id.
    public func find(id: String) async throws -> CallbackRecord? {
        try await database.session { db in
            try await db.raw("SELECT * FROM callbacks WHERE id = \(bind: id)").all().first.map(CallbackStore.record)
        }
    }

    /// Changes a request's status and logs it.
    /// - Throws: ``StoreError`` not found.
    public func setStatus(id: String, status: CallbackStatus, agent: String) async throws -> CallbackRecord {
        let postgres = database.location.isPostgres
        let now = Timestamp.now()
        try await database.transaction { db in
            let rows = try await db.raw("SELECT id FROM callbacks WHERE id = \(bind: id)").all()
            guard !rows.isEmpty else { throw StoreError(.notFound(what: "demande de rappel", id: id)) }
            try await db.raw(
                """
                UPDATE callbacks SET status = \(bind: status.rawValue), updated_by = \(bind: agent), \
                updated_at = \(bind: now) WHERE id = \(bind: id)
                """
            ).run()
            try await AuditLog.append(
                actor: agent, action: "callback.status", object: id, details: ["status": status.rawValue], on: db,
                postgres: postgres)
        }
        guard let record = try await find(id: id) else {
            throw StoreError(.notFound(what: "demande de rappel", id: id))
        }
        return record
    }

    /// Deletes the requests whose retention period is over, and logs how many.
    /// - Parameter date: the present moment.
    /// - Returns: how many were deleted.
    @discardableResult
    public func purge(now date: Date = Date()) async throws -> Int {
        let now = Timestamp.text(date)
        let postgres = database.location.isPostgres
        return try await database.transaction { db in
            let rows = try await db.raw(
                "SELECT COUNT(*) AS count FROM callbacks WHERE delete_after <= \(bind: now)"
            ).all()
            let count = try rows.first?.decode(column: "count", as: Int.self) ?? 0
            guard count > 0 else { return 0 }
            try await db.raw("DELETE FROM callbacks WHERE delete_after <= \(bind: now)").run()
            try await AuditLog.append(
                actor: "system", action: "callback.purge", object: "callbacks", details: ["deleted": String(count)],
                on: db, postgres: postgres)
            return count
        }
    }

    static func record(_ row: any SQLRow) throws -> CallbackRecord {
        CallbackRecord(
            id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
            contact: try row.decode(column: "contact", as: String.self),
            preferredTime: try row.decode(column: "preferred_time", as: String.self),
            subject: try row.decode(column: "subject", as: String.self),
            status: CallbackStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .toCall,
            createdAt: try row.decode(column: "created_at", as: String.self),
            deleteAfter: try row.decode(column: "delete_after", as: String.self),
            updatedBy: try row.decode(column: "updated_by", as: String?.self),
            updatedAt: try row.decode(column: "updated_at", as: String?.self))
    }
}
