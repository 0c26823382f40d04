import ArgumentParser
import Foundation
import LanterneAssistant
import LanterneData
import LanterneServer
import LanterneStore

/// `lanterne serve`: the site and the JSON API over a database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Sert le site public, les espaces des agents et l'API JSON.",
        discussion: """
            La base est un fichier SQLite (défaut : lanterne.sqlite, créé s'il manque) ou un serveur PostgreSQL ;
            plusieurs serveurs peuvent partager un même PostgreSQL. Avec --demo, une base vide est remplie de la
            démonstration (population synthétique, modèles entraînés et audités, comptes) et demo.json donne les
            mots de passe, tirés au hasard. Ctrl-C ou SIGTERM arrête proprement.
            Exemple : lanterne serve --demo
            """
    )

    @Option(help: "La base : sqlite:CHEMIN ou postgres://utilisateur:motdepasse@hôte:port/base.")
    var database = "sqlite:lanterne.sqlite"

    @Option(help: "Adresse d'écoute.")
    var host = "127.0.0.1"

    @Option(help: "Port d'écoute ; 0 : un port libre, écrit dans la ligne « Lanterne sert ».")
    var port = 8080

    @Flag(help: "Remplit une base vide avec la démonstration et écrit demo.json.")
    var demo = false

    @Option(help: "Avec --demo : nombre de foyers synthétiques.")
    var demoRows = 50_000

    @Flag(help: "Cookies « Secure » : à mettre quand un mandataire TLS sert le site en HTTPS.")
    var secureCookies = false

    @Option(
        help:
            "Demandes par minute et par adresse aux formulaires publics (connexion, assistant) ; 0 : sans limite.")
    var publicRateLimit = 120

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port doit être entre 0 et 65535.") }
        guard demoRows >= 1000 else { throw ValidationError("--demo-rows doit valoir au moins 1000.") }
        guard publicRateLimit >= 0 else { throw ValidationError("--public-rate-limit ne peut pas être négatif.") }
    }

    func run() async throws {
        try await reportingInputErrors(common.language, interrupts: false) {
            let started = Date()
            let fr = common.language == .fr
            let location = try DatabaseLocation(parsing: database)
            let store = try await Store.open(location)
            do {
                let configuration = ServerConfiguration(
                    host: host, port: port, secureCookies: secureCookies, publicRequestsPerMinute: publicRateLimit)
                let assistant = Assistant(base: try KnowledgeBase.shipped())
                if demo {
                    let baseURL = "http://\(host):\(port)"
                    if let written = try await DemoFill(store: store, rows: demoRows, baseURL: baseURL)
                        .fillIfEmpty(demoFile: demoFilePath(location))
                    {
                        printError(
                            fr
                                ? "démonstration prête ; comptes et mots de passe dans \(written)"
                                : "demonstration ready; accounts and passwords in \(written)")
                    } else {
                        printError(
                            fr
                                ? "la base contient déjà des comptes : la démonstration n'est pas remplie à nouveau"
                                : "the database already has accounts: the demonstration is not filled again")
                    }
                }
                let app = try await LanterneServer.application(
                    store: store, configuration: configuration, assistant: assistant
                ) { port in
                    let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                    printError(
                        fr
                            ? "Lanterne sert http://\(host):\(port) (base \(location), prêt en \(seconds) s)"
                            : "Lanterne serves http://\(host):\(port) (database \(location), ready in \(seconds) s)")
                }
                try await app.runService()
                await store.database.close()
            } catch {
                await store.database.close()
                throw error
            }
        }
    }

    /// `demo.json` beside an SQLite file, in the working folder for PostgreSQL.
    private func demoFilePath(_ location: DatabaseLocation) -> String {
        if case .sqlite(let path) = location {
            return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("demo.json").path
        }
        return "demo.json"
    }
}
