import LanterneData

/// The entry as a record of the Dutch algorithm register's Publicatiestandaard 1.0 (the keys and limits of the
/// register's own validation rules, `v1_0.json`).
///
/// Every mandatory field is filled and clipped to its length: `name`, `description_short` (also kept under the
/// 350 characters the standard's text asks for), `organization`, `status` (« In gebruik »: the model in service),
/// `contact_email` (the card's e-mail, else its web page), `publication_category` (« Impactvolle algoritmes »: the
/// card's algorithms found individual decisions; the steward changes it to « Hoog-risico AI-systeem » when annex III
/// of the AI Act applies), `source_data_grouping` (the schema's and card's sources) and `lang` (ISO 639-3 code of the
/// text actually written: `fra` or `eng`; the national register accepts only `nld`, so an entry must be translated
/// before it is filed there, and the code says so rather than hiding it). Optional fields derived: `website`,
/// `goal`, `human_intervention`, `risks` (the audit), `lawful_basis`, `lawful_basis_grouping`, `source_data`,
/// `methods_and_models`, `provider`, `standard_version`, `source_id` (the model version), `tags`. `proportionality`
/// (the trade-offs) is a marked placeholder: only the steward can weigh it.
public struct PublicatiestandaardRecord: Sendable {
    /// The record's JSON object.
    let object: OrderedJSON

    /// Maximum lengths of the text fields, from the register's validation rules.
    public static let maxLengths: [String: Int] = [
        "name": 100, "description_short": 400, "organization": 100, "contact_email": 500, "website": 500,
        "goal": 2500, "proportionality": 2500, "human_intervention": 2500, "risks": 2500, "lawful_basis": 2500,
        "source_data": 2500, "methods_and_models": 5000, "provider": 200, "source_id": 100, "tags": 2500,
    ]

    /// Builds the record.
    /// - Parameter entry: the derived register entry.
    public init(entry: RegisterEntry) {
        let fr = entry.language == .fr
        let card = entry.card
        func text(_ key: String, _ value: String) -> (String, OrderedJSON) {
            (key, .string(ExportText.clip(value, to: Self.maxLengths[key] ?? value.count)))
        }
        var fields: [(String, OrderedJSON)] = [
            text("name", card.name),
            (
                "description_short",
                .string(
                    ExportText.clip(entry.purposeSentence + " " + ExportText.sentence(entry.decisionTypeText), to: 350))
            ),
            text("organization", card.administration),
            ("status", .string("In gebruik")),
            text(
                "contact_email",
                card.contact.email ?? card.contact.url
                    ?? entry.placeholder("adresse électronique ou page de contact", "contact e-mail or web page")),
        ]
        if let url = card.contact.url { fields.append(text("website", url)) }
        fields.append(("publication_category", .string("Impactvolle algoritmes")))
        fields.append(text("goal", entry.purposeSentence + " " + entry.appealsText))
        fields.append(
            text(
                "proportionality",
                card.assessment.benefits
                    ?? entry.placeholder(
                        "pourquoi cet algorithme, et pourquoi il est proportionné",
                        "why this algorithm, and why it is proportionate")))
        fields.append(text("human_intervention", card.humanOversight))
        fields.append(text("risks", entry.auditSummary))
        fields.append(text("lawful_basis", card.legalBasis))
        fields.append(
            (
                "lawful_basis_grouping",
                .array([.object([("title", .string(ExportText.clip(card.legalBasis, to: 100)))])])
            ))
        let sources = entry.sources.isEmpty ? [entry.placeholder("sources des données", "data sources")] : entry.sources
        fields.append(
            (
                "source_data_grouping",
                .array(sources.map { .object([("title", .string(ExportText.clip($0, to: 500)))]) })
            ))
        fields.append(text("source_data", entry.dataLine))
        fields.append(
            text(
                "methods_and_models",
                entry.kindText + ". " + entry.decisionSteps.joined(separator: " ") + " "
                    + (fr ? "Poids de chaque donnée : " : "Weight of each datum: ") + entry.weightsLine))
        fields.append(
            text(
                "provider",
                entry.origin.hasPrefix("lanterne train")
                    ? card.administration + (fr ? " (modèle entraîné avec Lanterne)" : " (model trained with Lanterne)")
                    : card.assessment.supplier
                        ?? entry.placeholder("fournisseur du modèle importé", "supplier of the imported model")))
        fields.append(("lang", .string(fr ? "fra" : "eng")))
        fields.append(("standard_version", .string("1.0")))
        fields.append(text("source_id", entry.version))
        fields.append(
            text("tags", ([card.name, card.administration] + entry.data.map(\.description)).joined(separator: ", ")))
        object = .object(fields)
    }

    /// The record as one JSON object.
    /// - Returns: indented JSON ending with a newline.
    public func jsonText() -> String { object.text() + "\n" }
}
