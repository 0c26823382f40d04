import LanterneData

/// A draft fundamental-rights impact assessment (AI Act, article 27) generated from the card and the latest audit,
/// in Markdown, with the six parts of article 27(1), points (a) to (f). What the card and audit hold is written;
/// what only the steward knows is a marked placeholder (« [non renseigné — à compléter par le responsable : …] »).
public struct FundamentalRightsAssessment: Sendable {
    /// The entry it is drawn from.
    public var entry: RegisterEntry

    /// Creates the draft.
    /// - Parameter entry: the derived register entry.
    public init(entry: RegisterEntry) { self.entry = entry }

    /// The draft as Markdown.
    /// - Returns: the text, ending with a newline.
    public func markdownText() -> String {
        let fr = entry.language == .fr
        let card = entry.card
        func missing(_ french: String, _ english: String) -> String { entry.placeholder(french, english) }
        var lines: [String] = [
            fr
                ? "# Analyse d'impact sur les droits fondamentaux — \(card.name)"
                : "# Fundamental-rights impact assessment — \(card.name)",
            "",
            fr
                ? "Projet établi à partir de la fiche de l'algorithme et de son dernier audit (règlement (UE) 2024/1689, "
                    + "article 27). Le responsable complète chaque passage marqué « [non renseigné » avant toute "
                    + "utilisation, puis notifie les résultats à l'autorité de surveillance du marché (article 27, "
                    + "paragraphe 3)."
                : "Draft drawn from the algorithm's card and its latest audit (Regulation (EU) 2024/1689, article 27). "
                    + "The steward completes every part marked “[not provided” before use, then notifies the results "
                    + "to the market surveillance authority (article 27(3)).",
            "",
            (fr ? "- Déployeur : " : "- Deployer: ") + card.administration,
            (fr ? "- Version du modèle : `" : "- Model version: `") + entry.version + "`",
            (fr ? "- Base légale : " : "- Legal basis: ") + card.legalBasis,
            "",
            fr ? "## a) Processus dans lequel le système est utilisé" : "## a) Process in which the system is used",
            "",
            entry.purposeSentence + " " + ExportText.sentence(entry.decisionTypeText),
            "",
        ]
        lines += entry.decisionSteps.enumerated().map { "\($0.offset + 1). \($0.element)" }
        lines += [
            "",
            fr ? "## b) Période et fréquence d'utilisation" : "## b) Period and frequency of use",
            "",
            card.assessment.periodOfUse
                ?? missing(
                    "période d'utilisation et fréquence (par exemple, une campagne par an, nombre de dossiers)",
                    "period of use and frequency (for instance, one campaign a year, number of cases)"),
            "",
            fr
                ? "## c) Catégories de personnes et groupes concernés"
                : "## c) Categories of persons and groups affected",
            "",
            card.assessment.personsAffected
                ?? missing("personnes dont les dossiers sont évalués", "persons whose cases are scored"),
        ]
        if !entry.protected.isEmpty {
            lines += [
                "",
                (fr ? "Groupes comparés par l'audit : " : "Groups compared by the audit: ")
                    + entry.protected.map(\.description).joined(separator: " ; ") + ".",
            ]
        }
        lines += [
            "", fr ? "## d) Risques de préjudice pour ces personnes" : "## d) Risks of harm to these persons", "",
        ]
        lines.append(entry.auditSummary)
        if let audit = entry.audit, audit.findings.count > 2 {
            lines.append("")
            lines += audit.findings.dropFirst(2).prefix(4).map { "- " + $0 }
        }
        lines += [
            "",
            card.assessment.otherRisks
                ?? missing(
                    "autres risques pour les droits (vie privée, non-discrimination, accès aux droits)",
                    "other risks to rights (privacy, non-discrimination, access to rights)"),
            "",
            fr ? "## e) Mesures de contrôle humain" : "## e) Human oversight measures",
            "",
            card.humanOversight,
            "",
            fr
                ? "## f) Mesures si les risques se réalisent, gouvernance et réclamations"
                : "## f) Measures if the risks materialise, governance and complaints",
            "",
            fr
                ? "Chaque version est auditée avant publication ; une porte échouée bloque le déploiement, sauf "
                    + "justification écrite et publiée au registre."
                : "Each version is audited before publication; a failed gate blocks deployment unless a written "
                    + "justification is published in the register.",
            "",
            entry.appealsText,
            "",
            card.assessment.suspension
                ?? missing(
                    "qui suspend l'utilisation si un risque se réalise, et comment",
                    "who suspends use if a risk materialises, and how"),
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
