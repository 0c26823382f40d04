import ArgumentParser
import LanterneData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `lanterne schema`: describe the columns of a data file.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Décrit les colonnes d'un fichier de données.",
        subcommands: [Infer.self, Check.self]
    )

    /// `lanterne schema infer DATA.csv`: proposes a schema with detected types.
    struct Infer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose un schéma (types détectés, descriptions à remplir) pour un fichier CSV.",
            discussion: "Exemple : lanterne schema infer foyers.csv > schema.json"
        )

        @Argument(help: "Fichier CSV à lire.")
        var data: String

        @Option(help: "Écrit le schéma dans ce fichier au lieu de la sortie standard.")
        var out: String?

        @Flag(help: "Affiche sur la sortie d'erreur une ligne JSON : lignes, colonnes, octets en mémoire, durée.")
        var stats = false

        @OptionGroup var reading: CSVReadingOptions
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await reportingInputErrors(common.language) {
                let start = monotonicSeconds()
                let result = try CSVReader(path: data, options: try reading.csvOptions()).read()
                let elapsed = monotonicSeconds() - start
                for warning in result.warnings { printError(warning.message(file: data, common.language)) }
                let schema = SchemaInference.infer(from: result.table)
                if let out {
                    try AtomicFile.write(schema.jsonText(), to: out)
                } else {
                    print(schema.jsonText(), terminator: "")
                }
                if stats {
                    let table = result.table
                    printError(
                        "{\"rows\":\(table.rowCount),\"columns\":\(table.columns.count),"
                            + "\"table_bytes\":\(table.memoryBytes),\"parse_seconds\":\(elapsed)}")
                }
            }
        }
    }
}

extension SchemaCommand {
    /// `lanterne schema check DATA.csv --schema SCHEMA.json`: reads the data with the schema's types.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Vérifie qu'un fichier CSV respecte un schéma (colonnes présentes, valeurs du bon type).",
            discussion: "Exemple : lanterne schema check foyers.csv --schema schema.json"
        )

        @Argument(help: "Fichier CSV à vérifier.")
        var data: String

        @Option(help: "Schéma JSON (colonnes, rôles, types).")
        var schema: String

        @OptionGroup var reading: CSVReadingOptions
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await reportingInputErrors(common.language) {
                let described = try Schema.load(path: schema)
                let options = try reading.csvOptions(columnTypes: described.columnTypes)
                let result = try CSVReader(path: data, options: options).read()
                for warning in result.warnings { printError(warning.message(file: data, common.language)) }
                let table = result.table
                let undescribed = table.columnNames.filter { described.column(named: $0) == nil }
                for name in undescribed {
                    printError(
                        common.language == .fr
                            ? "\(data): la colonne « \(name) » n'est pas décrite dans \(schema) (type deviné)"
                            : "\(data): the column \"\(name)\" is not described in \(schema) (type guessed)")
                }
                let missing = table.columns.reduce(0) { $0 + $1.missingCount }
                print(
                    common.language == .fr
                        ? "\(data) : \(table.rowCount) lignes, \(table.columns.count) colonnes conformes à \(schema), "
                            + "\(missing) valeurs manquantes"
                        : "\(data): \(table.rowCount) rows, \(table.columns.count) columns matching \(schema), "
                            + "\(missing) missing values")
            }
        }
    }
}

/// Seconds on a monotonic clock, for measuring durations.
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
