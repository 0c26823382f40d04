import LanterneModels
import Testing

@Suite("SHA-256 gives the FIPS 180-4 digests")
struct SHA256Tests {
    @Test("NIST vectors: empty, abc, two blocks, a million a")
    func nistVectors() {
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("Bytes added in pieces, contiguous or not, hash as the whole message")
    func incremental() {
        let message = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let whole = SHA256.digest(message)
        for piece in [1, 55, 56, 63, 64, 65, 1000] {
            var hash = SHA256()
            var start = 0
            while start < message.count {
                let end = min(message.count, start + piece)
                // Slices are contiguous; a lazy map is not, and is copied first.
                if (start / piece) % 2 == 0 {
                    hash.update(message[start..<end])
                } else {
                    hash.update(message[start..<end].lazy.map { $0 })
                }
                start = end
            }
            #expect(hash.finalize() == whole, "pieces of \(piece)")
        }
        #expect(SHA256.hex(of: message.lazy.map { $0 }) == SHA256.hex(of: message))
    }

    @Test("finalize leaves the hash open: more bytes give the digest of the longer message")
    func finalizeThenContinue() {
        var hash = SHA256()
        hash.update(Array("ab".utf8))
        #expect(hash.finalize() == SHA256.digest(Array("ab".utf8)))
        hash.update(Array("c".utf8))
        #expect(hash.finalize() == SHA256.digest(Array("abc".utf8)))
    }
}

extension SHA256 {
    /// The digest of `bytes` in one call.
    fileprivate static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hash = SHA256()
        hash.update(bytes)
        return hash.finalize()
    }
}
