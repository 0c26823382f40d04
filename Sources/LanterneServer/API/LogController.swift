import Foundation
import Hummingbird
import LanterneStore

/// The log: its head for anyone, its entries and its verification for auditors.
struct LogController: Sendable {
    let log: AuditLog

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.get("log/head", use: head)
        group.get("log", use: entries)
        group.get("log/verify", use: verify)
    }

    struct Head: Encodable, Sendable {
        let sequence: Int
        let hash: String
    }

    struct EntryView: Encodable, Sendable {
        let sequence: Int
        let at: String
        let actor: String
        let action: String
        let object: String
        let details: JSONValue
        let previousHash: String
        let hash: String

        enum CodingKeys: String, CodingKey {
            case sequence, at, actor, action, object, details, hash
            case previousHash = "previous_hash"
        }
    }

    @Sendable func head(_ request: Request, context: LanterneContext) async throws -> Response {
        let head = try await log.head()
        return try JSONBody.response(Head(sequence: head.sequence, hash: head.hash))
    }

    /// Entries after `from` (a sequence number), by `actor`, of a `kind` of action, at most `limit` (1000).
    @Sendable func entries(_ request: Request, context: LanterneContext) async throws -> Response {
        _ = try context.require(.auditor)
        let query = request.uri.queryParameters
        func number(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = query[name[...]] else { return fallback }
            guard let value = Int(text), value >= 0 else {
                throw APIError(
                    .unprocessableContent, code: "bad_query",
                    french: "paramètre « \(name) » : un entier positif est attendu (reçu « \(text) »)",
                    english: "parameter “\(name)”: a non-negative integer is expected (got “\(text)”)")
            }
            return value
        }
        let entries = try await log.entries(
            after: try number("from", 0), actor: query["actor"].map(String.init),
            action: query["kind"].map(String.init), limit: min(try number("limit", 1000), 1000))
        let views = entries.map { entry in
            EntryView(
                sequence: entry.sequence, at: entry.at, actor: entry.actor, action: entry.action,
                object: entry.object,
                details: (try? JSONDecoder().decode(JSONValue.self, from: Data(entry.details.utf8))) ?? .null,
                previousHash: entry.previousHash, hash: entry.hash)
        }
        return try JSONBody.response(views)
    }

    @Sendable func verify(_ request: Request, context: LanterneContext) async throws -> Response {
        _ = try context.require(.auditor)
        return try JSONBody.response(try await log.verify())
    }
}
