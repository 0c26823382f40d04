import Foundation

/// Little-endian writing of the index file's numbers, strings and arrays.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: Int32) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func write(_ value: Float) { write(Int32(bitPattern: value.bitPattern)) }
    mutating func write(_ text: String) {
        let utf8 = Array(text.utf8)
        write(Int32(utf8.count))
        bytes += utf8
    }
    mutating func write(_ values: [Int32]) {
        write(Int32(values.count))
        for value in values { write(value) }
    }
    mutating func write(_ values: [Float]) {
        write(Int32(values.count))
        for value in values { write(value) }
    }
    mutating func write(_ texts: [String]) {
        write(Int32(texts.count))
        for text in texts { write(text) }
    }
}

/// Reading what ``BinaryWriter`` wrote; any inconsistency is a `nil`.
struct BinaryReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func int32() -> Int32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * UInt32(index)) }
        offset += 4
        return Int32(bitPattern: value)
    }
    mutating func float() -> Float? { int32().map { Float(bitPattern: UInt32(bitPattern: $0)) } }
    mutating func string() -> String? {
        guard let count = int32(), count >= 0, offset + Int(count) <= bytes.count else { return nil }
        defer { offset += Int(count) }
        return String(decoding: bytes[offset..<(offset + Int(count))], as: UTF8.self)
    }
    mutating func int32s() -> [Int32]? {
        guard let count = int32(), count >= 0, offset + 4 * Int(count) <= bytes.count else { return nil }
        var values: [Int32] = []
        values.reserveCapacity(Int(count))
        for _ in 0..<count { values.append(int32()!) }
        return values
    }
    mutating func floats() -> [Float]? { int32s()?.map { Float(bitPattern: UInt32(bitPattern: $0)) } }
    mutating func strings() -> [String]? {
        guard let count = int32(), count >= 0 else { return nil }
        var values: [String] = []
        for _ in 0..<count {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values
    }
}
