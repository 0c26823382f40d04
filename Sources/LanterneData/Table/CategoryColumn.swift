/// A column of labels, dictionary-encoded: each row holds a code into `levels`, `-1` when missing.
public struct CategoryColumn: Sendable, Equatable {
    /// One code per row: an index into `levels`, or `-1` for a missing value.
    public var codes: [Int32]
    /// The distinct labels, in order of first appearance.
    public var levels: [String]

    /// Creates a column from codes and levels.
    /// - Parameters:
    ///   - codes: one code per row, `-1` for missing.
    ///   - levels: the labels the codes point to.
    public init(codes: [Int32], levels: [String]) {
        self.codes = codes
        self.levels = levels
    }

    /// Creates a column from optional labels, assigning codes in order of first appearance.
    /// - Parameter labels: one label per row, `nil` for missing.
    public init(labels: [String?]) {
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(labels.count)
        for label in labels {
            guard let label else {
                codes.append(-1)
                continue
            }
            if let code = index[label] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                index[label] = code
                levels.append(label)
                codes.append(code)
            }
        }
        self.init(codes: codes, levels: levels)
    }

    /// The label of `row`, or `nil` when missing.
    /// - Parameter row: a row index.
    /// - Returns: the label.
    @inlinable
    public func label(_ row: Int) -> String? {
        let code = codes[row]
        return code < 0 ? nil : levels[Int(code)]
    }

    /// Whether the value of `row` is missing.
    /// - Parameter row: a row index.
    /// - Returns: `true` when the code is `-1`.
    @inlinable
    public func isMissing(_ row: Int) -> Bool { codes[row] < 0 }

    /// Compares labels row by row, whatever the order of the levels.
    public static func == (lhs: CategoryColumn, rhs: CategoryColumn) -> Bool {
        guard lhs.codes.count == rhs.codes.count else { return false }
        for row in lhs.codes.indices where lhs.label(row) != rhs.label(row) { return false }
        return true
    }
}
