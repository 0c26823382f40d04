import Foundation
import LanterneData
import LanterneModels
import SQLKit

/// A signed-in session: the token the browser or API client holds, and the form token that goes with it.
public struct SessionGrant: Sendable, Equatable {
    /// The secret token (256 random bits); only its SHA-256 is stored.
    public var token: String
    /// The CSRF token every form of this session carries.
    public var csrfToken: String
    /// The account.
    public var user: User
    /// When the session ends, as ``Timestamp`` text.
    public var expiresAt: String
}

/// Sessions as stored: by the SHA-256 of their token, so that a copy of the database opens no session.
public struct SessionStore: Sendable {
    /// The database.
    public let database: StoreDatabase
    /// How long a session lasts.
    public let lifetime: TimeInterval

    /// Creates the sessions' view of a database.
    /// - Parameters:
    ///   - database: the database.
    ///   - lifetime: how long a session lasts (8 hours by default: a working day).
    public init(database: StoreDatabase, lifetime: TimeInterval = 8 * 3600) {
        self.database = database
        self.lifetime = lifetime
    }

    /// Opens a session for `user` and logs it.
    public func open(for user: User) async throws -> SessionGrant {
        let grant = SessionGrant(
            token: OpaqueID.make(bytes: 32), csrfToken: OpaqueID.make(bytes: 32), user: user,
            expiresAt: Timestamp.text(Date().addingTimeInterval(lifetime)))
        let hash = SHA256.hex(of: Array(grant.token.utf8))
        let postgres = database.location.isPostgres
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES \
                (\(bind: hash), \(bind: user.id), \(bind: grant.csrfToken), \(bind: Timestamp.now()), \
                \(bind: grant.expiresAt))
                """
            ).run()
            try await AuditLog.append(
                actor: user.username, action: "session.open", object: user.id, details: [:], on: db,
                postgres: postgres)
        }
        return grant
    }

    /// The live session of a token, or `nil` when the token is unknown or expired.
    public func find(token: String) async throws -> SessionGrant? {
        let hash = SHA256.hex(of: Array(token.utf8))
        let now = Timestamp.now()
        return try await database.session { db in
            let rows: [any SQLRow] = try await db.raw(
                """
                SELECT sessions.csrf_token AS csrf_token, sessions.expires_at AS expires_at, users.* FROM sessions \
                JOIN users ON users.id = sessions.user_id \
                WHERE sessions.token_hash = \(bind: hash) AND sessions.expires_at > \(bind: now)
                """
            ).all()
            guard let row = rows.first else { return nil }
            return SessionGrant(
                token: token, csrfToken: try row.decode(column: "csrf_token", as: String.self),
                user: try UserStore.user(row), expiresAt: try row.decode(column: "expires_at", as: String.self))
        }
    }

    /// Ends a session.
    public func close(token: String) async throws {
        let hash = SHA256.hex(of: Array(token.utf8))
        try await database.session { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: hash)").run()
        }
    }
}
