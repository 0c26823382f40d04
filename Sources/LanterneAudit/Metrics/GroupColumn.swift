import LanterneData

/// Each case's group as a small integer, with the groups' names: how the audit counts millions of cases without a
/// string per case. A protected value that is missing is a group of its own (« inconnu »); a case left out of an
/// audit has the code `-1`.
public struct GroupColumn: Sendable, Equatable {
    /// One code per case: an index into `names`, or `-1` when the case is left out.
    public var codes: [Int32]
    /// The groups' names.
    public var names: [String]

    /// Creates a column from codes and names.
    public init(codes: [Int32], names: [String]) {
        self.codes = codes
        self.names = names
    }

    /// Creates a column from each case's group name (`nil`: left out).
    public init(values: [String?]) {
        let encoded = CategoryColumn(labels: values)
        self.init(codes: encoded.codes, names: encoded.levels)
    }

    /// The groups of one attribute: its labels, with missing values gathered in a group named `unknown`.
    /// - Parameters:
    ///   - labels: the attribute's values.
    ///   - unknown: the name of the group of missing values (« inconnu »).
    public init(labels: CategoryColumn, unknown: String) {
        var names = labels.levels
        guard labels.codes.contains(where: { $0 < 0 }) else {
            self.init(codes: labels.codes, names: names)
            return
        }
        let missing: Int32
        if let existing = names.firstIndex(of: unknown) {
            missing = Int32(existing)
        } else {
            missing = Int32(names.count)
            names.append(unknown)
        }
        self.init(codes: labels.codes.map { $0 < 0 ? missing : $0 }, names: names)
    }

    /// The intersection of several attributes' groups (`a*b`): a group for each combination that occurs, named by
    /// joining the parts' names with `*`.
    /// - Parameter parts: the attributes' groups, each with one code per case.
    /// - Returns: the combined groups (left out where any part is left out).
    public static func intersection(_ parts: [GroupColumn]) -> GroupColumn {
        guard let first = parts.first else { return GroupColumn(codes: [], names: []) }
        var combined = first
        for part in parts.dropFirst() {
            // Pairs are numbered in order of first appearance; a dense table when the pairs are few.
            let width = part.names.count
            if combined.names.count * width <= 1 << 20 {
                var table = [Int32](repeating: -1, count: combined.names.count * width)
                var names: [String] = []
                var codes = [Int32](repeating: -1, count: combined.codes.count)
                for row in codes.indices {
                    let left = Int(combined.codes[row])
                    let right = Int(part.codes[row])
                    guard left >= 0, right >= 0 else { continue }
                    let key = left * width + right
                    if table[key] < 0 {
                        table[key] = Int32(names.count)
                        names.append(combined.names[left] + "*" + part.names[right])
                    }
                    codes[row] = table[key]
                }
                combined = GroupColumn(codes: codes, names: names)
                continue
            }
            var index: [Int64: Int32] = [:]
            var names: [String] = []
            var codes = [Int32](repeating: -1, count: combined.codes.count)
            for row in codes.indices {
                let left = combined.codes[row]
                let right = part.codes[row]
                guard left >= 0, right >= 0 else { continue }
                let key = Int64(left) << 32 | Int64(right)
                if let code = index[key] {
                    codes[row] = code
                } else {
                    let code = Int32(names.count)
                    index[key] = code
                    names.append(combined.names[Int(left)] + "*" + part.names[Int(right)])
                    codes[row] = code
                }
            }
            combined = GroupColumn(codes: codes, names: names)
        }
        return combined
    }

    /// The cases kept by a list of row indices, in that order.
    /// - Parameter rows: row indices.
    /// - Returns: the groups of those rows.
    public func rows(_ rows: [Int]) -> GroupColumn {
        GroupColumn(codes: rows.map { codes[$0] }, names: names)
    }

    /// The four counts of each group, cases split across threads and merged in a fixed order.
    /// - Parameters:
    ///   - selected: each case's decision.
    ///   - positive: each case's outcome.
    ///   - threads: how many threads.
    /// - Returns: one count per name.
    public func counts(selected: [Bool], positive: [Bool], threads: Int = 2) -> [ConfusionCounts] {
        let groupCount = names.count
        let chunks = max(1, min(threads, codes.count / 65_536 + 1))
        let codes = self.codes
        // Per chunk, per group: TP, FP, TN, FN.
        let partials = ForkJoin.map(chunks: chunks, threads: chunks) { chunk in
            var counts = [Int](repeating: 0, count: groupCount * 4)
            counts.withUnsafeMutableBufferPointer { output in
                codes.withUnsafeBufferPointer { codes in
                    selected.withUnsafeBufferPointer { selected in
                        positive.withUnsafeBufferPointer { positive in
                            let start = chunk * codes.count / chunks
                            let end = (chunk + 1) * codes.count / chunks
                            for row in start..<end {
                                let code = Int(codes[row])
                                guard code >= 0 else { continue }
                                // 0 TP, 1 FP, 2 TN, 3 FN.
                                let cell = selected[row] ? (positive[row] ? 0 : 1) : (positive[row] ? 3 : 2)
                                output[code * 4 + cell] += 1
                            }
                        }
                    }
                }
            }
            return counts
        }
        let partial = partials.flatMap { $0 }
        return (0..<groupCount).map { group in
            var counts = ConfusionCounts()
            for chunk in 0..<chunks {
                let at = (chunk * groupCount + group) * 4
                counts.truePositives += partial[at]
                counts.falsePositives += partial[at + 1]
                counts.trueNegatives += partial[at + 2]
                counts.falseNegatives += partial[at + 3]
            }
            return counts
        }
    }
}
