import ArgumentParser
import LanterneAudit
import LanterneData

/// `lanterne simulate`: the feedback loop of control targeting, with and without a random draw.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simule la boucle de rétroaction du ciblage des contrôles, avec et sans tirage au sort.",
        discussion: """
            Chaque période, une nouvelle population de foyers synthétiques est notée par le modèle, la capacité \
            est contrôlée (les scores les plus hauts, moins une part tirée au sort dans toute la population), \
            puis le modèle est réappris sur ce que les contrôles ont trouvé. Le rapport compare les deux bras : \
            part de chaque groupe protégé parmi les contrôlés, taux de réussite, AUC du modèle sur l'irrégularité \
            réelle et écarts de l'audit. Même graine, mêmes octets.
            Exemple : lanterne simulate --periods 5 --rows 20000 --history-rows 200000 --random-share 0.1 \
            --seed 1 --format html --out simulation.html
            """
    )

    @Option(help: "Nombre de périodes (au moins 1).")
    var periods = 5

    @Option(help: "Foyers de chaque période (au moins \(FeedbackSimulationRequest.minimumRows)).")
    var rows = 20_000

    @Option(help: "Foyers de l'historique des contrôles passés (au moins \(FeedbackSimulationRequest.minimumRows)).")
    var historyRows = 200_000

    @Option(help: "Part de la capacité tirée au sort dans toute la population, entre 0 et 1.")
    var randomShare = 0.1

    @Option(help: "Part des foyers contrôlés à chaque période (la capacité), dans ]0 ; 0,5].")
    var capacity = 0.04

    @Option(help: "Graine des foyers, des contrôles et du tirage.")
    var seed: UInt64 = 1

    @Option(help: "Format : json (défaut), markdown ou html.")
    var format: SimulationFormat = .json

    @Option(help: "Fichier à écrire (sinon la sortie standard).")
    var out: String?

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingInputErrors(common.language) {
            var request = FeedbackSimulationRequest()
            request.periods = periods
            request.rows = rows
            request.historyRows = historyRows
            request.randomShare = randomShare
            request.capacity = capacity
            request.seed = seed
            request.threads = Synth.threadCount()
            let outcome: FeedbackSimulationOutcome
            do {
                outcome = try FeedbackSimulation.run(request)
            } catch let error as SimulationSettingError {
                let option = "--" + error.setting.replacingOccurrences(of: "_", with: "-")
                throw OptionMismatch(option: option, french: error.french, english: error.english)
            }
            let text =
                switch format {
                case .json: outcome.json()
                case .markdown: outcome.markdown(language: common.language)
                case .html: outcome.html(language: common.language)
                }
            if let out {
                try AtomicFile.write(text, to: out)
            } else {
                print(text, terminator: "")
            }
        }
    }
}

/// The formats of `lanterne simulate`.
enum SimulationFormat: String, ExpressibleByArgument, CaseIterable {
    case json, markdown, html
}
