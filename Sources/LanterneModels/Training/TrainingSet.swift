import LanterneData

/// Rows ready for training: the schema's features encoded, the label as 0/1 (or as a number, for a model that
/// predicts a value), rows without a label left out.
public struct TrainingSet: Sendable {
    /// The features, in matrix order (categorical ones carry their levels).
    public var features: [ModelFeature]
    /// The encoded rows.
    public var matrix: FeatureMatrix
    /// The outcomes, 0 or 1 (or any number when the label is a value to predict).
    public var labels: [Double]
    /// The label's column name.
    public var label: String
    /// Rows left out because their label was missing (e.g. cases never checked).
    public var unlabelledRows: Int
    /// Features left out because they were constant or always missing.
    public var droppedFeatures: [String]

    /// Builds the training rows from a table and its schema.
    /// - Parameters:
    ///   - table: the data.
    ///   - schema: the schema: `feature` columns are used, `protected`, `id` and `ignore` ones never.
    ///   - label: the label column; by default the schema's only `label` column.
    ///   - file: the data file's name, for messages.
    ///   - binaryLabel: the label is a yes/no outcome (0/1); `false` for a value to predict (any finite number).
    /// - Throws: ``ModelError`` or ``SchemaError`` naming the problem.
    public init(table: Table, schema: Schema, label: String? = nil, file: String, binaryLabel: Bool = true) throws {
        let labelName: String
        if let label {
            labelName = label
        } else {
            let labels = schema.names(with: .label)
            guard labels.count == 1 else {
                throw ModelError(
                    .badTrainingData(
                        detail: labels.isEmpty
                            ? "le schéma ne désigne aucune cible (rôle label) ; ajoutez --label COLONNE"
                            : "le schéma désigne plusieurs cibles (\(labels.joined(separator: ", "))) ; choisissez avec --label"
                    ),
                    file: file)
            }
            labelName = labels[0]
        }
        guard let labelColumn = table.column(named: labelName) else {
            throw ModelError(.missingFeatures([labelName]), file: file)
        }
        let outcomes =
            binaryLabel
            ? try TrainingSet.outcomes(labelColumn, file: file) : try TrainingSet.values(labelColumn, file: file)
        let keep = outcomes.indices.filter { !outcomes[$0].isNaN }
        guard !keep.isEmpty else {
            throw ModelError(.badTrainingData(detail: "aucune ligne n'a de valeur pour « \(labelName) »"), file: file)
        }
        if binaryLabel {
            let positives = keep.filter { outcomes[$0] == 1 }.count
            guard positives > 0 && positives < keep.count else {
                throw ModelError(
                    .labelOneValue(name: labelName, value: positives > 0 ? "1" : "0", rows: keep.count), file: file)
            }
        } else if let first = keep.first, keep.allSatisfy({ outcomes[$0] == outcomes[first] }) {
            throw ModelError(
                .labelOneValue(name: labelName, value: NumberFormatting.shortest(outcomes[first]), rows: keep.count),
                file: file)
        }
        let names = schema.names(with: .feature).filter { $0 != labelName }
        let missing = names.filter { table.column(named: $0) == nil }
        guard missing.isEmpty else { throw ModelError(.missingFeatures(missing), file: file) }
        var features: [ModelFeature] = []
        var dropped: [String] = []
        for name in names {
            let column = table.column(named: name)!
            let rows = keep.filter { !column.isMissing($0) }
            var distinct = Set<String>()
            for row in rows {
                distinct.insert(column.formatted(row) ?? "")
                if distinct.count > 1 { break }
            }
            // A feature is left out when it says nothing: never given, or always the same value. One value given on
            // some rows only still tells the given rows from the others (a flag written only when true).
            if distinct.isEmpty || (distinct.count == 1 && rows.count == keep.count) {
                dropped.append(name)
                continue
            }
            if case .category(let categories) = column.storage {
                // Levels seen on the labelled rows, sorted: a level only unlabelled rows carry is unknown to the model.
                var seen = Set<Int32>()
                for row in keep where categories.codes[row] >= 0 { seen.insert(categories.codes[row]) }
                features.append(ModelFeature(name: name, levels: seen.map { categories.levels[Int($0)] }.sorted()))
            } else if case .text = column.type {
                throw ModelError(.unreadableFeature(name: name, found: .text), file: file)
            } else {
                features.append(ModelFeature(name: name))
            }
        }
        guard !features.isEmpty else {
            throw ModelError(
                .badTrainingData(detail: "aucune variable utilisable (rôle feature) dans le schéma"), file: file)
        }
        let full = try FeatureMatrix(table: table, features: features, file: file)
        var values: [Double] = []
        values.reserveCapacity(keep.count * features.count)
        for row in keep {
            values.append(contentsOf: full.values[(row * features.count)..<((row + 1) * features.count)])
        }
        self.features = features
        self.matrix = FeatureMatrix(rows: keep.count, features: features.count, values: values)
        self.labels = keep.map { outcomes[$0] }
        self.label = labelName
        self.unlabelledRows = table.rowCount - keep.count
        self.droppedFeatures = dropped
    }

    /// The outcomes of a label column as 0/1, NaN where missing.
    static func outcomes(_ column: Column, file: String) throws -> [Double] {
        switch column.storage {
        case .boolean(let flags):
            return flags.values.map { $0 == BooleanColumn.missing ? .nan : Double($0) }
        case .number(let numbers):
            let wrong = Set(numbers.values.filter { !$0.isNaN && $0 != 0 && $0 != 1 })
            guard wrong.isEmpty else {
                throw ModelError(
                    .labelNotBinary(name: column.name, values: wrong.sorted().map(NumberFormatting.shortest)),
                    file: file)
            }
            return numbers.values
        default:
            let values = Set((0..<column.count).compactMap { column.formatted($0) })
            throw ModelError(.labelNotBinary(name: column.name, values: values.sorted()), file: file)
        }
    }

    /// The values of a label column to predict: numbers (yes/no as 1/0), NaN where missing.
    static func values(_ column: Column, file: String) throws -> [Double] {
        switch column.storage {
        case .boolean(let flags):
            return flags.values.map { $0 == BooleanColumn.missing ? .nan : Double($0) }
        case .number(let numbers):
            return numbers.values
        default:
            throw ModelError(.labelNotNumeric(name: column.name, found: column.type), file: file)
        }
    }

    /// The values of a validation file's label column to predict: numbers, NaN where missing.
    /// - Parameters:
    ///   - column: the label column.
    ///   - file: the file's name, for messages.
    /// - Returns: the values.
    /// - Throws: ``ModelError`` when the label is not numeric.
    public static func validationValues(_ column: Column, file: String) throws -> [Double] {
        try values(column, file: file)
    }

    /// The outcomes of a validation file's label column: 0/1, NaN where missing.
    /// - Parameters:
    ///   - column: the label column.
    ///   - file: the file's name, for messages.
    /// - Returns: the outcomes.
    /// - Throws: ``ModelError`` when the label is not binary.
    public static func validationOutcomes(_ column: Column, file: String) throws -> [Double] {
        try outcomes(column, file: file)
    }

    /// The rows `indices` only.
    /// - Parameter indices: row positions.
    /// - Returns: the matrix and labels of those rows.
    public func subset(_ indices: [Int]) -> (matrix: FeatureMatrix, labels: [Double]) {
        let width = features.count
        var values: [Double] = []
        values.reserveCapacity(indices.count * width)
        for row in indices { values.append(contentsOf: matrix.values[(row * width)..<((row + 1) * width)]) }
        return (FeatureMatrix(rows: indices.count, features: width, values: values), indices.map { labels[$0] })
    }
}
