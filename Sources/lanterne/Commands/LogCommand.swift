import ArgumentParser
import LanterneData
import LanterneStore

/// `lanterne log verify`: checks the hash chain of the audit log.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Le journal inviolable : vérifie sa chaîne d'empreintes.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recalcule l'empreinte de chaque entrée du journal et son lien avec la précédente.",
            discussion: """
                Code de sortie 0 si la chaîne est intacte, 1 si une entrée a été modifiée, supprimée ou insérée
                (la première est nommée), 2 si la base est injoignable.
                Exemple : lanterne log verify --database sqlite:lanterne.sqlite
                """
        )

        @Option(
            help: "La base : sqlite:CHEMIN (défaut lanterne.sqlite) ou postgres://utilisateur:motdepasse@hôte/base.")
        var database = "sqlite:lanterne.sqlite"

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let verification = try await reportingInputErrors(common.language) {
                let location = try DatabaseLocation(parsing: database)
                let store = try await Store.open(location, migrate: false)
                do {
                    let verification = try await store.log.verify()
                    await store.database.close()
                    return verification
                } catch {
                    await store.database.close()
                    throw error
                }
            }
            let french = common.language == .fr
            if verification.valid {
                print(
                    french
                        ? "journal intact : \(verification.entries) entrées, dernière empreinte \(verification.head)"
                        : "log intact: \(verification.entries) entries, last hash \(verification.head)")
                return
            }
            let entry = verification.firstBroken ?? 0
            let why: String
            switch verification.reason {
            case "gap": why = french ? "absente (supprimée)" : "missing (deleted)"
            case "link":
                why =
                    french
                    ? "ne suit pas l'entrée précédente (elle ou celle d'avant a été réécrite)"
                    : "does not follow the entry before (it or the one before was rewritten)"
            default: why = french ? "modifiée, son empreinte ne correspond plus" : "altered, its hash no longer matches"
            }
            printError(
                french
                    ? "journal rompu à l'entrée \(entry) : \(why) ; \(verification.entries) entrées lues"
                    : "log broken at entry \(entry): \(why); \(verification.entries) entries read")
            throw ExitCode(1)
        }
    }
}
