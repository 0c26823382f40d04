import LanterneData

/// The entry as a record of the UK Algorithmic Transparency Recording Standard (the fields of
/// `Algorithmic_transparency_data_standard.csv` from which `registration-uk.schema.json` is generated, in that order).
///
/// Derived: `name`, `description`, `website` (the card's web page, when it has one), `contact_email`, `organisation`,
/// `team` (the contact service), `external_supplier` and `external_supplier_role` (none, for a model Lanterne trained),
/// `scope`, `model_type`, `phase`, `process_integration`, `provided_information`, `human_decisions`,
/// `appeals_and_review`, `source_data_name`, `source_data_description`, `impact_assessment_*` and `risk_*` (from the
/// audit). Placeholders, starting with « [non renseigné », where the card truly holds nothing: `benefit`'s
/// justification, `data_collection`'s original purpose, `data_sharing_agreements`, `data_access_and_storage`; the
/// supplier of an imported model; the contact e-mail when the card gives none; the impact assessment and risks
/// without an audit.
public struct ATRSRecord: Sendable {
    /// The fields, attribute name and text, in the standard's order; optional fields the card cannot fill are left out.
    public let fields: [(attribute: String, value: String)]

    /// Builds the record.
    /// - Parameter entry: the derived register entry.
    public init(entry: RegisterEntry) {
        let fr = entry.language == .fr
        let card = entry.card
        func missing(_ french: String, _ english: String) -> String { entry.placeholder(french, english) }
        let trainedHere = entry.origin.hasPrefix("lanterne train")
        var fields: [(String, String)] = []
        fields.append(("name", card.name))
        fields.append(("description", entry.purposeSentence + " " + ExportText.sentence(entry.decisionTypeText)))
        if let url = card.contact.url { fields.append(("website", url)) }
        fields.append(
            (
                "contact_email",
                card.contact.email ?? missing("adresse électronique de contact", "contact e-mail address")
            ))
        fields.append(("organisation", card.administration))
        fields.append(("team", card.contact.service))
        if trainedHere {
            fields.append(
                (
                    "external_supplier",
                    fr
                        ? "Aucun : modèle entraîné par l'administration avec Lanterne"
                        : "None: model trained by the administration with Lanterne"
                ))
            fields.append(("external_supplier_role", fr ? "Aucun prestataire" : "No external supplier"))
        } else {
            fields.append(
                (
                    "external_supplier",
                    card.assessment.supplier
                        ?? missing(
                            "qui a conçu le modèle importé (\(entry.origin))",
                            "who built the imported model (\(entry.origin))")
                ))
            fields.append(
                (
                    "external_supplier_role",
                    card.assessment.supplier == nil
                        ? missing("rôle de ce prestataire", "role of this supplier")
                        : (fr ? "décrit avec le prestataire ci-dessus" : "described with the supplier above")
                ))
        }
        let notFor =
            card.decisionType == .support
            ? (fr
                ? "Il n'est pas conçu pour décider seul : un agent décide."
                : "It is not designed to decide alone: an agent decides.")
            : (fr
                ? "Il n'est pas conçu pour une autre finalité que celle-ci."
                : "It is not designed for any other purpose.")
        let neverRead =
            entry.protected.isEmpty
            ? ""
            : " "
                + (fr
                    ? "Il ne lit aucune de ces données : \(entry.protected.map(\.description).joined(separator: " ; "))."
                    : "It reads none of these data: \(entry.protected.map(\.description).joined(separator: "; ")).")
        fields.append(("scope", entry.purposeSentence + " " + notFor + neverRead))
        var benefit = ""
        if let auc = entry.auc {
            benefit =
                (fr ? "AUC de validation : " : "Validation AUC: ")
                + ReadableNumber.text(auc, language: entry.language, decimals: 3) + ". "
        }
        fields.append(
            (
                "benefit",
                benefit
                    + (card.assessment.benefits
                        ?? missing(
                            "avantages attendus et raison d'employer l'outil",
                            "expected benefits and why the tool is used"))
            ))
        fields.append(("model_type", entry.kindText + (fr ? ", version " : ", version ") + entry.version))
        fields.append(
            (
                "phase",
                fr
                    ? "production (version du modèle en service : \(entry.version.prefix(12)))"
                    : "production (model version in service: \(entry.version.prefix(12)))"
            ))
        fields.append(
            (
                "process_integration",
                ExportText.sentence(entry.decisionTypeText) + " " + entry.decisionSteps.joined(separator: " ")
            ))
        fields.append(
            (
                "provided_information",
                fr
                    ? "Un score entre 0 et 100 % pour chaque dossier, et la part exacte de chaque donnée dans ce score."
                    : "A score between 0 and 100% for each case, and the exact share of each datum in that score."
            ))
        fields.append(("human_decisions", card.humanOversight))
        fields.append(("appeals_and_review", entry.appealsText))
        fields.append(
            (
                "source_data_name",
                entry.sources.isEmpty
                    ? missing("noms des jeux de données", "names of the datasets")
                    : entry.sources.joined(separator: " ; ")
            ))
        var description =
            (fr ? "Données lues pour chaque dossier : " : "Data read for each case: ") + entry.dataLine + "."
        if let rows = entry.trainingRows {
            description += fr ? " Modèle appris sur \(rows) dossiers passés." : " Model trained on \(rows) past cases."
        }
        fields.append(("source_data_description", description))
        fields.append(
            (
                "data_collection",
                card.assessment.dataPurpose
                    ?? missing(
                        "finalité d'origine de la collecte de ces données", "original purpose of collecting these data")
            ))
        fields.append(
            (
                "data_sharing_agreements",
                card.assessment.dataSharing ?? missing("conventions de partage des données", "data sharing agreements")
            ))
        fields.append(
            (
                "data_access_and_storage",
                card.assessment.dataAccess
                    ?? missing(
                        "qui accède aux données, durée de conservation", "who accesses the data, retention period")
            ))
        if let audit = entry.audit {
            fields.append(
                (
                    "impact_assessment_name",
                    fr
                        ? "Audit d'équité Lanterne sur \(audit.rows) dossiers ; analyse d'impact sur les droits fondamentaux (projet)"
                        : "Lanterne fairness audit on \(audit.rows) cases; fundamental-rights impact assessment (draft)"
                ))
            fields.append(("impact_assessment_description", entry.auditSummary))
            let failing =
                audit.gates.filter { !$0.passed }.map(\.name) + audit.fourFifths.filter { !$0.passed }.map(\.attribute)
            fields.append(
                (
                    "risk_name",
                    failing.isEmpty
                        ? (fr
                            ? "Écarts de traitement entre groupes (contrôlés par l'audit)"
                            : "Different treatment between groups (checked by the audit)")
                        : (fr ? "Écarts de traitement entre groupes : " : "Different treatment between groups: ")
                            + failing.joined(separator: ", ")
                ))
            if !audit.findings.isEmpty {
                fields.append(("risk_description", audit.findings.prefix(3).joined(separator: " ")))
            }
            fields.append(
                (
                    "risk_mitigation",
                    card.humanOversight + " "
                        + (fr
                            ? "Chaque version est auditée avant publication ; une porte échouée bloque le déploiement, sauf justification écrite et publiée."
                            : "Each version is audited before publication; a failed gate blocks deployment unless a written justification is published.")
                ))
        } else {
            fields.append(
                (
                    "impact_assessment_name",
                    missing("analyse d'impact menée (aucun audit joint)", "impact assessment done (no audit given)")
                ))
            fields.append(
                ("risk_name", missing("risques identifiés (aucun audit joint)", "risks identified (no audit given)")))
        }
        self.fields = fields.map { (attribute: $0.0, value: $0.1) }
    }

    /// The record as one JSON object, keys in the standard's order.
    /// - Returns: indented JSON ending with a newline.
    public func jsonText() -> String {
        OrderedJSON.object(fields.map { ($0.attribute, .string($0.value)) }).text() + "\n"
    }
}
