import ArgumentParser
import Foundation
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// `lanterne publish`: adds a model file as a new version of an algorithm of the register and puts it in service,
/// with its audit; refused while a gate of that audit fails, unless a justification is written.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publie un modèle comme nouvelle version d'un algorithme du registre, avec son audit.",
        discussion: """
            Le fichier du modèle est vérifié (empreinte et structure), ajouté comme version de l'algorithme avec
            l'audit donné (le JSON de lanterne audit --model sur ce modèle, --json FICHIER), puis mis en service ; chaque étape
            est écrite au journal. Si un contrôle de l'audit a échoué, la publication est refusée (code 1, rien
            n'est écrit) sauf avec --justification : la justification est alors au journal et le registre la
            montre à côté du contrôle échoué. Les serveurs en cours servent la nouvelle version dans la seconde.
            Exemple : lanterne publish ciblage.lanterne --algorithm ALGO --audit audit.json --database sqlite:lanterne.sqlite
            """
    )

    @Argument(help: "Le fichier du modèle (lanterne train ou lanterne import).")
    var model: String

    @Option(help: "L'identifiant de l'algorithme dans le registre (GET /api/v1/algorithms).")
    var algorithm: String

    @Option(help: "Le rapport d'audit de ce modèle (le fichier de lanterne audit --model … --json FICHIER).")
    var audit: String?

    @Option(help: "Pourquoi publier malgré un contrôle échoué ; rendu public dans le registre.")
    var justification: String?

    @Option(help: "Qui publie, tel qu'écrit au journal.")
    var actor = "lanterne-cli"

    @Option(
        help: "La base : sqlite:CHEMIN (défaut lanterne.sqlite) ou postgres://utilisateur:motdepasse@hôte/base.")
    var database = "sqlite:lanterne.sqlite"

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let justification, justification.allSatisfy(\.isWhitespace) {
            throw ValidationError("--justification ne peut pas être vide.")
        }
    }

    func run() async throws {
        let french = common.language == .fr
        let (file, versionID, gates) = try await reportingInputErrors(common.language) {
            let (_, versionID) = try ModelFile.load(path: model)
            let text = String(decoding: FileManager.default.contents(atPath: model) ?? Data(), as: UTF8.self)
            let gates = try audit.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw AuditInputError(
                        file: path, french: "fichier introuvable ou illisible", english: "file not found or unreadable")
                }
                return (
                    text: String(decoding: data, as: UTF8.self),
                    gates: try AuditGates.read(
                        String(decoding: data, as: UTF8.self), file: path)
                )
            }
            return (text, versionID, gates)
        }
        if let gates, !gates.gates.passed, justification == nil {
            let names = gates.gates.failed.map { "\($0.name) (\($0.metric))" }.joined(separator: ", ")
            printError(
                french
                    ? "publication refusée : contrôles échoués dans \(audit ?? "") : \(names) ; rien n'est écrit. Corrigez le modèle ou ajoutez --justification \"pourquoi\"."
                    : "publication refused: failed gates in \(audit ?? ""): \(names); nothing was written. Fix the model or add --justification \"why\"."
            )
            throw ExitCode(1)
        }
        let entry = try await reportingInputErrors(common.language) {
            let store = try await Store.open(try DatabaseLocation(parsing: database), migrate: false)
            do {
                guard try await store.algorithms.find(id: algorithm) != nil else {
                    throw StoreError(.notFound(what: french ? "algorithme" : "algorithm", id: algorithm))
                }
                let version = try await store.algorithms.addModel(
                    file: file, sha256: versionID, to: algorithm, actor: actor)
                if let gates {
                    _ = try await store.algorithms.addAudit(
                        algorithmID: algorithm, sha256: versionID, report: gates.text,
                        gatesPassed: gates.gates.passed, actor: actor)
                }
                let entry = try await store.algorithms.publish(
                    algorithm, sha256: versionID, actor: actor, justification: justification)
                await store.database.close()
                return (version.number, entry)
            } catch {
                await store.database.close()
                throw error
            }
        }
        print(
            french
                ? "version \(entry.0) (\(versionID)) publiée ; journal n° \(entry.1.sequence), empreinte \(entry.1.hash)"
                : "version \(entry.0) (\(versionID)) published; log entry \(entry.1.sequence), hash \(entry.1.hash)")
    }
}
