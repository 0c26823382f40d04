import Foundation
import LanterneModels
import SQLKit

/// Contests filed from notices and their answers. A contest never reaches the agent who took the decision; the
/// administration has one month to answer, after which its silence counts as a refusal and the contest is overdue.
public struct ContestStore: Sendable {
    /// The database.
    public let database: StoreDatabase

    /// Creates the contests' view of a database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// The due date of a contest filed at `date`: the same day one month later, in UTC.
    public static func due(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(byAdding: .month, value: 1, to: date) ?? date.addingTimeInterval(31 * 86_400)
    }

    /// Files a contest against the decision a notice token opens, and logs it (without the message or contact).
    /// - Parameters:
    ///   - token: the notice token.
    ///   - message: the person's message (checked by the caller).
    ///   - contact: how to reach them.
    ///   - date: when (now, or the demonstration's past).
    /// - Returns: the contest, whose id is the receipt number.
    /// - Throws: ``StoreError`` not found for an unknown token, refused when the decision already has a contest.
    public func file(token: String, message: String, contact: String, at date: Date = Date()) async throws
        -> ContestRecord
    {
        let hash = SHA256.hex(of: Array(token.utf8))
        let postgres = database.location.isPostgres
        return try await database.transaction { db in
            let rows = try await db.raw(
                "SELECT id, case_id, agent FROM decisions WHERE notice_token_hash = \(bind: hash)"
            ).all()
            guard let row = rows.first else { throw StoreError(.notFound(what: "notice", id: "…")) }
            let decisionID = try row.decode(column: "id", as: String.self)
            // The due date from the stored text, so that anyone recomputing it from `created_at` finds it again.
            let filedAt = Timestamp.text(date)
            let existing = try await db.raw("SELECT id FROM contests WHERE decision_id = \(bind: decisionID)").all()
            guard existing.isEmpty else { throw StoreError(.refused(.alreadyContested)) }
            let contest = ContestRecord(
                id: OpaqueID.make(bytes: 8), decisionID: decisionID, message: message, contact: contact,
                status: "open", createdAt: filedAt,
                dueAt: Timestamp.text(Self.due(after: Timestamp.date(filedAt) ?? date)),
                decidingAgent: try row.decode(column: "agent", as: String.self),
                caseID: try row.decode(column: "case_id", as: String.self))
            try await db.raw(
                """
                INSERT INTO contests (id, decision_id, message, contact, status, created_at, due_at) VALUES \
                (\(bind: contest.id), \(bind: decisionID), \(bind: message), \(bind: contact), 'open', \
                \(bind: contest.createdAt), \(bind: contest.dueAt))
                """
            ).run()
            try await AuditLog.append(
                actor: "public", action: "contest.file", object: contest.id,
                details: ["decision": decisionID, "due": contest.dueAt], on: db, postgres: postgres)
            return contest
        }
    }

    /// The contest of a decision, if one was filed.
    public func forDecision(_ decisionID: String) async throws -> ContestRecord? {
        try await select("WHERE c.decision_id = ", decisionID).first
    }

    /// The contest with this id.
    public func find(id: String) async throws -> ContestRecord? {
        try await select("WHERE c.id = ", id).first
    }

    /// Every contest, the oldest due first.
    public func all() async throws -> [ContestRecord] {
        try await select("", nil)
    }

    /// How many contests an algorithm received, how many were answered and how many changed the decision.
    public func counts(algorithmID: String) async throws -> (received: Int, answered: Int, changed: Int) {
        try await database.session { db in
            let rows = try await db.raw(
                """
                SELECT COUNT(*) AS received, \
                SUM(CASE WHEN c.status = 'answered' THEN 1 ELSE 0 END) AS answered, \
                SUM(CASE WHEN c.outcome = 'changed' THEN 1 ELSE 0 END) AS changed \
                FROM contests c JOIN decisions d ON d.id = c.decision_id JOIN cases k ON k.id = d.case_id \
                WHERE k.algorithm_id = \(bind: algorithmID)
                """
            ).all()
            guard let row = rows.first else { return (0, 0, 0) }
            return (
                try row.decode(column: "received", as: Int.self),
                try row.decode(column: "answered", as: Int?.self) ?? 0,
                try row.decode(column: "changed", as: Int?.self) ?? 0
            )
        }
    }

    /// The open contests an agent may answer: never those of their own decisions.
    public func queue(for agent: String) async throws -> [ContestRecord] {
        try await select("WHERE c.status = 'open' AND d.agent <> ", agent)
    }

    /// Answers a contest and logs it.
    /// - Throws: ``StoreError`` not found; refused for the deciding agent or a contest already answered.
    public func answer(
        id: String, outcome: ContestOutcome, answer: String, agent: String, at date: Date = Date()
    ) async throws -> ContestRecord {
        let postgres = database.location.isPostgres
        let answeredAt = Timestamp.text(date)
        try await database.transaction { db in
            let rows = try await db.raw(
                """
                SELECT c.status, d.agent FROM contests c JOIN decisions d ON d.id = c.decision_id \
                WHERE c.id = \(bind: id)
                """
            ).all()
            guard let row = rows.first else { throw StoreError(.notFound(what: "contestation", id: id)) }
            guard try row.decode(column: "agent", as: String.self) != agent else {
                throw StoreError(.refused(.ownDecision))
            }
            guard try row.decode(column: "status", as: String.self) == "open" else {
                throw StoreError(.refused(.alreadyAnswered))
            }
            try await db.raw(
                """
                UPDATE contests SET status = 'answered', answered_by = \(bind: agent), \
                outcome = \(bind: outcome.rawValue), answer = \(bind: answer), answered_at = \(bind: answeredAt) \
                WHERE id = \(bind: id)
                """
            ).run()
            try await AuditLog.append(
                actor: agent, action: "contest.answer", object: id,
                details: ["outcome": outcome.rawValue, "answer_sha256": SHA256.hex(of: Array(answer.utf8))], on: db,
                postgres: postgres)
        }
        guard let contest = try await find(id: id) else { throw StoreError(.notFound(what: "contestation", id: id)) }
        return contest
    }

    private func select(_ condition: String, _ value: String?) async throws -> [ContestRecord] {
        try await database.session { db in
            var query = SQLQueryString(
                "SELECT c.*, d.agent AS deciding_agent, d.case_id AS case_id FROM contests c "
                    + "JOIN decisions d ON d.id = c.decision_id " + condition)
            if let value { query.appendInterpolation(bind: value) }
            query.appendLiteral(" ORDER BY c.due_at, c.id")
            return try await db.raw(query).all().map(ContestStore.record)
        }
    }

    static func record(_ row: any SQLRow) throws -> ContestRecord {
        ContestRecord(
            id: try row.decode(column: "id", as: String.self),
            decisionID: try row.decode(column: "decision_id", as: String.self),
            message: try row.decode(column: "message", as: String.self),
            contact: try row.decode(column: "contact", as: String.self),
            status: try row.decode(column: "status", as: String.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            dueAt: try row.decode(column: "due_at", as: String.self),
            answeredBy: try row.decode(column: "answered_by", as: String?.self),
            outcome: try row.decode(column: "outcome", as: String?.self).flatMap(ContestOutcome.init(rawValue:)),
            answer: try row.decode(column: "answer", as: String?.self),
            answeredAt: try row.decode(column: "answered_at", as: String?.self),
            decidingAgent: try row.decode(column: "deciding_agent", as: String.self),
            caseID: try row.decode(column: "case_id", as: String.self))
    }
}
