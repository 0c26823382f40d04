import Dispatch

extension TreeGrower {
    /// How many row shares a node of `count` rows is cut into for its histograms. The number depends on the rows
    /// only, never on the threads, so that the shares' sums are always added in the same order.
    static func shareCount(rows count: Int) -> Int {
        if count >= 65_536 { return 8 }
        if count >= 16_384 { return 4 }
        if count >= 4_096 { return 2 }
        return 1
    }

    /// Builds the histograms of the rows `indices[start..<start+count]`.
    ///
    /// The rows are cut into shares (`shareCount`), each summed by one thread into its own histogram of (gradient,
    /// hessian) pairs, 16 bytes a bin; the shares are then added in order. A share reads each row's gradient and
    /// hessian once and adds them to every feature's bin: from the sparse rows when the trainer gives them (only the
    /// bins that differ from each feature's most frequent one), from the row-major bins otherwise, and feature after
    /// feature from the column-major bins when neither applies.
    /// - Parameter sequential: the rows are `0..<rows` in order (the root of a round without subsampling).
    func histogram(
        indices: [Int32], start: Int, count: Int, sequential: Bool = false, gradients: [Double], hessians: [Double]
    ) -> NodeHistogram {
        let features = allowedFeatures
        let featureCount = binning.binCounts.count
        let parts = Self.shareCount(rows: count)
        let workers = max(1, min(parameters.threads, parts))
        let totalBins = self.totalBins
        // Each share's sums, then each share's total gradient and hessian.
        let partial = UnsafeMutablePointer<Double>.allocate(capacity: 2 * totalBins * parts + 2 * parts)
        defer { partial.deallocate() }
        partial.initialize(repeating: 0, count: 2 * totalBins * parts + 2 * parts)
        let sparse = features.count == featureCount ? sparseRows : nil
        let rowWise = features.count > 1 ? rowBins : nil
        indices.withUnsafeBufferPointer { indexBuffer in
            gradients.withUnsafeBufferPointer { g in
                hessians.withUnsafeBufferPointer { h in
                    let source = ShareSource(
                        indices: indexBuffer.baseAddress! + start, sequential: sequential, offset: start,
                        gradients: g.baseAddress!, hessians: h.baseAddress!)
                    let out = SharedPointer(partial)
                    let share: @Sendable (Int) -> Void = { [self] part in
                        let from = count * part / parts
                        let to = count * (part + 1) / parts
                        let target = out.pointer + 2 * part * totalBins
                        let total = out.pointer + 2 * totalBins * parts + 2 * part
                        if let sparse {
                            addSparse(source, from: from, to: to, sparse: sparse, into: target, total: total)
                        } else if let rowWise {
                            addRowWise(source, from: from, to: to, rowBins: rowWise, into: target, total: total)
                        } else {
                            addByFeature(source, from: from, to: to, into: target, total: total)
                        }
                    }
                    if workers == 1 {
                        for part in 0..<parts { share(part) }
                    } else {
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            var part = worker
                            while part < parts {
                                share(part)
                                part += workers
                            }
                        }
                    }
                }
            }
        }
        // Shares added in a fixed order; counts are not accumulated but estimated from the hessians, as LightGBM does.
        var gradientTotal = 0.0
        var hessianTotal = 0.0
        for part in 0..<parts {
            gradientTotal += partial[2 * totalBins * parts + 2 * part]
            hessianTotal += partial[2 * totalBins * parts + 2 * part + 1]
        }
        let countPerHessian = hessianTotal > 0 ? Double(count) / hessianTotal : 0
        var histogram = NodeHistogram(total: totalBins)
        histogram.bins.withUnsafeMutableBufferPointer { bins in
            for feature in features {
                let first = offsets[feature]
                let end = first + binning.binCounts[feature]
                var others = HistogramBin()
                for bin in first..<end {
                    var sum = HistogramBin(gradient: partial[2 * bin], hessian: partial[2 * bin + 1])
                    for part in 1..<parts {
                        let at = 2 * (part * totalBins + bin)
                        sum.gradient += partial[at]
                        sum.hessian += partial[at + 1]
                    }
                    others = others + sum
                    bins[bin] = sum
                }
                if let sparse {
                    // The most frequent bin: the node's total minus the feature's other bins.
                    let bin = first + sparse.mostFrequent[feature]
                    bins[bin].gradient = gradientTotal - (others.gradient - bins[bin].gradient)
                    bins[bin].hessian = hessianTotal - (others.hessian - bins[bin].hessian)
                }
                for bin in first..<end {
                    bins[bin].count = Int((bins[bin].hessian * countPerHessian).rounded())
                }
            }
        }
        return histogram
    }

    /// Where a share reads its rows and their gradients and hessians.
    struct ShareSource: @unchecked Sendable {
        /// The node's rows (`indices + start`).
        let indices: UnsafePointer<Int32>
        /// The rows are `offset + r`, in order.
        let sequential: Bool
        let offset: Int
        let gradients: UnsafePointer<Double>
        let hessians: UnsafePointer<Double>

        @inline(__always)
        func row(_ r: Int) -> Int {
            sequential ? offset &+ r : Int(indices[r])
        }
    }

    /// Adds rows `from..<to` of a node to `target` through the sparse rows.
    private func addSparse(
        _ source: ShareSource, from: Int, to: Int, sparse: SparseRowBins, into target: UnsafeMutablePointer<Double>,
        total: UnsafeMutablePointer<Double>
    ) {
        var gradientSum = 0.0
        var hessianSum = 0.0
        sparse.entries.withUnsafeBufferPointer { entries in
            sparse.starts.withUnsafeBufferPointer { starts in
                for r in from..<to {
                    let row = source.row(r)
                    let g = source.gradients[row]
                    let h = source.hessians[row]
                    gradientSum += g
                    hessianSum += h
                    for e in Int(starts[row])..<Int(starts[row &+ 1]) {
                        let bin = 2 &* Int(entries[e])
                        target[bin] += g
                        target[bin &+ 1] += h
                    }
                }
            }
        }
        total[0] = gradientSum
        total[1] = hessianSum
    }

    /// Adds rows `from..<to` of a node to `target` from the row-major bins: each row's bins are one cache line.
    private func addRowWise(
        _ source: ShareSource, from: Int, to: Int, rowBins: [UInt8], into target: UnsafeMutablePointer<Double>,
        total: UnsafeMutablePointer<Double>
    ) {
        let featureCount = binning.binCounts.count
        let features = allowedFeatures
        // Where each allowed feature's bins start in the histogram, counted in doubles.
        let starts = features.map { 2 * offsets[$0] }
        let all = features.count == featureCount
        var gradientSum = 0.0
        var hessianSum = 0.0
        rowBins.withUnsafeBufferPointer { rowBuffer in
            starts.withUnsafeBufferPointer { starts in
                features.withUnsafeBufferPointer { featureList in
                    let base = rowBuffer.baseAddress!
                    for r in from..<to {
                        let row = source.row(r)
                        let g = source.gradients[row]
                        let h = source.hessians[row]
                        gradientSum += g
                        hessianSum += h
                        let rowStart = base + row &* featureCount
                        if all {
                            for k in 0..<featureCount {
                                let bin = starts[k] &+ 2 &* Int(rowStart[k])
                                target[bin] += g
                                target[bin &+ 1] += h
                            }
                        } else {
                            for k in 0..<featureList.count {
                                let bin = starts[k] &+ 2 &* Int(rowStart[featureList[k]])
                                target[bin] += g
                                target[bin &+ 1] += h
                            }
                        }
                    }
                }
            }
        }
        total[0] = gradientSum
        total[1] = hessianSum
    }

    /// Adds rows `from..<to` of a node to `target` feature after feature from the column-major bins. The rows'
    /// gradients and hessians are first gathered in order, and each feature accumulates into two interleaved
    /// histograms, even and odd rows, which breaks the chain of dependent additions when consecutive rows fall in the
    /// same bin.
    private func addByFeature(
        _ source: ShareSource, from: Int, to: Int, into target: UnsafeMutablePointer<Double>,
        total: UnsafeMutablePointer<Double>
    ) {
        let n = to - from
        let ordered = UnsafeMutablePointer<Double>.allocate(capacity: 2 * max(1, n))
        defer { ordered.deallocate() }
        let orderedRows = UnsafeMutablePointer<Int>.allocate(capacity: max(1, n))
        defer { orderedRows.deallocate() }
        var gradientSum = 0.0
        var hessianSum = 0.0
        for r in 0..<n {
            let row = source.row(from + r)
            orderedRows[r] = row
            ordered[2 * r] = source.gradients[row]
            ordered[2 * r + 1] = source.hessians[row]
            gradientSum += ordered[2 * r]
            hessianSum += ordered[2 * r + 1]
        }
        total[0] = gradientSum
        total[1] = hessianSum
        let maxBins = binning.binCounts.max() ?? 1
        let even = UnsafeMutablePointer<HistogramBin>.allocate(capacity: maxBins)
        let odd = UnsafeMutablePointer<HistogramBin>.allocate(capacity: maxBins)
        defer {
            even.deallocate()
            odd.deallocate()
        }
        bins.withUnsafeBufferPointer { binBuffer in
            for feature in allowedFeatures {
                let binCount = binning.binCounts[feature]
                even.initialize(repeating: HistogramBin(), count: binCount)
                odd.initialize(repeating: HistogramBin(), count: binCount)
                let column = binBuffer.baseAddress! + feature * rows
                var r = 0
                while r + 1 < n {
                    let a = Int(column[orderedRows[r]])
                    let b = Int(column[orderedRows[r + 1]])
                    even[a].gradient += ordered[2 * r]
                    even[a].hessian += ordered[2 * r + 1]
                    odd[b].gradient += ordered[2 * r + 2]
                    odd[b].hessian += ordered[2 * r + 3]
                    r += 2
                }
                if r < n {
                    let a = Int(column[orderedRows[r]])
                    even[a].gradient += ordered[2 * r]
                    even[a].hessian += ordered[2 * r + 1]
                }
                let featureTarget = target + 2 * offsets[feature]
                for bin in 0..<binCount {
                    let sum = even[bin] + odd[bin]
                    featureTarget[2 * bin] = sum.gradient
                    featureTarget[2 * bin + 1] = sum.hessian
                }
            }
        }
    }
}
