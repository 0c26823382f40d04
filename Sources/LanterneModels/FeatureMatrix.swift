import LanterneData

/// The values a model reads, one row per case and one column per model feature, stored row by row.
///
/// Numbers are read as they are, booleans as 0/1, labels either as their index among the model's known levels or,
/// for numeric features, as the number they spell ("1.0"). Missing values and labels the model never saw are NaN;
/// the unseen ones are counted so that the caller can warn.
public struct FeatureMatrix: Sendable {
    /// The number of rows.
    public let rowCount: Int
    /// The number of features.
    public let featureCount: Int
    /// `rowCount * featureCount` values, row after row.
    public var values: [Double]
    /// For each feature with unseen labels, how many rows had one.
    public var unseenLabels: [String: Int]

    /// Creates a matrix from raw values.
    /// - Parameters:
    ///   - rows: the number of rows.
    ///   - features: the number of features.
    ///   - values: row-major values.
    public init(rows: Int, features: Int, values: [Double]) {
        precondition(values.count == rows * features)
        self.rowCount = rows
        self.featureCount = features
        self.values = values
        self.unseenLabels = [:]
    }

    /// Encodes the columns of `table` that `features` name.
    /// - Parameters:
    ///   - table: the data.
    ///   - features: the model's features, in the model's order.
    ///   - file: the data file's name, for messages.
    /// - Throws: ``ModelError`` listing missing columns, or naming a column the model cannot read.
    public init(table: Table, features: [ModelFeature], file: String) throws {
        let missing = features.map(\.name).filter { table.column(named: $0) == nil }
        guard missing.isEmpty else { throw ModelError(.missingFeatures(missing), file: file) }
        rowCount = table.rowCount
        featureCount = features.count
        unseenLabels = [:]
        var values = [Double](repeating: .nan, count: rowCount * featureCount)
        for (index, feature) in features.enumerated() {
            let column = table.column(named: feature.name)!
            let encoded = try FeatureMatrix.encode(column, as: feature, file: file)
            if encoded.unseen > 0 { unseenLabels[feature.name] = encoded.unseen }
            for row in 0..<rowCount { values[row * featureCount + index] = encoded.values[row] }
        }
        self.values = values
    }

    static func encode(_ column: Column, as feature: ModelFeature, file: String) throws -> (
        values: [Double], unseen: Int
    ) {
        switch column.storage {
        case .number(let numbers):
            return (numbers.values, 0)
        case .boolean(let flags):
            return (flags.values.map { $0 == BooleanColumn.missing ? .nan : Double($0) }, 0)
        case .date(let dates):
            return (dates.seconds.map { $0 == DateColumn.missing ? .nan : Double($0) / 86_400 }, 0)
        case .category(let categories):
            var lookup: [Double] = []
            var unseenCode: [Bool] = []
            if let levels = feature.levels {
                let index = Dictionary(levels.enumerated().map { ($1, Double($0)) }, uniquingKeysWith: { a, _ in a })
                let unknown = feature.unseenIsUnknown == true ? Double(levels.count) : .nan
                for level in categories.levels {
                    lookup.append(index[level] ?? unknown)
                    unseenCode.append(index[level] == nil)
                }
            } else {
                for (code, level) in categories.levels.enumerated() {
                    guard let number = NumberParser.parse(level) ?? BooleanParser.parse(level).map({ $0 ? 1 : 0 })
                    else {
                        // Name the first row holding it: the header is line 1.
                        let row = categories.codes.firstIndex(of: Int32(code)) ?? 0
                        throw ModelError(.notANumber(name: feature.name, value: level, line: row + 2), file: file)
                    }
                    lookup.append(number)
                    unseenCode.append(false)
                }
            }
            var unseen = 0
            let values = categories.codes.map { code -> Double in
                if code < 0 { return .nan }
                if unseenCode[Int(code)] { unseen += 1 }
                return lookup[Int(code)]
            }
            return (values, unseen)
        case .text:
            throw ModelError(.unreadableFeature(name: feature.name, found: .text), file: file)
        }
    }

    /// The value of `feature` in `row`.
    /// - Parameters:
    ///   - row: a row index.
    ///   - feature: a feature index.
    /// - Returns: the value, NaN when missing.
    @inlinable
    public subscript(row: Int, feature: Int) -> Double {
        values[row * featureCount + feature]
    }
}
