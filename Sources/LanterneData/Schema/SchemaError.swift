/// A problem with a schema file or with how it matches a data file.
public struct SchemaError: LocalizedMessage, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The schema names a column the data file does not have.
        case missingColumn(name: String, available: [String])
        /// The schema file is not valid JSON or lacks a field.
        case malformed(detail: String)
        /// A column entry has an unknown role or type.
        case unknownValue(field: String, value: String, allowed: [String])
        /// Two entries describe the same column.
        case duplicateColumn(name: String)
    }

    /// What went wrong.
    public let kind: Kind
    /// The file concerned (the data file for a missing column, the schema file otherwise).
    public let file: String

    /// Creates an error.
    /// - Parameters:
    ///   - kind: what went wrong.
    ///   - file: the file concerned.
    public init(_ kind: Kind, file: String) {
        self.kind = kind
        self.file = file
    }

    /// The message in `language`, on one line.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        switch (kind, language) {
        case (.missingColumn(let name, let available), .fr):
            "\(file):1: la colonne « \(name) » du schéma est absente de l'en-tête (colonnes présentes : "
                + Self.list(available) + ") ; corrigez le nom dans le schéma"
        case (.missingColumn(let name, let available), .en):
            "\(file):1: the schema's column \"\(name)\" is not in the header (columns: " + Self.list(available)
                + "); fix the name in the schema"
        case (.malformed(let detail), .fr): "\(file): schéma illisible : \(detail)"
        case (.malformed(let detail), .en): "\(file): unreadable schema: \(detail)"
        case (.unknownValue(let field, let value, let allowed), .fr):
            "\(file): \(field) « \(value) » inconnu ; valeurs possibles : \(allowed.joined(separator: ", "))"
        case (.unknownValue(let field, let value, let allowed), .en):
            "\(file): unknown \(field) \"\(value)\"; allowed: \(allowed.joined(separator: ", "))"
        case (.duplicateColumn(let name), .fr): "\(file): la colonne « \(name) » est décrite deux fois"
        case (.duplicateColumn(let name), .en): "\(file): the column \"\(name)\" is described twice"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 8 ? names.joined(separator: ", ") : names.prefix(8).joined(separator: ", ") + ", …"
    }
}
