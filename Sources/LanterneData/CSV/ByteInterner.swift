#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives each distinct byte string a small integer code, without creating a `String` per value.
struct ByteInterner {
    /// The bytes of every distinct value, one after the other.
    private(set) var bytes: [UInt8] = []
    /// The end offset of each value in `bytes`.
    private(set) var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Open-addressing slots holding a code, or -1 when empty.
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    /// The number of distinct values.
    var count: Int { ends.count }

    /// The code of `value`, adding it when new.
    /// - Parameter value: UTF-8 bytes.
    /// - Returns: the value's code.
    mutating func intern(_ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(value)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            if hashes[Int(code)] == hash && equals(Int(code), value) { return code }
            slot = (slot + 1) & mask
        }
        let code = Int32(ends.count)
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        hashes.append(hash)
        slots[slot] = code
        if ends.count * 2 > slots.count { grow() }
        return code
    }

    /// The value of `code` as a String.
    /// - Parameter code: a code returned by ``intern(_:)``.
    /// - Returns: the text.
    func string(_ code: Int) -> String {
        let start = code == 0 ? 0 : ends[code - 1]
        return String(decoding: bytes[start..<ends[code]], as: UTF8.self)
    }

    /// Calls `body` with the bytes of `code`.
    func withValue<R>(_ code: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = code == 0 ? 0 : ends[code - 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[code]])) }
    }

    private func equals(_ code: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = code == 0 ? 0 : ends[code - 1]
        guard ends[code] - start == value.count else { return false }
        return bytes.withUnsafeBufferPointer { stored in
            value.count == 0 || memcmp(stored.baseAddress! + start, value.baseAddress!, value.count) == 0
        }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for code in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code)
        }
    }

    /// FNV-1a, then a final mix so that the low bits used for slots are well spread.
    static func hash(_ value: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in value { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
