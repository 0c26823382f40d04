import Foundation
import LanterneData

/// A condition on one column, as `--where` and `--positive` write it: `COL OP VALUE` with OP among `==`, `!=`, `<`,
/// `<=`, `>`, `>=`. Numbers compare as numbers, anything else as text; a missing value fails every condition but `!=`.
public struct RowCondition: Sendable, Equatable {
    /// The comparison.
    public enum Operation: String, Sendable, CaseIterable {
        case equal = "=="
        case notEqual = "!="
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case less = "<"
        case greater = ">"
    }

    /// The column.
    public var column: String
    /// The comparison.
    public var operation: Operation
    /// The value compared with.
    public var value: String

    /// Creates a condition.
    public init(column: String, operation: Operation, value: String) {
        self.column = column
        self.operation = operation
        self.value = value
    }

    /// Parses `COL OP VALUE`.
    /// - Parameter text: the condition.
    /// - Returns: the condition, or `nil` if it has no operator.
    public static func parse(_ text: String) -> RowCondition? {
        // Two-character operators first, so that `<=` is not read as `<`.
        for operation in Operation.allCases {
            guard let range = text.range(of: operation.rawValue) else { continue }
            let column = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            var value = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "'" || first == "\"" {
                value = String(value.dropFirst().dropLast())
            }
            guard !column.isEmpty else { return nil }
            return RowCondition(column: column, operation: operation, value: value)
        }
        return nil
    }

    /// Whether a cell satisfies the condition.
    /// - Parameter cell: the cell's text, `nil` when missing.
    /// - Returns: the result.
    public func holds(_ cell: String?) -> Bool {
        guard let cell else { return operation == .notEqual }
        if let left = Double(cell), let right = Double(value) { return compare(left, right) }
        return compare(cell, value)
    }

    /// The condition on every row of a column at once: numbers are compared as numbers without being written out;
    /// any other column is compared label by label (each distinct value once), exactly as ``holds(_:)`` would on the
    /// cell's text.
    /// - Parameter column: the column.
    /// - Returns: one result per row.
    public func mask(_ column: Column) -> [Bool] {
        if let numbers = column.numbers, let right = Double(value) {
            return numbers.map { left in left.isNaN ? operation == .notEqual : compare(left, right) }
        }
        let labels = column.dictionaryEncoded()
        let results = labels.levels.map { holds($0) }
        let missing = holds(nil)
        return labels.codes.map { $0 < 0 ? missing : results[Int($0)] }
    }

    /// The comparison applied to two numbers, or two texts.
    private func compare<Value: Comparable>(_ left: Value, _ right: Value) -> Bool {
        switch operation {
        case .equal: left == right
        case .notEqual: left != right
        case .less: left < right
        case .lessOrEqual: left <= right
        case .greater: left > right
        case .greaterOrEqual: left >= right
        }
    }
}
