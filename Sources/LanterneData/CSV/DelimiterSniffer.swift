/// Guesses the field delimiter from the first lines of a file.
enum DelimiterSniffer {
    /// The candidates, in order of preference on a tie: comma, semicolon, tab.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// The delimiter whose count is the same, and highest, on the first lines (quoted parts ignored).
    /// - Parameter bytes: the start of the file.
    /// - Returns: the delimiter byte.
    static func sniff(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [[Int]] = []
        var current = [0, 0, 0]
        var inQuotes = false
        var i = 0
        while i < bytes.count && counts.count < 20 {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes && (byte == 10 || byte == 13) {
                if byte == 13 && i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1 }
                counts.append(current)
                current = [0, 0, 0]
            } else if !inQuotes, let index = candidates.firstIndex(of: byte) {
                current[index] += 1
            }
            i += 1
        }
        if current != [0, 0, 0] && counts.count < 20 { counts.append(current) }
        guard let header = counts.first else { return candidates[0] }
        var best = 0
        var bestScore = (-1, -1)
        for index in candidates.indices where header[index] > 0 {
            let consistent = counts.dropFirst().filter { $0[index] == header[index] }.count
            let score = (consistent, header[index])
            if score > bestScore {
                bestScore = score
                best = index
            }
        }
        return candidates[best]
    }
}
