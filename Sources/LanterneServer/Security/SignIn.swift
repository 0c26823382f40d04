import Foundation
import LanterneStore

/// Checks a username and password, with throttling: after five failures in a row the account is locked for five
/// minutes, whatever the password, on every server process (the count is in the database).
struct SignIn: Sendable {
    let store: Store
    let hasher: PasswordHasher
    /// A hash of a random text, checked for unknown names so that they take as long as known ones.
    let decoy: String

    static let refused = APIError(
        .unauthorized, code: "bad_credentials", french: "identifiant ou mot de passe incorrect",
        english: "wrong username or password")

    static let locked = APIError(
        .tooManyRequests, code: "locked",
        french:
            "trop d'essais manqués : ce compte est bloqué cinq minutes ; réessayez ensuite ou appelez l'administrateur",
        english:
            "too many failed attempts: this account is locked for five minutes; try again later or call the administrator"
    )

    /// The opened session.
    /// - Throws: ``APIError`` 401 for wrong credentials, 429 while locked.
    func signIn(username: String, password: String) async throws -> SessionGrant {
        guard let user = try await store.users.find(username: username) else {
            _ = try await hasher.verify(password, hash: decoy)
            throw Self.refused
        }
        if let until = user.lockedUntil.flatMap(Timestamp.date), until > Date() { throw Self.locked }
        guard try await hasher.verify(password, hash: user.passwordHash) else {
            try await store.users.recordFailure(user)
            throw Self.refused
        }
        try await store.users.recordSuccess(user)
        return try await store.sessions.open(for: user)
    }
}
