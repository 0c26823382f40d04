import CMemoryHints
import LanterneData

extension TreeGrower {
    /// How many row shares a node of `count` rows is cut into for its histograms. The number depends on the rows
    /// only, never on the threads, so that the shares' sums are always added in the same order.
    static func shareCount(rows count: Int) -> Int {
        if count >= 65_536 { return 8 }
        if count >= 16_384 { return 4 }
        if count >= 1_024 { return 2 }
        return 1
    }

    /// A node's rows summed share by share, before the shares are added feature by feature.
    struct HistogramShares: Sendable {
        /// Share `p`'s sums at `partial.pointer + p * totalBins`, which the finishing only reads.
        let partial: SharedPointer<SIMD2<Double>>
        let parts: Int
        /// The node's rows.
        let count: Int
        /// The node's total gradient and hessian, shares added in order.
        let total: SIMD2<Double>
        /// The sparse rows were read: each feature's most frequent bin is the total minus its other bins.
        let sparse: SparseRowBins?
    }

    /// The room `sumShares` needs: the sums and totals of the most shares a node is cut into.
    var shareCapacity: Int { (totalBins + 1) * Self.shareCount(rows: Int.max) }

    /// Sums the rows `indices[start..<start+count]` into `partial`, share by share.
    ///
    /// The rows are cut into shares (`shareCount`), each summed by one thread into its own histogram of (gradient,
    /// hessian) pairs, 16 bytes a bin. A share reads each row's gradient and hessian once and adds them to every
    /// feature's bin: from the sparse rows when the trainer gives them (only the bins that differ from each feature's
    /// most frequent one), from the dense rows otherwise, and feature after feature from the column-major bins when
    /// neither applies. The scattered rows of a deep node are prefetched. `finishHistogram` then adds the shares.
    /// - Parameters:
    ///   - sequential: the rows are `0..<rows` in order (the root of a round without subsampling).
    ///   - derivatives: each row's gradient (`x`) and hessian (`y`).
    ///   - partial: room for `shareCapacity` pairs.
    func sumShares(
        indices: [Int32], start: Int, count: Int, sequential: Bool = false, derivatives: [SIMD2<Double>],
        into partial: UnsafeMutablePointer<SIMD2<Double>>
    ) -> HistogramShares {
        let features = allowedFeatures
        let featureCount = binning.binCounts.count
        let parts = Self.shareCount(rows: count)
        let workers = max(1, min(parameters.threads, parts))
        let totalBins = self.totalBins
        // Each share's sums, then each share's total gradient and hessian; each share zeroes its own sums.
        let sparse = features.count == featureCount ? sparseRows : nil
        let dense = features.count > 1 ? denseRows : nil
        indices.withUnsafeBufferPointer { indexBuffer in
            derivatives.withUnsafeBufferPointer { pairs in
                let source = ShareSource(
                    indices: SharedPointer(readOnly: indexBuffer.baseAddress! + start), sequential: sequential,
                    offset: start, derivatives: SharedPointer(readOnly: pairs.baseAddress!))
                // Share `p` writes its own histogram and its own total.
                let out = SharedPointer(partial)
                parallel(chunks: parts, threads: workers) { [self] part in
                    let from = count * part / parts
                    let to = count * (part + 1) / parts
                    let target = out.pointer + part * totalBins
                    target.initialize(repeating: .zero, count: totalBins)
                    let total: SIMD2<Double>
                    if let sparse {
                        total = addSparse(source, from: from, to: to, sparse: sparse, into: target)
                    } else if let dense {
                        total = addDense(source, from: from, to: to, dense: dense, into: target)
                    } else {
                        total = addByFeature(source, from: from, to: to, into: target)
                    }
                    out.pointer[totalBins * parts + part] = total
                }
            }
        }
        // Shares added in a fixed order.
        var total = SIMD2<Double>.zero
        for part in 0..<parts { total += partial[totalBins * parts + part] }
        return HistogramShares(
            partial: SharedPointer(partial), parts: parts, count: count, total: total, sparse: sparse)
    }

    /// Writes one feature's bins of a node's histogram from its shares, added in share order. Counts are not
    /// accumulated but estimated from the hessians, as LightGBM does.
    func finishHistogram(_ shares: HistogramShares, feature: Int, into bins: UnsafeMutablePointer<HistogramBin>) {
        let partial = shares.partial.pointer
        let parts = shares.parts
        let total = shares.total
        let countPerHessian = total.y > 0 ? Double(shares.count) / total.y : 0
        let first = offsets[feature]
        let end = first + binning.binCounts[feature]
        var others = SIMD2<Double>.zero
        for bin in first..<end {
            var sum = partial[bin]
            for part in 1..<parts { sum += partial[part * totalBins + bin] }
            others += sum
            bins[bin] = HistogramBin(gradient: sum.x, hessian: sum.y)
        }
        if let sparse = shares.sparse {
            // The most frequent bin: the node's total minus the feature's other bins.
            let bin = first + sparse.mostFrequent[feature]
            bins[bin].gradient = total.x - (others.x - bins[bin].gradient)
            bins[bin].hessian = total.y - (others.y - bins[bin].hessian)
        }
        for bin in first..<end {
            bins[bin].count = Self.roundedCount(bins[bin].hessian * countPerHessian)
        }
    }

    /// `Int(x.rounded())` (half away from zero) without the C library's `round`, which is a call on x86-64 without
    /// SSE4.1: truncate, then step away from zero when the fraction left is at least a half. `x - trunc(x)` is exact.
    @inline(__always)
    static func roundedCount(_ x: Double) -> Int {
        let truncated = Int(x)
        let fraction = x - Double(truncated)
        return truncated &+ (fraction >= 0.5 ? 1 : 0) &- (fraction <= -0.5 ? 1 : 0)
    }

    /// How many rows ahead a share asks for the memory of the rows it will read.
    static let prefetchDistance = 32

    /// Where a share reads its rows and their gradients and hessians.
    struct ShareSource: Sendable {
        /// The node's rows (`indices + start`), which the shares only read.
        let indices: SharedPointer<Int32>
        /// The rows are `offset + r`, in order.
        let sequential: Bool
        let offset: Int
        /// Each row's gradient and hessian, which the shares only read.
        let derivatives: SharedPointer<SIMD2<Double>>

        @inline(__always)
        func row(_ r: Int) -> Int {
            sequential ? offset &+ r : Int(indices.pointer[r])
        }
    }

    /// Adds rows `from..<to` of a node to `target` through the sparse rows; returns their total.
    private func addSparse(
        _ source: ShareSource, from: Int, to: Int, sparse: SparseRowBins,
        into target: UnsafeMutablePointer<SIMD2<Double>>
    ) -> SIMD2<Double> {
        var total = SIMD2<Double>.zero
        sparse.entries.withUnsafeBufferPointer { entries in
            sparse.starts.withUnsafeBufferPointer { starts in
                for r in from..<to {
                    if !source.sequential && r &+ Self.prefetchDistance < to {
                        let ahead = Int(source.indices.pointer[r &+ Self.prefetchDistance])
                        lanterne_prefetch(starts.baseAddress! + ahead)
                        lanterne_prefetch(entries.baseAddress! + Int(starts[ahead]))
                        lanterne_prefetch(source.derivatives.pointer + ahead)
                    }
                    let row = source.row(r)
                    let pair = source.derivatives.pointer[row]
                    total += pair
                    for e in Int(starts[row])..<Int(starts[row &+ 1]) { target[Int(entries[e])] += pair }
                }
            }
        }
        return total
    }

    /// Adds rows `from..<to` of a node to `target` from the dense rows; returns their total.
    private func addDense(
        _ source: ShareSource, from: Int, to: Int, dense: DenseRowBins, into target: UnsafeMutablePointer<SIMD2<Double>>
    ) -> SIMD2<Double> {
        let width = dense.width
        let features = allowedFeatures
        let all = features.count == width
        var total = SIMD2<Double>.zero
        dense.bins.withUnsafeBufferPointer { binBuffer in
            dense.offsets.withUnsafeBufferPointer { offsets in
                features.withUnsafeBufferPointer { featureList in
                    let base = binBuffer.baseAddress!
                    for r in from..<to {
                        if !source.sequential && r &+ Self.prefetchDistance < to {
                            // Rows of a node are scattered: ask for a later row's bins and derivatives now.
                            let ahead = Int(source.indices.pointer[r &+ Self.prefetchDistance])
                            lanterne_prefetch(base + ahead &* width)
                            lanterne_prefetch(base + (ahead &* width &+ width &- 1))
                            lanterne_prefetch(source.derivatives.pointer + ahead)
                        }
                        let row = source.row(r)
                        let pair = source.derivatives.pointer[row]
                        total += pair
                        let bins = base + row &* width
                        if all {
                            var k = 0
                            while k &+ 4 <= width {
                                let a = offsets[k] &+ Int(bins[k])
                                let b = offsets[k &+ 1] &+ Int(bins[k &+ 1])
                                let c = offsets[k &+ 2] &+ Int(bins[k &+ 2])
                                let d = offsets[k &+ 3] &+ Int(bins[k &+ 3])
                                target[a] += pair
                                target[b] += pair
                                target[c] += pair
                                target[d] += pair
                                k &+= 4
                            }
                            while k < width {
                                target[offsets[k] &+ Int(bins[k])] += pair
                                k &+= 1
                            }
                        } else {
                            for feature in featureList { target[offsets[feature] &+ Int(bins[feature])] += pair }
                        }
                    }
                }
            }
        }
        return total
    }

    /// Adds rows `from..<to` of a node to `target` feature after feature from the column-major bins; returns their
    /// total. The rows' gradients and hessians are first gathered in order, and each feature accumulates into two
    /// interleaved histograms, even and odd rows, which breaks the chain of dependent additions when consecutive rows
    /// fall in the same bin.
    private func addByFeature(
        _ source: ShareSource, from: Int, to: Int, into target: UnsafeMutablePointer<SIMD2<Double>>
    ) -> SIMD2<Double> {
        let n = to - from
        let ordered = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: max(1, n))
        defer { ordered.deallocate() }
        let orderedRows = UnsafeMutablePointer<Int>.allocate(capacity: max(1, n))
        defer { orderedRows.deallocate() }
        var total = SIMD2<Double>.zero
        for r in 0..<n {
            let row = source.row(from + r)
            orderedRows[r] = row
            ordered[r] = source.derivatives.pointer[row]
            total += ordered[r]
        }
        let maxBins = binning.binCounts.max() ?? 1
        let even = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: maxBins)
        let odd = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: maxBins)
        defer {
            even.deallocate()
            odd.deallocate()
        }
        bins.withUnsafeBufferPointer { binBuffer in
            for feature in allowedFeatures {
                let binCount = binning.binCounts[feature]
                even.initialize(repeating: .zero, count: binCount)
                odd.initialize(repeating: .zero, count: binCount)
                let column = binBuffer.baseAddress! + feature * rows
                var r = 0
                while r + 1 < n {
                    even[Int(column[orderedRows[r]])] += ordered[r]
                    odd[Int(column[orderedRows[r + 1]])] += ordered[r + 1]
                    r += 2
                }
                if r < n { even[Int(column[orderedRows[r]])] += ordered[r] }
                let featureTarget = target + offsets[feature]
                for bin in 0..<binCount { featureTarget[bin] = even[bin] + odd[bin] }
            }
        }
        return total
    }
}
