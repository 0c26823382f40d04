import LanterneData
import LanterneModels

/// The cases to explain: the model, the data read for it, and the rows asked for (one case found by its identifier,
/// or all), with the rules a counterfactual follows; `lanterne explain` and `lanterne notice` use it, and so will the
/// server's case page.
public struct ExplainedCases: Sendable {
    /// The model and its schema.
    public let document: ModelDocument
    /// The data.
    public let table: Table
    /// The data's model features.
    public let matrix: FeatureMatrix
    /// The data's name, for errors.
    public let file: String
    /// The rows explained, in file order.
    public var rows: [Int]
    /// The identifier of each row of the file.
    public let identifiers: [String]

    /// Keeps the case `id` of `table`, or all cases.
    /// - Parameters:
    ///   - model: the model (its schema names the identifier column).
    ///   - table: the data, read with the schema's column types.
    ///   - data: the data's name, for errors.
    ///   - id: the identifier of the one case to explain, or `nil` for all.
    /// - Throws: ``ModelError`` when a feature is missing or no case has the identifier.
    public init(model: ModelDocument, table: Table, data: String, id: String?) throws {
        document = model
        file = data
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
    public var names: [String] { document.model.features.map(\.name) }

    /// The schema's description of each model feature, when the model file carries a schema.
    public var columns: [ColumnDescription?] { names.map { document.schema?.column(named: $0) } }

    /// The names of the features missing in `row`.
    public func missing(_ row: Int) -> [String] { names.indices.filter { matrix[row, $0].isNaN }.map { names[$0] } }

    /// A counterfactual search over the values observed in the file, which never changes a feature the schema marks
    /// immutable or protected, nor those in `fixed`.
    /// - Parameters:
    ///   - fixed: more features to keep as they are.
    ///   - maxChanges: the most changes per answer.
    /// - Throws: ``UnknownFeature`` when `fixed` names a feature the model does not have.
    public func counterfactualSearch(fixed: [String], maxChanges: Int) throws -> CounterfactualSearch {
        for name in fixed where !names.contains(name) { throw UnknownFeature(name: name, known: names) }
        var immutable = Set(fixed)
        for column in document.schema?.columns ?? [] where column.immutable || column.role == .protected {
            immutable.insert(column.name)
        }
        let domains = FeatureDomain.observed(in: matrix, features: document.model.features, immutable: immutable)
        return CounterfactualSearch(model: document.model, domains: domains, maxChanges: maxChanges)
    }

    /// The text of a feature's value.
    public func valueText(_ feature: Int, _ value: Double, language: Language) -> String {
        FeatureValueText.text(
            value, feature: document.model.features[feature], column: columns[feature], language: language)
    }
}

/// A feature name that the model does not have.
public struct UnknownFeature: LocalizedMessage, Equatable {
    /// The name given.
    public let name: String
    /// The model's features.
    public let known: [String]

    /// The message, with the model's features.
    public func message(_ language: Language) -> String {
        let known = known.joined(separator: ", ")
        return language == .fr
            ? "« \(name) » n'est pas une variable du modèle (\(known))"
            : "“\(name)” is not a feature of the model (\(known))"
    }
}
