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
    /// Values of one to eight bytes, packed into a word (0 when the slot is empty), and their codes: short labels
    /// (sex, département, situation) are found with one multiplication and one comparison.
    private var shortKeys: [UInt64] = Array(repeating: 0, count: 64)
    private var shortCodes: [Int32] = Array(repeating: -1, count: 64)
    private var shortCount = 0
    private var longCount = 0

    /// The number of distinct values.
    var count: Int { ends.count }

    /// The code of `value`, adding it when new.
    /// - Parameter value: UTF-8 bytes.
    /// - Returns: the value's code.
    @inline(__always)
    mutating func intern(_ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        if value.count >= 1 && value.count <= 8 && value[0] != 0 { return internShort(value) }
        return internLong(value)
    }

    private mutating func internShort(_ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        var key: UInt64 = 0
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(value)) }
        let mask = shortKeys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        let found: Int32? = shortKeys.withUnsafeBufferPointer { keys in
            while true {
                let stored = keys[slot]
                if stored == key { return shortCodes[slot] }
                if stored == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let code = Int32(ends.count)
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        hashes.append(Self.hash(value))
        shortKeys[slot] = key
        shortCodes[slot] = code
        shortCount += 1
        if shortCount * 2 > shortKeys.count { growShort() }
        return code
    }

    private mutating func growShort() {
        let oldKeys = shortKeys
        let oldCodes = shortCodes
        shortKeys = Array(repeating: 0, count: oldKeys.count * 2)
        shortCodes = Array(repeating: -1, count: oldKeys.count * 2)
        let mask = shortKeys.count - 1
        for (key, code) in zip(oldKeys, oldCodes) where key != 0 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
            while shortKeys[slot] != 0 { slot = (slot + 1) & mask }
            shortKeys[slot] = key
            shortCodes[slot] = code
        }
    }

    private mutating func internLong(_ value: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(value)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                ends.withUnsafeBufferPointer { ends in
                    bytes.withUnsafeBufferPointer { stored in
                        while true {
                            let code = Int(slots[slot])
                            if code < 0 { return nil }
                            if hashes[code] == hash {
                                let start = code == 0 ? 0 : ends[code - 1]
                                if ends[code] - start == value.count
                                    && Self.sameBytes(stored.baseAddress! + start, value.baseAddress, value.count)
                                {
                                    return Int32(code)
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        if let found { return found }
        let code = Int32(ends.count)
        bytes.append(contentsOf: value)
        ends.append(bytes.count)
        hashes.append(hash)
        slots[slot] = code
        longCount += 1
        if longCount * 2 > slots.count { grow() }
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

    /// Compares `count` bytes, word by word for short values instead of calling `memcmp`.
    @inline(__always)
    private static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard let b, count > 0 else { return true }
        if count > 32 { return memcmp(a, b, count) == 0 }
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for code in hashes.indices {
            let start = code == 0 ? 0 : ends[code - 1]
            let length = ends[code] - start
            if length >= 1 && length <= 8 && bytes[start] != 0 { continue }  // found through the short table
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code)
        }
    }

    /// A multiplicative hash over eight bytes at a time, then a final mix so that the low bits used for slots are
    /// well spread.
    @inline(__always)
    static func hash(_ value: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(value.count)
        guard let base = value.baseAddress else { return hash }
        var i = 0
        let count = value.count
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            i += 8
        }
        if i < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < count {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            hash = (hash ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }
}
