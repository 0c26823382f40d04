import CMemoryHints
import LanterneData

extension TreeGrower {
    /// Reorders `indices[start..<start+count]` so that rows going left come first, each side keeping its order, and
    /// returns how many go left. Ranges of 16,384 rows or more are cut in two halves partitioned in parallel, then
    /// joined; the result is the same as a sequential stable partition.
    /// - Parameter goesLeft: for each of the 256 bins, 1 when its rows go left, 0 otherwise.
    func partition(
        _ indices: inout [Int32], start: Int, count: Int, column: Int, goesLeft: [UInt8]
    ) -> Int {
        let parts = count >= 16_384 && parameters.threads > 1 ? 2 : 1
        let prefetchDistance = Self.prefetchDistance
        var leftCounts = [Int](repeating: 0, count: parts)
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count))
        defer { scratch.deallocate() }
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            bins.withUnsafeBufferPointer { binBuffer in
                goesLeft.withUnsafeBufferPointer { leftTable in
                    leftCounts.withUnsafeMutableBufferPointer { countBuffer in
                        // Part `p` reorders its own range of `indices`, using the same range of the scratch space,
                        // and writes its own count.
                        let idx = SharedPointer(indexBuffer.baseAddress! + start)
                        let binBase = SharedPointer(readOnly: binBuffer.baseAddress! + column)
                        let table = SharedPointer(readOnly: leftTable.baseAddress!)
                        let counts = SharedPointer(countBuffer.baseAddress!)
                        let spare = SharedPointer(scratch)
                        parallel(chunks: parts, threads: parts) { part in
                            let from = count * part / parts
                            let to = count * (part + 1) / parts
                            var write = from
                            var right = from
                            // Each row is written to both sides and only one side's end moves: no branch on where
                            // the row goes. Writing at `write` never overtakes the reading at `r`.
                            for r in from..<to {
                                if r &+ prefetchDistance < to {
                                    lanterne_prefetch(binBase.pointer + Int(idx.pointer[r &+ prefetchDistance]))
                                }
                                let row = idx.pointer[r]
                                let left = Int(table.pointer[Int(binBase.pointer[Int(row)])])
                                idx.pointer[write] = row
                                spare.pointer[right] = row
                                write &+= left
                                right &+= 1 &- left
                            }
                            // Right rows after the left ones of this part.
                            (idx.pointer + write).update(from: spare.pointer + from, count: right - from)
                            counts.pointer[part] = write - from
                        }
                        if parts == 2 {
                            // [L0 R0 L1 R1] -> [L0 L1 R0 R1]: move R0 after L1.
                            let half = count / 2
                            let r0 = half - counts.pointer[0]
                            let l1 = counts.pointer[1]
                            spare.pointer.update(from: idx.pointer + counts.pointer[0], count: r0)
                            (idx.pointer + counts.pointer[0]).update(from: idx.pointer + half, count: l1)
                            (idx.pointer + counts.pointer[0] + l1).update(from: spare.pointer, count: r0)
                        }
                    }
                }
            }
        }
        return leftCounts.reduce(0, +)
    }
}
