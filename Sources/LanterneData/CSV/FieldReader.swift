/// Turns a field's raw bytes into its value: quotes removed, spaces trimmed, Windows-1252 converted to UTF-8.
///
/// The returned buffer points either into the file buffer or into the reader's scratch space; it stays valid until
/// the next call.
final class FieldReader {
    private let trimsTabs: Bool
    private let convertsWindows1252: Bool
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int
    private var converted: UnsafeMutablePointer<UInt8>
    private var convertedCapacity: Int

    init(delimiter: UInt8, encoding: TextEncoding) {
        trimsTabs = delimiter != 9
        convertsWindows1252 = encoding == .windows1252
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity)
        convertedCapacity = 768
        converted = .allocate(capacity: convertedCapacity)
    }

    deinit {
        scratch.deallocate()
        converted.deallocate()
    }

    /// The value of the field at `span` in `base`.
    @inline(__always)
    func value(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) -> UnsafeBufferPointer<UInt8> {
        if span.quoted || convertsWindows1252 { return slowValue(base, span) }
        var start = span.start
        var end = span.end
        if start < end && (base[start] == 32 || base[end - 1] == 32 || base[start] == 9 || base[end - 1] == 9) {
            trim(base, &start, &end)
        }
        return UnsafeBufferPointer(start: base + start, count: end - start)
    }

    @inline(__always)
    private func trim(_ base: UnsafePointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end && (base[start] == 32 || (trimsTabs && base[start] == 9)) { start += 1 }
        while end > start && (base[end - 1] == 32 || (trimsTabs && base[end - 1] == 9)) { end -= 1 }
    }

    private func slowValue(_ base: UnsafePointer<UInt8>, _ span: FieldSpan) -> UnsafeBufferPointer<UInt8> {
        var value: UnsafeBufferPointer<UInt8>
        if span.quoted {
            let length = span.end - span.start
            if length > scratchCapacity {
                scratch.deallocate()
                scratchCapacity = max(length, scratchCapacity * 2)
                scratch = .allocate(capacity: scratchCapacity)
            }
            var count = 0
            var inQuotes = false
            var i = span.start
            while i < span.end {
                let byte = base[i]
                if byte == 34 {
                    if inQuotes && i + 1 < span.end && base[i + 1] == 34 {
                        scratch[count] = 34
                        count += 1
                        i += 2
                        continue
                    }
                    inQuotes.toggle()
                } else {
                    scratch[count] = byte
                    count += 1
                }
                i += 1
            }
            value = UnsafeBufferPointer(start: scratch, count: count)
        } else {
            var start = span.start
            var end = span.end
            trim(base, &start, &end)
            value = UnsafeBufferPointer(start: base + start, count: end - start)
        }
        guard convertsWindows1252, value.contains(where: { $0 >= 0x80 }) else { return value }
        if value.count * 3 > convertedCapacity {
            converted.deallocate()
            convertedCapacity = max(value.count * 3, convertedCapacity * 2)
            converted = .allocate(capacity: convertedCapacity)
        }
        let count = Windows1252.writeUTF8(of: value, to: converted)
        return UnsafeBufferPointer(start: converted, count: count)
    }
}
