import LanterneData
import LanterneModels

/// A feature's value as a person reads it: the level's words from the schema (or its code), « oui » / « non », or the
/// number with its unit.
public enum FeatureValueText {
    /// The text of one value.
    /// - Parameters:
    ///   - value: the encoded value (a level's code for categories, NaN when missing).
    ///   - feature: the model's feature.
    ///   - column: the schema's description of the column, if known (type and unit).
    ///   - language: the reader's language.
    /// - Returns: the text.
    public static func text(
        _ value: Double, feature: ModelFeature, column: ColumnDescription?, language: Language
    ) -> String {
        if value.isNaN { return language == .fr ? "non renseigné" : "not given" }
        if let levels = feature.levels {
            let index = Int(value)
            guard levels.indices.contains(index) else { return ReadableNumber.text(value, language: language) }
            return column?.words(for: levels[index], language: language) ?? levels[index]
        }
        if column?.type == .boolean && (value == 0 || value == 1) {
            return value == 1 ? (language == .fr ? "oui" : "yes") : (language == .fr ? "non" : "no")
        }
        let number = ReadableNumber.text(value, language: language)
        guard let unit = column?.unit, !unit.isEmpty else { return number }
        return number + "\u{00A0}" + unit
    }
}
