import Foundation
import LanterneModels
import SQLKit

/// The cases of control periods and the agents' decisions on them, as stored. A decision gives the person a notice
/// token (256 random bits) of which only the SHA-256 is kept, as for sessions.
public struct CaseStore: Sendable {
    /// The database.
    public let database: StoreDatabase

    /// Creates the cases' view of a database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// Stores the scored population of one control period and logs how many the policy proposed.
    /// - Parameters:
    ///   - cases: the cases.
    ///   - algorithmID: the algorithm.
    ///   - sha256: the model version that scored them.
    ///   - period: the period (`2026-12`).
    ///   - seed: the random draw's recorded seed.
    ///   - actor: who stores them.
    /// - Returns: the stored cases' ids, in the order given.
    @discardableResult
    public func addPeriod(
        _ cases: [NewCase], algorithmID: String, sha256: String, period: String, seed: UInt64, actor: String
    ) async throws -> [String] {
        let ids = cases.map { _ in OpaqueID.make() }
        let now = Timestamp.now()
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            for start in stride(from: 0, to: cases.count, by: 100) {
                var query = SQLQueryString(
                    "INSERT INTO cases (id, algorithm_id, model_sha256, period, reference, data, protected, score, proposed, "
                        + "random_draw, queue_position, status, created_at) VALUES ")
                for index in start..<min(cases.count, start + 100) {
                    let item = cases[index]
                    if index > start { query.appendLiteral(", ") }
                    query.appendInterpolation(
                        unsafeRaw: "(")
                    query.appendInterpolation(bind: ids[index])
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: algorithmID)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: sha256)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: period)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: item.reference)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: item.data)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: item.protected)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: item.score)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: item.proposed ? 1 : 0)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: item.randomDraw ? 1 : 0)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: item.queuePosition)
                    query.appendLiteral(", 'open', ")
                    query.appendInterpolation(bind: now)
                    query.appendLiteral(")")
                }
                try await db.raw(query).run()
            }
            try await AuditLog.append(
                actor: actor, action: "cases.add", object: algorithmID,
                details: [
                    "period": period, "cases": String(cases.count), "model": sha256, "seed": String(seed),
                    "proposed": String(cases.count(where: \.proposed)),
                    "random_draw": String(cases.count(where: \.randomDraw)),
                ], on: db, postgres: postgres)
        }
        return ids
    }

    /// Whether an algorithm already has cases for this period.
    public func hasPeriod(_ period: String, algorithmID: String) async throws -> Bool {
        try await database.session { db in
            let rows = try await db.raw(
                """
                SELECT COUNT(*) AS count FROM cases WHERE algorithm_id = \(bind: algorithmID) \
                AND period = \(bind: period)
                """
            ).all()
            return try (rows.first?.decode(column: "count", as: Int.self) ?? 0) > 0
        }
    }

    /// An algorithm's control periods with their counts, by name.
    public func periods(algorithmID: String) async throws -> [PeriodCounts] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT period, CAST(COUNT(*) AS BIGINT) AS cases, CAST(SUM(proposed) AS BIGINT) AS proposed, \
                CAST(SUM(random_draw) AS BIGINT) AS drawn, \
                CAST(SUM(CASE WHEN status = 'decided' THEN 1 ELSE 0 END) AS BIGINT) AS decided \
                FROM cases WHERE algorithm_id = \(bind: algorithmID) GROUP BY period ORDER BY period
                """
            ).all().map { row in
                PeriodCounts(
                    period: try row.decode(column: "period", as: String.self),
                    cases: try row.decode(column: "cases", as: Int.self),
                    proposed: try row.decode(column: "proposed", as: Int.self),
                    drawn: try row.decode(column: "drawn", as: Int.self),
                    decided: try row.decode(column: "decided", as: Int.self))
            }
        }
    }

    /// The open cases the policy proposed, in queue order (random draws among them, unmarked).
    /// - Parameter algorithmID: one algorithm, or every one.
    public func queue(algorithmID: String? = nil) async throws -> [CaseRecord] {
        try await database.session { db in
            var query = SQLQueryString("SELECT * FROM cases WHERE proposed = 1 AND status = 'open'")
            if let algorithmID {
                query.appendLiteral(" AND algorithm_id = ")
                query.appendInterpolation(bind: algorithmID)
            }
            query.appendLiteral(" ORDER BY queue_position, id")
            return try await db.raw(query).all().map(CaseStore.record)
        }
    }

    /// Every case of an algorithm's model version (the observed population, for counterfactual bounds).
    public func cases(algorithmID: String, sha256: String) async throws -> [CaseRecord] {
        try await database.session { db in
            try await db.raw(
                """
                SELECT * FROM cases WHERE algorithm_id = \(bind: algorithmID) AND model_sha256 = \(bind: sha256) \
                ORDER BY created_at, queue_position, reference
                """
            ).all().map(CaseStore.record)
        }
    }

    /// The case with this id.
    public func find(id: String) async throws -> CaseRecord? {
        try await database.session { db in
            try await db.raw("SELECT * FROM cases WHERE id = \(bind: id)").all().first.map(CaseStore.record)
        }
    }

    /// Notes when an agent first opened the case (the start of the time to decide).
    public func markOpened(id: String, at date: Date = Date()) async throws {
        try await database.session { db in
            try await db.raw(
                "UPDATE cases SET opened_at = \(bind: Timestamp.text(date)) WHERE id = \(bind: id) AND opened_at IS NULL"
            ).run()
        }
    }

    /// Records the agent's first judgement before the score is shown (« premier regard »), once.
    public func recordFirstLook(id: String, judgement: DecisionOutcome, agent: String) async throws {
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            let rows = try await db.raw("SELECT status, first_look FROM cases WHERE id = \(bind: id)").all()
            guard let row = rows.first else { throw StoreError(.notFound(what: "dossier", id: id)) }
            guard try row.decode(column: "status", as: String.self) == "open" else {
                throw StoreError(.refused(.alreadyDecided))
            }
            if try row.decode(column: "first_look", as: String?.self) != nil { return }
            try await db.raw(
                "UPDATE cases SET first_look = \(bind: judgement.rawValue) WHERE id = \(bind: id)"
            ).run()
            try await AuditLog.append(
                actor: agent, action: "case.first_look", object: id, details: ["judgement": judgement.rawValue],
                on: db, postgres: postgres)
        }
    }

    /// Decides a proposed open case, logs the decision and returns it with the person's notice token.
    /// - Parameters:
    ///   - id: the case.
    ///   - input: the outcome and the written reason (checked by the caller: a reason is required).
    ///   - agent: the deciding agent's username.
    ///   - date: when (now, or the demonstration's past).
    /// - Returns: the decision and the notice token, given once.
    /// - Throws: ``StoreError`` not found, or refused when the case is decided already or was not proposed.
    public func decide(id: String, input: DecisionInput, agent: String, at date: Date = Date()) async throws
        -> (decision: DecisionRecord, token: String)
    {
        try await decideAll([(id, input)], agent: agent, at: date)[0]
    }

    /// Decides several proposed open cases at once, each with its own written reason, in one transaction: all are
    /// stored or none.
    /// - Parameters:
    ///   - decisions: each case with its decision.
    ///   - agent: the deciding agent's username.
    ///   - date: when.
    /// - Returns: each decision with its notice token, in the order given.
    /// - Throws: ``StoreError`` for the first case unknown, already decided (or given twice) or not proposed.
    public func decideAll(_ decisions: [(id: String, input: DecisionInput)], agent: String, at date: Date = Date())
        async throws -> [(decision: DecisionRecord, token: String)]
    {
        let postgres = database.location.isPostgres
        let tokens = decisions.map { _ in OpaqueID.make(bytes: 32) }
        let records = try await database.transaction { db -> [DecisionRecord] in
            var made: [DecisionRecord] = []
            for ((id, input), token) in zip(decisions, tokens) {
                made.append(
                    try await CaseStore.decide(
                        id: id, input: input, agent: agent, at: date, tokenHash: SHA256.hex(of: Array(token.utf8)),
                        on: db, postgres: postgres))
            }
            return made
        }
        return Array(zip(records, tokens)).map { ($0.0, $0.1) }
    }

    /// One decision inside a transaction.
    static func decide(
        id: String, input: DecisionInput, agent: String, at date: Date, tokenHash hash: String, on db: any SQLDatabase,
        postgres: Bool
    ) async throws -> DecisionRecord {
        let rows = try await db.raw("SELECT * FROM cases WHERE id = \(bind: id)").all()
        guard let row = rows.first else { throw StoreError(.notFound(what: "dossier", id: id)) }
        let record = try CaseStore.record(row)
        guard record.proposed else { throw StoreError(.refused(.notProposed)) }
        guard record.status == "open" else { throw StoreError(.refused(.alreadyDecided)) }
        let decidedAt = Timestamp.text(date)
        let seconds = record.openedAt.flatMap(Timestamp.date).map { date.timeIntervalSince($0) }
        let agrees = input.outcome == .control
        let entry = try await AuditLog.append(
            actor: agent, action: "case.decide", object: id,
            details: [
                "outcome": input.outcome.rawValue, "proposal": DecisionOutcome.control.rawValue,
                "agrees": agrees ? "1" : "0", "reason_category": input.reasonCategory,
                "reason_sha256": SHA256.hex(of: Array(input.reason.utf8)),
            ], on: db, postgres: postgres)
        let decision = DecisionRecord(
            id: OpaqueID.make(), caseID: id, agent: agent, outcome: input.outcome,
            reasonCategory: input.reasonCategory, reason: input.reason, proposal: .control, agrees: agrees,
            templateUnchanged: input.templateUnchanged, secondsToDecide: seconds, logSequence: entry.sequence,
            logHash: entry.hash, decidedAt: decidedAt)
        try await db.raw(
            """
            INSERT INTO decisions (id, case_id, agent, outcome, reason_category, reason, proposal, agrees, \
            template_unchanged, seconds_to_decide, notice_token_hash, log_sequence, log_hash, decided_at) VALUES \
            (\(bind: decision.id), \(bind: id), \(bind: agent), \(bind: input.outcome.rawValue), \
            \(bind: input.reasonCategory), \(bind: input.reason), \(bind: decision.proposal.rawValue), \
            \(bind: agrees ? 1 : 0), \(bind: input.templateUnchanged ? 1 : 0), \(bind: seconds), \(bind: hash), \
            \(bind: entry.sequence), \(bind: entry.hash), \(bind: decidedAt))
            """
        ).run()
        try await db.raw("UPDATE cases SET status = 'decided' WHERE id = \(bind: id)").run()
        return decision
    }

    /// Records what the control of a decided case found, once, and logs it.
    /// - Throws: ``StoreError`` not found when the case has no decision; refused when a finding is already recorded.
    public func recordFinding(caseID: String, irregular: Bool, agent: String, at date: Date = Date()) async throws {
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            let rows = try await db.raw("SELECT finding FROM decisions WHERE case_id = \(bind: caseID)").all()
            guard let row = rows.first else { throw StoreError(.notFound(what: "décision du dossier", id: caseID)) }
            guard try row.decode(column: "finding", as: String?.self) == nil else {
                throw StoreError(.refused(.findingRecorded))
            }
            try await db.raw(
                """
                UPDATE decisions SET finding = \(bind: irregular ? "irregularity" : "none"), \
                finding_at = \(bind: Timestamp.text(date)), finding_by = \(bind: agent) WHERE case_id = \(bind: caseID)
                """
            ).run()
            try await AuditLog.append(
                actor: agent, action: "case.finding", object: caseID,
                details: ["finding": irregular ? "irregularity" : "none"], on: db, postgres: postgres)
        }
    }

    /// The controls' findings of an algorithm's cases, split between the score's proposals and the random draw.
    public func findings(algorithmID: String) async throws -> FindingCounts {
        try await database.session { db in
            let rows = try await db.raw(
                """
                SELECT c.random_draw AS drawn, COUNT(*) AS cases, \
                SUM(CASE WHEN d.outcome = 'control' AND d.finding IS NOT NULL THEN 1 ELSE 0 END) AS controls, \
                SUM(CASE WHEN d.outcome = 'control' AND d.finding = 'irregularity' THEN 1 ELSE 0 END) AS found \
                FROM cases c LEFT JOIN decisions d ON d.case_id = c.id \
                WHERE c.algorithm_id = \(bind: algorithmID) AND c.proposed = 1 GROUP BY c.random_draw
                """
            ).all()
            var counts = FindingCounts(
                modelControls: 0, modelFound: 0, drawnControls: 0, drawnFound: 0, proposed: 0, drawn: 0)
            for row in rows {
                let cases = try row.decode(column: "cases", as: Int.self)
                let controls = try row.decode(column: "controls", as: Int?.self) ?? 0
                let found = try row.decode(column: "found", as: Int?.self) ?? 0
                counts.proposed += cases
                if try row.decode(column: "drawn", as: Int.self) != 0 {
                    counts.drawn = cases
                    counts.drawnControls = controls
                    counts.drawnFound = found
                } else {
                    counts.modelControls = controls
                    counts.modelFound = found
                }
            }
            return counts
        }
    }

    /// The case and decision a notice token opens, or `nil` for an unknown token.
    public func notice(token: String) async throws -> (case: CaseRecord, decision: DecisionRecord)? {
        let hash = SHA256.hex(of: Array(token.utf8))
        return try await database.session { db in
            let rows = try await db.raw(
                "SELECT * FROM decisions WHERE notice_token_hash = \(bind: hash)"
            ).all()
            guard let row = rows.first else { return nil }
            let decision = try CaseStore.decision(row)
            let cases = try await db.raw("SELECT * FROM cases WHERE id = \(bind: decision.caseID)").all()
            guard let found = cases.first else { return nil }
            return (try CaseStore.record(found), decision)
        }
    }

    /// The decision on a case, if taken.
    public func decision(caseID: String) async throws -> DecisionRecord? {
        try await database.session { db in
            try await db.raw("SELECT * FROM decisions WHERE case_id = \(bind: caseID)").all().first
                .map { try CaseStore.decision($0) }
        }
    }

    /// Every decision with its case, oldest first (for oversight).
    public func decisions() async throws -> [(case: CaseRecord, decision: DecisionRecord)] {
        try await database.session { db in
            let rows = try await db.raw(
                """
                SELECT c.*, d.id AS d_id, d.agent, d.outcome, d.reason_category, d.reason, d.proposal, d.agrees, \
                d.template_unchanged, d.seconds_to_decide, d.log_sequence, d.log_hash, d.decided_at, d.finding \
                FROM decisions d JOIN cases c ON c.id = d.case_id ORDER BY d.decided_at, d.id
                """
            ).all()
            return try rows.map { row in (try CaseStore.record(row), try CaseStore.decision(row, idColumn: "d_id")) }
        }
    }

    static func record(_ row: any SQLRow) throws -> CaseRecord {
        CaseRecord(
            id: try row.decode(column: "id", as: String.self),
            algorithmID: try row.decode(column: "algorithm_id", as: String.self),
            modelSHA256: try row.decode(column: "model_sha256", as: String.self),
            period: try row.decode(column: "period", as: String.self),
            reference: try row.decode(column: "reference", as: String.self),
            data: try row.decode(column: "data", as: String.self),
            protected: try row.decode(column: "protected", as: String.self),
            score: try row.decode(column: "score", as: Double.self),
            proposed: try row.decode(column: "proposed", as: Int.self) != 0,
            randomDraw: try row.decode(column: "random_draw", as: Int.self) != 0,
            queuePosition: try row.decode(column: "queue_position", as: Int.self),
            status: try row.decode(column: "status", as: String.self),
            firstLook: try row.decode(column: "first_look", as: String?.self),
            openedAt: try row.decode(column: "opened_at", as: String?.self),
            createdAt: try row.decode(column: "created_at", as: String.self))
    }

    static func decision(_ row: any SQLRow, idColumn: String = "id") throws -> DecisionRecord {
        DecisionRecord(
            id: try row.decode(column: idColumn, as: String.self),
            caseID: try row.decode(column: idColumn == "id" ? "case_id" : "id", as: String.self),
            agent: try row.decode(column: "agent", as: String.self),
            outcome: DecisionOutcome(rawValue: try row.decode(column: "outcome", as: String.self)) ?? .other,
            reasonCategory: try row.decode(column: "reason_category", as: String.self),
            reason: try row.decode(column: "reason", as: String.self),
            proposal: DecisionOutcome(rawValue: try row.decode(column: "proposal", as: String.self)) ?? .control,
            agrees: try row.decode(column: "agrees", as: Int.self) != 0,
            templateUnchanged: try row.decode(column: "template_unchanged", as: Int.self) != 0,
            secondsToDecide: try row.decode(column: "seconds_to_decide", as: Double?.self),
            logSequence: try row.decode(column: "log_sequence", as: Int.self),
            logHash: try row.decode(column: "log_hash", as: String.self),
            decidedAt: try row.decode(column: "decided_at", as: String.self),
            finding: try row.decode(column: "finding", as: String?.self).map { $0 == "irregularity" })
    }
}
