/// Proposes a schema for a table: detected types, guessed roles, empty descriptions for a person to fill.
public enum SchemaInference {
    /// A schema describing `table`.
    ///
    /// A number column holding only 0 and 1 is proposed as `boolean`; a column whose name looks like an identifier
    /// (`id`, `id_*`, `*_id`, `identifiant*`) with distinct values everywhere is proposed as `id`; every other column
    /// is a `feature` until a person says otherwise.
    /// - Parameter table: the table read from the data file.
    /// - Returns: the proposed schema.
    public static func infer(from table: Table) -> Schema {
        Schema(
            columns: table.columns.map { column in
                ColumnDescription(name: column.name, role: role(of: column), type: proposedType(of: column))
            })
    }

    static func proposedType(of column: Column) -> ColumnType {
        if case .number(let numbers) = column.storage {
            var present = false
            for value in numbers.values where !value.isNaN {
                if value != 0 && value != 1 { return .number }
                present = true
            }
            return present ? .boolean : .number
        }
        return column.type
    }

    /// Whether no value repeats (and none is missing): a linear check for increasing identifiers, a sort otherwise.
    static func allDistinct(_ values: [Double]) -> Bool {
        if values.contains(where: \.isNaN) { return false }
        if zip(values, values.dropFirst()).allSatisfy({ $0 < $1 }) { return true }
        let sorted = values.sorted()
        return zip(sorted, sorted.dropFirst()).allSatisfy { $0 < $1 }
    }

    static func role(of column: Column) -> ColumnRole {
        let name = column.name.lowercased()
        let looksLikeID =
            name == "id" || name.hasPrefix("id_") || name.hasSuffix("_id") || name.hasPrefix("identifiant")
        guard looksLikeID, column.count > 0 else { return .feature }
        switch column.storage {
        case .number(let numbers):
            return allDistinct(numbers.values) ? .id : .feature
        case .text(let text):
            let values = (0..<text.count).compactMap { text.string($0) }
            return values.count == text.count && Set(values).count == values.count ? .id : .feature
        case .category(let categories):
            return categories.levels.count == categories.codes.count && !categories.codes.contains(-1) ? .id : .feature
        default:
            return .feature
        }
    }
}
