import LanterneData

/// The inventory of main algorithmic processing that article L312-1-3 of the CRPA asks administrations to publish
/// online, as CSV (RFC 4180, comma-separated, one row per algorithm).
///
/// The law asks for « les règles définissant les principaux traitements algorithmiques utilisés dans
/// l'accomplissement de leurs missions lorsqu'ils fondent des décisions individuelles »; the « règles » and
/// « principales caractéristiques de [leur] mise en œuvre » are spelled out by R311-3-1-1 (the purpose) and
/// R311-3-1-2 (the four items). Hence the columns, in this order:
/// 1. `administration`: who publishes (L312-1-3, « les administrations »);
/// 2. `traitement`: the processing's name;
/// 3. `mission et finalité`: the mission it serves and its purpose (« dans l'accomplissement de leurs missions »,
///    R311-3-1-1 « la finalité poursuivie »);
/// 4. `base légale`: the text that allows it;
/// 5. `degré et mode de contribution à la décision`: whether it founds individual decisions as support or alone
///    (R311-3-1-2 1°);
/// 6. `données traitées et sources` (R311-3-1-2 2°);
/// 7. `paramètres et pondération` (R311-3-1-2 3°, for the processing as a whole);
/// 8. `opérations effectuées` (R311-3-1-2 4°);
/// 9. `intervention humaine`: who decides and how to ask for a review;
/// 10. `version en service`: the model's fingerprint, so the row names what runs;
/// 11. `dernier audit`: the latest fairness audit in a few sentences;
/// 12. `contact`: where to ask for the rules (L311-3-1) and, failing an answer, the CADA.
public struct CRPAInventory: Sendable {
    /// The entries, one row each.
    public var entries: [RegisterEntry]

    /// Creates an inventory.
    /// - Parameter entries: the algorithms' entries.
    public init(entries: [RegisterEntry]) { self.entries = entries }

    /// The header row's labels, in French or English.
    /// - Parameter language: the language.
    /// - Returns: twelve labels.
    public static func header(_ language: Language) -> [String] {
        language == .fr
            ? [
                "administration", "traitement", "mission et finalité", "base légale",
                "degré et mode de contribution à la décision", "données traitées et sources",
                "paramètres et pondération",
                "opérations effectuées", "intervention humaine", "version en service", "dernier audit", "contact",
            ]
            : [
                "administration", "processing", "mission and purpose", "legal basis",
                "degree and mode of contribution to the decision", "data processed and sources",
                "parameters and weighting", "operations performed", "human intervention", "version in service",
                "latest audit", "contact",
            ]
    }

    /// One entry's row, in header order.
    /// - Parameter entry: the entry.
    /// - Returns: twelve texts.
    public static func row(_ entry: RegisterEntry) -> [String] {
        let fr = entry.language == .fr
        let contact =
            entry.contactLine + (fr ? " ; à défaut de réponse sous un mois : " : "; failing an answer within a month: ")
            + AlgorithmCard.cadaAddress + ", " + AlgorithmCard.cadaWebsite
        return [
            entry.card.administration, entry.card.name, entry.purposeSentence, entry.card.legalBasis,
            entry.decisionTypeText, entry.dataLine, entry.kindText + " ; " + entry.weightsLine,
            entry.decisionSteps.joined(separator: " "), entry.card.humanOversight, entry.version, entry.auditSummary,
            contact,
        ]
    }

    /// The inventory as CSV: the header, then one row per entry, lines ending with CRLF.
    /// - Returns: the CSV text.
    public func csvText() -> String {
        let language = entries.first?.language ?? .fr
        let lines = [Self.header(language)] + entries.map(Self.row)
        return lines.map { $0.map(ExportText.csvField).joined(separator: ",") + "\r\n" }.joined()
    }
}
