import LanterneData

/// Writes a register entry in one of the export formats.
public enum RegisterExport {
    /// The entry in `format`.
    /// - Parameters:
    ///   - entry: the derived entry.
    ///   - format: the format.
    /// - Returns: the text to write, ending with a newline.
    public static func text(_ entry: RegisterEntry, format: RegisterFormat) -> String {
        switch format {
        case .json: entry.jsonText()
        case .markdown: entry.markdownText()
        case .atrs: ATRSRecord(entry: entry).jsonText()
        case .nl: PublicatiestandaardRecord(entry: entry).jsonText()
        case .inventaire: CRPAInventory(entries: [entry]).csvText()
        case .fria: FundamentalRightsAssessment(entry: entry).markdownText()
        }
    }
}
