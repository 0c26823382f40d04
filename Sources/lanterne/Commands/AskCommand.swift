import ArgumentParser
import Foundation
import LanterneAssistant
import LanterneData

/// `lanterne ask`: the tax assistant's reply to one question.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Pose une question à l'assistant fiscal : réponse tirée des fiches officielles, avec sa source, ou "
            + "orientation vers une personne.",
        discussion: """
            L'assistant ne répond qu'avec un passage de la base de connaissances (fiches écrites à partir de
            impots.gouv.fr, service-public.fr et legifrance.gouv.fr), et seulement s'il est sûr. Sinon il propose
            trois fiches ou donne les moyens de joindre une personne. La question est expurgée des identifiants
            personnels avant tout traitement.
            Exemple : lanterne ask "Quand dois-je déclarer mes revenus ?"
            """
    )

    @Argument(help: "La question.")
    var question: String

    @Option(help: "Dossier d'articles Markdown (par défaut, la base livrée).")
    var kb: String?

    @Option(help: "Index construit par « lanterne assistant index » (plus rapide que --kb).")
    var index: String?

    @Option(help: "text (défaut) ou json.")
    var format: OutputFormat = .text

    @Flag(help: "Affiche aussi les termes analysés et les cinq meilleures fiches avec leur score.")
    var showRanking = false

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingInputErrors(common.language) {
            let assistant: Assistant
            if let index {
                assistant = try AssistantIndexFile.load(path: index)
            } else {
                assistant = Assistant(
                    base: try kb.map { try KnowledgeBase.load(folder: $0) } ?? KnowledgeBase.shipped())
            }
            let reply = assistant.answer(question)
            print(format == .json ? reply.json() : ReplyText.text(reply), terminator: "")
            if showRanking {
                let redacted = Redactor.redact(question).text
                let (ranking, coverage, _) = assistant.rank(redacted)
                print("termes : " + assistant.index.analyzer.terms(redacted).joined(separator: " "))
                print("couverture : \(coverage)")
                for entry in ranking.prefix(5) {
                    print("  \(entry.score)\t\(assistant.base.articles[entry.article].id)")
                }
            }
        }
    }
}

/// A reply as text for a terminal.
enum ReplyText {
    static func text(_ reply: Reply) -> String {
        var lines: [String] = []
        if reply.truncated {
            lines.append(
                "(Question trop longue : seuls les \(Assistant.maximumLength) premiers caractères ont été lus.)")
        }
        lines.append(reply.text)
        for source in reply.sources {
            lines.append(
                "Source : \(source.title) — \(source.url) "
                    + (source.checked ? "(vérifié le \(source.updated))" : "(à vérifier sur la page officielle)"))
        }
        if reply.status == .clarify && !reply.suggestions.isEmpty {
            for (index, suggestion) in reply.suggestions.enumerated() {
                lines.append("  \(index + 1). \(suggestion.title)")
            }
        } else if reply.status == .answer && !reply.suggestions.isEmpty {
            lines.append("Voir aussi : " + reply.suggestions.map(\.title).joined(separator: " ; "))
        }
        lines.append(reply.humanChannels)
        return lines.map { $0 + "\n" }.joined()
    }
}
