import Foundation
import SQLKit

/// An account.
public struct User: Sendable, Equatable, Codable {
    /// Opaque id.
    public var id: String
    /// The name typed at login.
    public var username: String
    /// What the account may do.
    public var role: Role
    /// The bcrypt hash of the password.
    public var passwordHash: String
    /// Failed logins since the last success.
    public var failedLogins: Int
    /// Until when logins are refused after too many failures.
    public var lockedUntil: String?
}

/// Accounts as stored.
public struct UserStore: Sendable {
    /// The database.
    public let database: StoreDatabase

    /// Creates the accounts' view of a database.
    /// - Parameter database: the database.
    public init(database: StoreDatabase) { self.database = database }

    /// Creates an account and logs it.
    /// - Parameters:
    ///   - username: the login name.
    ///   - role: the role.
    ///   - passwordHash: the bcrypt hash of the password.
    ///   - actor: who creates it.
    /// - Returns: the account.
    /// - Throws: ``StoreError`` `.conflict` when the name is taken.
    public func create(username: String, role: Role, passwordHash: String, actor: String) async throws -> User {
        let user = User(
            id: OpaqueID.make(), username: username, role: role, passwordHash: passwordHash, failedLogins: 0,
            lockedUntil: nil)
        let postgres = database.location.isPostgres
        if try await find(username: username) != nil { throw StoreError(.conflict(what: "le compte « \(username) »")) }
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO users (id, username, role, password_hash, created_at) VALUES \
                (\(bind: user.id), \(bind: user.username), \(bind: user.role.rawValue), \(bind: user.passwordHash), \
                \(bind: Timestamp.now()))
                """
            ).run()
            try await AuditLog.append(
                actor: actor, action: "user.create", object: user.id, details: ["role": role.rawValue], on: db,
                postgres: postgres)
        }
        return user
    }

    /// The account with this login name.
    public func find(username: String) async throws -> User? {
        try await database.session { db in
            let rows: [any SQLRow] = try await db.raw("SELECT * FROM users WHERE username = \(bind: username)").all()
            return try rows.first.map(UserStore.user)
        }
    }

    /// The account with this id.
    public func find(id: String) async throws -> User? {
        try await database.session { db in
            let rows: [any SQLRow] = try await db.raw("SELECT * FROM users WHERE id = \(bind: id)").all()
            return try rows.first.map(UserStore.user)
        }
    }

    /// Every account, by name.
    public func all() async throws -> [User] {
        try await database.session { db in
            let rows: [any SQLRow] = try await db.raw("SELECT * FROM users ORDER BY username").all()
            return try rows.map(UserStore.user)
        }
    }

    /// Records a failed login; from `limit` failures in a row the account is locked for `lock` seconds.
    public func recordFailure(_ user: User, limit: Int = 5, lock: TimeInterval = 300) async throws {
        let failures = user.failedLogins + 1
        let until = failures >= limit ? Timestamp.text(Date().addingTimeInterval(lock)) : nil
        try await database.session { db in
            try await db.raw(
                "UPDATE users SET failed_logins = \(bind: failures), locked_until = \(bind: until) WHERE id = \(bind: user.id)"
            ).run()
        }
    }

    /// Clears the failure count after a successful login.
    public func recordSuccess(_ user: User) async throws {
        try await database.session { db in
            try await db.raw(
                "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = \(bind: user.id)"
            ).run()
        }
    }

    static func user(_ row: any SQLRow) throws -> User {
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else {
            throw StoreError(.failed(detail: "rôle inconnu « \(roleText) » dans la table users"))
        }
        return User(
            id: try row.decode(column: "id", as: String.self),
            username: try row.decode(column: "username", as: String.self), role: role,
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            failedLogins: try row.decode(column: "failed_logins", as: Int.self),
            lockedUntil: try row.decode(column: "locked_until", as: String?.self))
    }
}
