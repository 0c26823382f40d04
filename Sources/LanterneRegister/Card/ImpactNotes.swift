/// What only the steward knows and the registers and the impact assessment ask for: why the tool is used, where the
/// data come from and who reads them, when it runs, whom it touches, the other risks, who stops it. Each note left
/// empty stays a marked placeholder (« [non renseigné — à compléter par le responsable : …] ») in the exports.
public struct ImpactNotes: Sendable, Equatable {
    /// Why this tool, what it brings, and why it is proportionate (ATRS `benefit`, Dutch `proportionality`).
    public var benefits: String?
    /// Who supplied an imported model and their role (ATRS `external_supplier`, Dutch `provider`).
    public var supplier: String?
    /// The purpose for which the data were first collected (ATRS `data_collection`).
    public var dataPurpose: String?
    /// The agreements under which the data are shared (ATRS `data_sharing_agreements`).
    public var dataSharing: String?
    /// Who reads the data and how long they are kept (ATRS `data_access_and_storage`).
    public var dataAccess: String?
    /// When and how often the algorithm runs (AI Act article 27(1)(b)).
    public var periodOfUse: String?
    /// The persons and groups its results touch (article 27(1)(c)).
    public var personsAffected: String?
    /// The risks to rights beyond the audit's measures (article 27(1)(d)).
    public var otherRisks: String?
    /// Who suspends its use when a risk materialises, and how (article 27(1)(f)).
    public var suspension: String?

    /// The notes' JSON keys, in the card's order, with their key paths.
    public static var fields: [(key: String, path: WritableKeyPath<ImpactNotes, String?>)] {
        [
            ("benefits", \.benefits), ("supplier", \.supplier), ("data_purpose", \.dataPurpose),
            ("data_sharing", \.dataSharing), ("data_access", \.dataAccess), ("period_of_use", \.periodOfUse),
            ("persons_affected", \.personsAffected), ("other_risks", \.otherRisks), ("suspension", \.suspension),
        ]
    }

    /// Creates empty notes.
    public init() {}

    /// Whether no note is written.
    public var isEmpty: Bool { Self.fields.allSatisfy { self[keyPath: $0.path] == nil } }
}
