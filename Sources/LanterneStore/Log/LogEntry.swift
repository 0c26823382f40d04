import LanterneData
import LanterneModels

/// One entry of the tamper-evident log: who did what to which object, and when.
///
/// `details` must not hold personal identifiers: it names objects by their opaque ids.
public struct LogEntry: Sendable, Equatable, Codable {
    /// The entry's place in the chain, from 1.
    public var sequence: Int
    /// When, as ``Timestamp`` text.
    public var at: String
    /// Who: a username, or `public` for a person without an account, or `system`.
    public var actor: String
    /// What, as a stable verb (`algorithm.publish`, `session.open`, `model.add`…).
    public var action: String
    /// On what: an opaque id.
    public var object: String
    /// More, as compact JSON text of strings.
    public var details: String
    /// The hash of the entry before (64 zeros for the first).
    public var previousHash: String
    /// This entry's hash: SHA-256 of the previous hash and this entry's fields.
    public var hash: String

    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash an entry with these fields must carry.
    /// - Returns: SHA-256, in hex, of the previous hash and each field, one per line.
    public static func hash(
        sequence: Int, at: String, actor: String, action: String, object: String, details: String,
        previousHash: String
    ) -> String {
        // Lines cannot be forged across fields: each field is written with its byte length first.
        var text = previousHash + "\n"
        for field in [String(sequence), at, actor, action, object, details] {
            text += "\(field.utf8.count):\(field)\n"
        }
        return SHA256.hex(of: Array(text.utf8))
    }

    /// Whether the stored hash is the one the fields give.
    public var isSealed: Bool {
        hash
            == LogEntry.hash(
                sequence: sequence, at: at, actor: actor, action: action, object: object, details: details,
                previousHash: previousHash)
    }
}

/// The outcome of checking the log's chain.
public struct LogVerification: Sendable, Equatable, Codable {
    /// Whether every entry's hash is right and links to the one before.
    public var valid: Bool
    /// How many entries were read.
    public var entries: Int
    /// The sequence number of the first entry that breaks the chain.
    public var firstBroken: Int?
    /// Why it breaks: `hash` (the entry's fields do not give its hash), `link` (its previous hash is not the hash
    /// of the entry before) or `gap` (a sequence number is missing).
    public var reason: String?
    /// The last entry's hash.
    public var head: String

    /// Creates a verification outcome.
    public init(valid: Bool, entries: Int, firstBroken: Int? = nil, reason: String? = nil, head: String) {
        self.valid = valid
        self.entries = entries
        self.firstBroken = firstBroken
        self.reason = reason
        self.head = head
    }

    enum CodingKeys: String, CodingKey {
        case valid, entries, reason, head
        case firstBroken = "first_broken"
    }
}
