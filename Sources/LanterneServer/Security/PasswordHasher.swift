import HummingbirdBcrypt

/// Passwords as bcrypt hashes; hashing and checking run on the engine pool.
public struct PasswordHasher: Sendable {
    /// The bcrypt cost: 12 in service (about a quarter of a second), lower in tests.
    public let cost: UInt8

    /// Creates a hasher.
    /// - Parameter cost: the bcrypt cost (4 to 31).
    public init(cost: UInt8 = 12) { self.cost = cost }

    /// The hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await EngineWork.run { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await EngineWork.run { Bcrypt.verify(password, hash: hash) }
    }
}
