import Crypto

/// SHA-256 (FIPS 180-4), for model version ids and the audit log's hash chain; the hashing is swift-crypto's.
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    /// Creates an empty hash.
    public init() {}

    /// Adds bytes to the hashed message.
    /// - Parameter bytes: the next bytes.
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let contiguous: Bool? = bytes.withContiguousStorageIfAvailable { buffer in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(buffer))
            return true
        }
        if contiguous == nil { hasher.update(data: Array(bytes)) }
    }

    /// The 32-byte digest of everything added; the hash can take more bytes afterwards.
    /// - Returns: the digest.
    public func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// The lowercase hexadecimal digest of `bytes`.
    /// - Parameter bytes: the message.
    /// - Returns: 64 hexadecimal characters.
    public static func hex<Bytes: Sequence>(of bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hash = SHA256()
        hash.update(bytes)
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hash.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
