import ArgumentParser
import LanterneData

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Langue des messages : fr (défaut) ou en.")
    var lang: LanguageOption = .fr

    /// The chosen language.
    var language: Language { lang.language }
}

/// `--lang` values.
enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case fr, en

    var language: Language { self == .fr ? .fr : .en }
}

/// Options of commands that read a CSV file.
struct CSVReadingOptions: ParsableArguments {
    @Flag(help: "Ignore les lignes au nombre de champs incorrect (et dit combien) au lieu d'échouer.")
    var lenient = false

    @Option(help: "Séparateur de champs (, ; ou tab) ; détecté s'il est absent.")
    var delimiter: String?

    @Option(help: "Nombre maximal de colonnes accepté.")
    var maxColumns = 4096

    @Option(help: "Taille maximale d'un champ, en octets.")
    var maxFieldBytes = 1 << 20

    /// The reader options these flags describe.
    func csvOptions(columnTypes: [String: ColumnType] = [:]) throws -> CSVOptions {
        var byte: UInt8? = nil
        if let delimiter {
            switch delimiter {
            case ",": byte = UInt8(ascii: ",")
            case ";": byte = UInt8(ascii: ";")
            case "tab", "\\t", "\t": byte = 9
            default: throw ValidationError("--delimiter : choisissez , ; ou tab (reçu « \(delimiter) »)")
            }
        }
        return CSVOptions(
            delimiter: byte, lenient: lenient, maxColumns: maxColumns, maxFieldBytes: maxFieldBytes,
            columnTypes: columnTypes)
    }
}
