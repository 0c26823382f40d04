import ArgumentParser
import LanterneData

#if canImport(Glibc)
    import Glibc
#endif

/// `lanterne schema`: describe the columns of a data file.
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Décrit les colonnes d'un fichier de données.",
        subcommands: [Infer.self]
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

/// Seconds on a monotonic clock, for measuring durations.
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
