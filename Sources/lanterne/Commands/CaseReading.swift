import LanterneData
import LanterneExplain
import LanterneModels

extension ExplainedCases {
    /// Reads `data` with the command's CSV options and the model's column types, then keeps the case `id`, or all.
    init(model: ModelDocument, data: String, reading: CSVReadingOptions, id: String?) throws {
        var options = try reading.csvOptions(columnTypes: model.schema?.columnTypes ?? [:])
        options.requiresTypedColumns = false
        let table = try CSVReader(path: data, options: options).read().table
        try self.init(model: model, table: table, data: data, id: id)
    }

    /// The counterfactual search, with `--fixed` named in the error when it lists an unknown feature.
    func counterfactualSearch(fixedOption fixed: [String], maxChanges: Int) throws -> CounterfactualSearch {
        do {
            return try counterfactualSearch(fixed: fixed, maxChanges: maxChanges)
        } catch let error as UnknownFeature {
            throw OptionMismatch(option: "--fixed", french: error.message(.fr), english: error.message(.en))
        }
    }
}
