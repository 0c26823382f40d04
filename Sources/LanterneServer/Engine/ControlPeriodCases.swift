import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// The cases of one control period: every row of a table scored by the published model, the control policy's
/// proposals and draws, and the queue order, ready to store.
enum ControlPeriodCases {
    /// Scores `table` with `document`'s model and applies `policy`.
    /// - Parameters:
    ///   - table: the period's population.
    ///   - document: the published model.
    ///   - policy: the control policy.
    ///   - idColumn: the column holding each case's reference, if any (else the row number).
    /// - Returns: one case per row, in the table's order.
    /// - Throws: ``ModelError`` when the table lacks a feature of the model.
    static func make(table: Table, document: ModelDocument, policy: ControlPolicy, idColumn: String?) throws
        -> [NewCase]
    {
        let features = document.model.features
        let matrix = try FeatureMatrix(table: table, features: features, file: "période")
        let scores = document.model.logits(matrix, threads: 2).map(logistic)
        let choice = policy.choose(scores: scores)
        var references: [String]? = nil
        if let idColumn, let column = table.column(named: idColumn), case .number(let numbers) = column.storage {
            references = numbers.values.map { NumberFormatting.shortest($0) }
        }
        var positions = [Int](repeating: 0, count: scores.count)
        for (place, row) in choice.queue.enumerated() { positions[row] = place + 1 }
        let width = matrix.featureCount
        let protected = (document.schema?.columns ?? []).filter { $0.role == .protected }.compactMap {
            table.column(named: $0.name)
        }
        return scores.indices.map { row in
            NewCase(
                reference: references?[row] ?? String(row + 1),
                data: CaseEncoder.json(Array(matrix.values[(row * width)..<((row + 1) * width)]), features: features),
                protected: protectedJSON(protected, row: row),
                score: scores[row], proposed: choice.proposed[row], randomDraw: choice.drawn[row],
                queuePosition: positions[row])
        }
    }

    /// The protected attributes of one row as a JSON object of labels (`"oui"`/`"non"` flags as `1`/`0`).
    static func protectedJSON(_ columns: [Column], row: Int) -> String {
        var fields: [String] = []
        for column in columns.sorted(by: { $0.name < $1.name }) {
            let value: String?
            switch column.storage {
            case .category(let categories): value = categories.label(row)
            case .boolean(let flags): value = flags.flag(row).map { $0 ? "1" : "0" }
            case .number(let numbers):
                value = numbers.values[row].isNaN ? nil : NumberFormatting.shortest(numbers.values[row])
            default: value = nil
            }
            if let value { fields.append(JSONText.quoted(column.name) + ":" + JSONText.quoted(value)) }
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
