import Foundation
import LanterneData
import LanterneExplain
import LanterneModels

/// The cases a command explains: the model, the data file read for it, and the rows asked for.
struct ExplainedCases {
    let document: ModelDocument
    let table: Table
    let matrix: FeatureMatrix
    let file: String
    /// The rows explained, in file order.
    var rows: [Int]
    /// The identifier of each row of the file.
    let identifiers: [String]

    /// Reads `data` for `model` and keeps the case `id`, or all cases.
    /// - Throws: the reading errors; ``ModelError`` when no case has the identifier.
    init(model: ModelDocument, data: String, reading: CSVReadingOptions, id: String?) throws {
        document = model
        file = data
        var options = try reading.csvOptions(columnTypes: model.schema?.columnTypes ?? [:])
        options.requiresTypedColumns = false
        let table = try CSVReader(path: data, options: options).read().table
        self.table = table
        matrix = try FeatureMatrix(table: table, features: model.model.features, file: data)
        let idColumn = BatchScores.identifierColumns(of: table, schema: model.schema).first.flatMap {
            table.column(named: $0)
        }
        // Without an identifier column, cases are numbered by line from 1.
        let identifiers = (0..<table.rowCount).map { idColumn?.formatted($0) ?? String($0 + 1) }
        self.identifiers = identifiers
        var rows = Array(0..<identifiers.count)
        if let id {
            rows = rows.filter { identifiers[$0] == id }
            guard !rows.isEmpty else {
                let column = idColumn?.name ?? "ligne"
                throw ModelError(
                    .malformed(detail: "aucun cas d'identifiant « \(id) » (colonne « \(column) »)"), file: data)
            }
        }
        self.rows = rows
    }

    /// The model's feature names.
    var names: [String] { document.model.features.map(\.name) }

    /// The schema's description of each model feature, when the model file carries a schema.
    var columns: [ColumnDescription?] { names.map { document.schema?.column(named: $0) } }

    /// The names of the features missing in `row`.
    func missing(_ row: Int) -> [String] { names.indices.filter { matrix[row, $0].isNaN }.map { names[$0] } }

    /// A counterfactual search over the values observed in the file.
    /// - Parameters:
    ///   - fixed: more features to keep as they are.
    ///   - maxChanges: the most changes per answer.
    /// - Throws: ``OptionMismatch`` when `fixed` names an unknown feature.
    func counterfactualSearch(fixed: [String], maxChanges: Int) throws -> CounterfactualSearch {
        for name in fixed where !names.contains(name) {
            let known = names.joined(separator: ", ")
            throw OptionMismatch(
                option: "--fixed", french: "« \(name) » n'est pas une variable du modèle (\(known))",
                english: "“\(name)” is not a feature of the model (\(known))")
        }
        var immutable = Set(fixed)
        for column in document.schema?.columns ?? [] where column.immutable || column.role == .protected {
            immutable.insert(column.name)
        }
        let domains = FeatureDomain.observed(in: matrix, features: document.model.features, immutable: immutable)
        return CounterfactualSearch(model: document.model, domains: domains, maxChanges: maxChanges)
    }

    /// The text of a feature's value.
    func valueText(_ feature: Int, _ value: Double, language: Language) -> String {
        FeatureValueText.text(
            value, feature: document.model.features[feature], column: columns[feature], language: language)
    }
}
