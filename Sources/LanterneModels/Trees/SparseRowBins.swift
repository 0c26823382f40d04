/// The bins of every row, row after row, without each feature's most frequent bin: a row lists only where it
/// differs from the usual (most incomes are zero, most flags are 0). A node's histogram then costs one addition per
/// listed bin; each feature's most frequent bin is the node's total minus its other bins, as LightGBM does.
struct SparseRowBins: Sendable {
    /// For each row, its listed bins as positions in the node histogram (feature offset + bin).
    let entries: [UInt16]
    /// Where each row's entries start; `starts[rows]` is the end.
    let starts: [Int32]
    /// Each feature's most frequent bin.
    let mostFrequent: [Int]

    /// Lists the bins of row-major binned rows, or `nil` when too few bins are left out for it to pay (a dense
    /// table), or when the histogram has more positions than 16 bits hold.
    init?(rowBins: [UInt8], rows: Int, binCounts: [Int], offsets: [Int], totalBins: Int) {
        let width = binCounts.count
        guard rows > 0, width > 0, totalBins <= Int(UInt16.max) else { return nil }
        var frequencies = [Int](repeating: 0, count: totalBins)
        rowBins.withUnsafeBufferPointer { bins in
            for row in 0..<rows {
                for feature in 0..<width { frequencies[offsets[feature] + Int(bins[row * width + feature])] += 1 }
            }
        }
        let mostFrequent = (0..<width).map { feature in
            (0..<binCounts[feature]).max { frequencies[offsets[feature] + $0] < frequencies[offsets[feature] + $1] }
                ?? 0
        }
        let left = (0..<width).reduce(0) { $0 + frequencies[offsets[$1] + mostFrequent[$1]] }
        // Worth it when at least a third of the cells are left out.
        guard left * 3 >= rows * width else { return nil }
        var entries = [UInt16]()
        entries.reserveCapacity(rows * width - left)
        var starts = [Int32]()
        starts.reserveCapacity(rows + 1)
        rowBins.withUnsafeBufferPointer { bins in
            for row in 0..<rows {
                starts.append(Int32(entries.count))
                for feature in 0..<width {
                    let bin = Int(bins[row * width + feature])
                    if bin != mostFrequent[feature] { entries.append(UInt16(offsets[feature] + bin)) }
                }
            }
        }
        starts.append(Int32(entries.count))
        self.entries = entries
        self.starts = starts
        self.mostFrequent = mostFrequent
    }
}
