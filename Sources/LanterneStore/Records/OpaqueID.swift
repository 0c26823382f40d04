/// Random identifiers and secrets: ids in URLs are opaque, tokens unguessable.
public enum OpaqueID {
    /// A new identifier of `bytes` random bytes (the system's cryptographic generator), in lowercase hex.
    /// - Parameter bytes: how many random bytes; 16 (128 bits) by default.
    /// - Returns: the hex text.
    public static func make(bytes: Int = 16) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
