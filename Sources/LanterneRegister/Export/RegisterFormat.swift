/// The forms a register entry is exported in by `lanterne register export`.
public enum RegisterFormat: String, Sendable, CaseIterable {
    /// Lanterne's own register entry, as JSON.
    case json
    /// Lanterne's own register entry, as Markdown.
    case markdown
    /// The UK Algorithmic Transparency Recording Standard, as JSON.
    case atrs
    /// The Dutch Publicatiestandaard 1.0 of the national algorithm register, as JSON.
    case nl
    /// The inventory of main algorithmic processing that CRPA article L312-1-3 asks for, as CSV.
    case inventaire
    /// A draft fundamental-rights impact assessment (AI Act article 27), as Markdown, for the steward to complete.
    case fria

    /// The formats' names, separated by `|`, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
