import LanterneData

/// Scores of many cases: the cases' identifiers, then the probability and its logit (or the predicted value of a
/// model trained on squared error), as `lanterne score` writes them and a scoring job returns them.
public struct BatchScores: Sendable {
    /// The identifier columns (or `ligne`, the row's number, when the data has none), then `score` and `logit`, or
    /// `prediction`.
    public var table: Table
    /// For each categorical feature, how many values the model never saw (scored as missing).
    public var unseenLabels: [String: Int]

    /// Scores `table` with a model.
    /// - Parameters:
    ///   - table: the cases, with at least the model's features.
    ///   - document: the model and its schema (whose `id` columns name the cases).
    ///   - file: the data's name, for errors.
    ///   - firstRow: the number of the table's first row in the whole file, when the table is a part of it.
    ///   - threads: threads for the model.
    ///   - progress: a bar counting the rows scored, by blocks of ``progressBlockRows`` (each row's score does not
    ///     depend on its block), finished at the end.
    /// - Throws: ``ModelError`` when a feature is missing or has the wrong type.
    public init(
        scoring table: Table, with document: ModelDocument, file: String, firstRow: Int = 1, threads: Int,
        progress: ProgressBar? = nil
    ) throws {
        let model = document.model
        let matrix = try FeatureMatrix(table: table, features: model.features, file: file)
        let logits = Self.logits(model, matrix, threads: threads, progress: progress)
        var columns = Self.identifierColumns(of: table, schema: document.schema).compactMap {
            table.column(named: $0)
        }
        if columns.isEmpty {
            let numbers = (0..<table.rowCount).map { Double(firstRow + $0) }
            columns.append(Column(name: "ligne", storage: .number(NumberColumn(numbers))))
        }
        if model.output == .value {
            // A model trained on squared error predicts the value itself.
            columns.append(Column(name: "prediction", storage: .number(NumberColumn(logits))))
        } else {
            columns.append(Column(name: "score", storage: .number(NumberColumn(logits.map(logistic)))))
            columns.append(Column(name: "logit", storage: .number(NumberColumn(logits))))
        }
        self.table = Table(columns: columns)
        self.unseenLabels = matrix.unseenLabels
    }

    /// The rows scored between two steps of a progress bar.
    public static let progressBlockRows = 65_536

    /// The log-odds of every row: at once without a bar, block after block with one.
    static func logits(_ model: any ScoringModel, _ matrix: FeatureMatrix, threads: Int, progress: ProgressBar?)
        -> [Double]
    {
        guard let progress, matrix.rowCount > progressBlockRows else {
            let logits = model.logits(matrix, threads: threads)
            progress?.start(total: matrix.rowCount)
            progress?.finish()
            return logits
        }
        progress.start(total: matrix.rowCount)
        let width = matrix.featureCount
        var logits: [Double] = []
        logits.reserveCapacity(matrix.rowCount)
        for start in stride(from: 0, to: matrix.rowCount, by: progressBlockRows) {
            let end = min(matrix.rowCount, start + progressBlockRows)
            let block = FeatureMatrix(
                rows: end - start, features: width, values: Array(matrix.values[(start * width)..<(end * width)]))
            logits.append(contentsOf: model.logits(block, threads: threads))
            progress.advance(by: end - start)
        }
        progress.finish()
        return logits
    }

    /// The identifier columns of cases: the schema's `id` columns present in the table, or those schema inference
    /// would call identifiers.
    /// - Parameters:
    ///   - table: the cases.
    ///   - schema: the model's schema, if it has one.
    /// - Returns: the column names, possibly none.
    public static func identifierColumns(of table: Table, schema: Schema?) -> [String] {
        if let schema {
            let names = schema.names(with: .id).filter { table.column(named: $0) != nil }
            if !names.isEmpty { return names }
        }
        return SchemaInference.infer(from: table).names(with: .id)
    }
}
