import Foundation
import LanterneStore

/// Builds the register's answers from what is stored, so that the list, the entry and the pages never drift apart.
struct RegisterEntries: Sendable {
    let store: Store
    var algorithms: AlgorithmStore { store.algorithms }
    var log: AuditLog { store.log }

    /// Whether `session` may see drafts (stewards, auditors and admins may).
    static func seesDrafts(_ session: SessionGrant?) -> Bool {
        guard let role = session?.user.role else { return false }
        return role != .agent
    }

    func list(session: SessionGrant?) async throws -> [AlgorithmSummary] {
        var lines: [AlgorithmSummary] = []
        for record in try await algorithms.all(includeDrafts: Self.seesDrafts(session)) {
            lines.append(
                AlgorithmSummary(
                    id: record.id, name: record.name, kind: record.kind.rawValue, status: record.status.rawValue,
                    version: record.publishedNumber, publishedAt: record.publishedAt))
        }
        return lines
    }

    /// The algorithm's record, or 404 when unknown or a draft the session may not see.
    func record(_ id: String, session: SessionGrant?) async throws -> AlgorithmRecord {
        guard let record = try await algorithms.find(id: id),
            record.status != .draft || Self.seesDrafts(session)
        else { throw APIError.notFound("algorithme", id) }
        return record
    }

    /// The failed gates of the published version, each with the justification written when it was published.
    func overrides(of id: String, gates: JSONValue?) async throws -> [OverrideView] {
        let publications = try await log.entries(action: "algorithm.publish", object: id)
        guard let publication = publications.last else { return [] }
        let details = try? JSONDecoder().decode([String: String].self, from: Data(publication.details.utf8))
        guard case .array(let outcomes) = gates ?? .null else { return [] }
        return outcomes.compactMap { outcome in
            guard case .bool(false) = outcome["passed"] ?? .null else { return nil }
            return OverrideView(
                gate: outcome["name"] ?? .null, metric: outcome["metric"] ?? .null, value: outcome["value"] ?? .null,
                justification: details?["justification"], publishedAt: publication.at, logSequence: publication.sequence
            )
        }
    }

    func entry(_ id: String, session: SessionGrant?) async throws -> RegisterEntry {
        let record = try await record(id, session: session)
        let versions = try await algorithms.versions(of: id).map { version in
            VersionView(
                number: version.number, modelSHA256: version.sha256, createdAt: version.createdAt,
                publishedAt: version.sha256 == record.publishedSHA256 ? record.publishedAt : nil)
        }
        var audit: AuditView? = nil
        var overrides: [OverrideView] = []
        if let latest = try await algorithms.latestAudit(of: id, version: record.publishedSHA256) {
            let report = try JSONDecoder().decode(JSONValue.self, from: Data(latest.report.utf8))
            audit = AuditView(
                modelSHA256: latest.sha256, gatesPassed: latest.gatesPassed, gates: report["gates"] ?? .array([]),
                rows: report["rows"] ?? .null)
            if !latest.gatesPassed && latest.sha256 == record.publishedSHA256 {
                overrides = try await self.overrides(of: id, gates: report["gates"])
            }
        }
        let card = (try? JSONDecoder().decode(JSONValue.self, from: Data(record.card.utf8))) ?? .object([:])
        let contests = try await store.contests.counts(algorithmID: id)
        let findings = try await store.cases.findings(algorithmID: id)
        return RegisterEntry(
            id: record.id, name: record.name, kind: record.kind.rawValue, status: record.status.rawValue, card: card,
            version: versions.first { $0.modelSHA256 == record.publishedSHA256 }, audit: audit, overrides: overrides,
            randomDraw: findings.proposed == 0 ? nil : RandomDrawView(findings),
            contests: ContestCounts(
                received: contests.received, answered: contests.answered, changed: contests.changed),
            versions: versions)
    }
}
