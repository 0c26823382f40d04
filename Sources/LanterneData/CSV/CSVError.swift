/// A problem found while reading a CSV file: it names the file, the line and, where it helps, the column.
public struct CSVError: LocalizedMessage, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The file could not be opened or read.
        case unreadable(reason: String)
        /// The file has no bytes, or only blank lines.
        case emptyFile
        /// The file has a header and no data row.
        case headerOnly
        /// A quoted field is never closed.
        case unterminatedQuote
        /// A row has more or fewer fields than the header.
        case raggedRow(expected: Int, found: Int)
        /// A NUL byte: the file is probably not text.
        case nulByte
        /// A byte sequence that is neither UTF-8 nor Windows-1252.
        case invalidEncoding
        /// The header has more columns than the limit.
        case tooManyColumns(found: Int, limit: Int)
        /// One field is larger than the limit.
        case fieldTooLarge(limit: Int)
        /// A value does not match the type the schema declares.
        case invalidValue(value: String, expected: ColumnType)
    }

    /// What went wrong.
    public let kind: Kind
    /// The file's path as the user gave it.
    public let file: String
    /// The 1-based line where the problem is (0 when it concerns the whole file).
    public let line: Int
    /// The 1-based field number, when the problem is in one field.
    public let column: Int?
    /// The header name of that field, when known.
    public let columnName: String?

    /// Creates an error.
    /// - Parameters:
    ///   - kind: what went wrong.
    ///   - file: the file's path.
    ///   - line: the 1-based line.
    ///   - column: the 1-based field number.
    ///   - columnName: the header name of that field.
    public init(_ kind: Kind, file: String, line: Int, column: Int? = nil, columnName: String? = nil) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
    }

    /// A stable code for scripts and the API: the same for every message of one kind.
    public var code: String {
        switch kind {
        case .unreadable: "csv_unreadable"
        case .emptyFile: "csv_empty_file"
        case .headerOnly: "csv_header_only"
        case .unterminatedQuote: "csv_unterminated_quote"
        case .raggedRow: "csv_ragged_row"
        case .nulByte: "csv_nul_byte"
        case .invalidEncoding: "csv_invalid_encoding"
        case .tooManyColumns: "csv_too_many_columns"
        case .fieldTooLarge: "csv_field_too_large"
        case .invalidValue: "csv_invalid_value"
        }
    }

    /// The message in `language`, on one line.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        var place = line > 0 ? "\(file):\(line)" : file
        if let column {
            let name = columnName.map { " (« \($0) »)" } ?? ""
            place += language == .fr ? ", colonne \(column)\(name)" : ", column \(column)\(name)"
        }
        return place + ": " + (language == .fr ? french : english)
    }

    private var french: String {
        switch kind {
        case .unreadable(let reason): "lecture impossible (\(reason)) ; vérifiez le chemin et les droits"
        case .emptyFile: "fichier vide ; il faut une ligne d'en-tête puis des lignes de données"
        case .headerOnly: "le fichier n'a qu'une ligne d'en-tête et aucune ligne de données"
        case .unterminatedQuote: "guillemet ouvert ici et jamais refermé ; doublez les guillemets internes (\"\")"
        case .raggedRow(let expected, let found):
            "\(found) champs au lieu de \(expected) ; corrigez la ligne ou relancez avec --lenient pour l'ignorer"
        case .nulByte: "octet nul : ce fichier n'est pas un fichier texte CSV"
        case .invalidEncoding: "octets ni UTF-8 ni Windows-1252 ; convertissez le fichier en UTF-8"
        case .tooManyColumns(let found, let limit):
            "\(found) colonnes, au-delà de la limite de \(limit) ; relancez avec --max-columns \(found) si c'est voulu"
        case .fieldTooLarge(let limit):
            "champ de plus de \(limit) octets (guillemet mal fermé ?) ; relancez avec --max-field-bytes pour l'accepter"
        case .invalidValue(let value, let expected):
            "« \(value.prefix(40)) » n'est pas \(expected.frenchArticle) comme le déclare le schéma"
        }
    }

    private var english: String {
        switch kind {
        case .unreadable(let reason): "cannot read the file (\(reason)); check the path and permissions"
        case .emptyFile: "empty file; a header line then data lines are needed"
        case .headerOnly: "the file has a header line and no data line"
        case .unterminatedQuote: "a quote opens here and is never closed; double inner quotes (\"\")"
        case .raggedRow(let expected, let found):
            "\(found) fields instead of \(expected); fix the line or run again with --lenient to skip it"
        case .nulByte: "NUL byte: this file is not a CSV text file"
        case .invalidEncoding: "bytes that are neither UTF-8 nor Windows-1252; convert the file to UTF-8"
        case .tooManyColumns(let found, let limit):
            "\(found) columns, over the limit of \(limit); run again with --max-columns \(found) if this is intended"
        case .fieldTooLarge(let limit):
            "a field longer than \(limit) bytes (a misplaced quote?); run again with --max-field-bytes to accept it"
        case .invalidValue(let value, let expected):
            "\"\(value.prefix(40))\" is not a \(expected.rawValue) as the schema declares"
        }
    }
}

extension ColumnType {
    /// The type's French name with its indefinite article, for messages.
    var frenchArticle: String {
        switch self {
        case .number: "un nombre"
        case .category: "une catégorie"
        case .boolean: "un booléen (oui/non)"
        case .date: "une date"
        case .text: "un texte"
        }
    }
}
