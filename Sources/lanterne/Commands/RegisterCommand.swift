import ArgumentParser
import Foundation
import LanterneData
import LanterneModels
import LanterneRegister

/// `lanterne register`: the algorithm register, from files.
struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Le registre des algorithmes, à partir des fichiers.",
        subcommands: [RegisterExportCommand.self]
    )
}

/// `lanterne register export`: one algorithm's register entry, in Lanterne's form or a public standard.
struct RegisterExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Écrit la fiche d'un algorithme au registre : json, markdown, atrs (Royaume-Uni), nl "
            + "(Publicatiestandaard 1.0), inventaire (CSV de l'article L312-1-3 du CRPA) ou fria (projet d'analyse "
            + "d'impact sur les droits fondamentaux).",
        discussion: """
            Tout ce qui peut l'être est tiré de la fiche algorithme, du modèle (données, sources, poids) et de l'audit ;
            ce que seul le responsable sait est marqué « [non renseigné — à compléter par le responsable : …] ».
            Exemple : lanterne register export fiche.json modele.json --audit audit.json --format atrs --out atrs.json
            """
    )

    @Argument(help: "Fiche algorithme (JSON).")
    var card: String

    @Argument(help: "Fichier modèle Lanterne.")
    var model: String

    @Option(help: "Rapport d'audit du modèle (la sortie de lanterne audit --model … --json FICHIER).")
    var audit: String?

    @Option(help: "Format : \(RegisterFormat.names).")
    var format: String

    @Option(help: "Fichier à écrire (sinon la sortie standard).")
    var out: String?

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingInputErrors(common.language) {
            guard let chosen = RegisterFormat(rawValue: format) else { throw RegisterExportError.unknownFormat(format) }
            guard FileManager.default.isReadableFile(atPath: card) else {
                throw RegisterExportError(
                    subject: card, french: "fiche algorithme introuvable ou illisible",
                    english: "algorithm card not found or unreadable")
            }
            let algorithm = try AlgorithmCard.load(path: card)
            let (document, version) = try ModelFile.load(path: model)
            let digest = try audit.map { try AuditDigest.load(path: $0) }
            let entry = RegisterEntry(
                card: algorithm, document: document, version: version, audit: digest, language: common.language)
            let text = RegisterExport.text(entry, format: chosen)
            if let out { try AtomicFile.write(text, to: out) } else { print(text, terminator: "") }
        }
    }
}
