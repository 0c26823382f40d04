import LanterneData

/// Groups and attributes as people read them, from the schema's words: « le groupe « oui » (Parent qui élève seul
/// ses enfants) » rather than « le groupe « 1 » (parent_isole) ». Without a schema, the codes as they are.
public enum GroupWords {
    /// A group's value in words; an intersection's parts (`1*0`) joined by « × ».
    /// - Parameters:
    ///   - value: the group's value as the audit names it.
    ///   - attribute: its attribute (`parent_isole`, or `parent_isole*qpv` for an intersection).
    ///   - schema: the data's schema, if known.
    ///   - language: the reader's language.
    /// - Returns: the words, or `value` when the schema says nothing of it.
    public static func value(_ value: String, attribute: String, schema: Schema?, language: Language) -> String {
        guard let schema else { return value }
        let attributes = attribute.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        let values = value.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard attributes.count == values.count else { return value }
        return zip(attributes, values).map { attribute, value in
            schema.column(named: attribute)?.words(for: value, language: language) ?? value
        }.joined(separator: " × ")
    }

    /// An attribute's short label from the schema (« Parent qui élève seul ses enfants »); an intersection's parts
    /// joined by « × ».
    /// - Parameters:
    ///   - attribute: the attribute's name.
    ///   - schema: the data's schema, if known.
    /// - Returns: the label, or `attribute` when the schema does not describe it.
    public static func attribute(_ attribute: String, schema: Schema?) -> String {
        guard let schema else { return attribute }
        return attribute.split(separator: "*", omittingEmptySubsequences: false).map { part in
            schema.column(named: String(part))?.shortLabel ?? String(part)
        }.joined(separator: " × ")
    }
}
