import ArgumentParser
import Foundation
import LanterneAssistant
import LanterneData

/// `lanterne assistant`: evaluate the assistant, redact identifiers.
struct AssistantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assistant",
        abstract: "L'assistant fiscal : l'évaluer sur des questions, construire son index, mesurer sa vitesse, "
            + "expurger les identifiants personnels d'un texte.",
        subcommands: [Evaluate.self, Calibrate.self, Redact.self, BuildIndex.self, Bench.self]
    )

    /// `lanterne assistant calibrate QUESTIONS.csv`: fits the answer model and chooses its threshold.
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Ajuste le modèle de décision de répondre sur un fichier de questions "
                + "(colonnes question,expected) et choisit son seuil par validation croisée.",
            discussion: """
                Le modèle logistique lit les caractéristiques de la recherche (scores, avances, couverture, probabilité \
                du modèle supervisé) ; le seuil est celui qui donne le plus de bonnes réponses en gardant la précision \
                et l'abstention au-dessus des cibles avec un écart type de marge, mesurées sur des probabilités que le \
                pli de chaque question n'a pas vues. Affiche la politique en Swift (à reporter dans AnswerPolicy.standard) et les taux attendus.
                Exemple : lanterne assistant calibrate Sources/LanterneAssistant/Evaluation/dev.csv
                """
        )

        @Argument(help: "Fichier CSV des questions.")
        var questions: String

        @Option(help: "Dossier d'articles Markdown (par défaut, la base livrée).")
        var kb: String?

        @Option(help: "Nombre de plis de la validation croisée.")
        var folds: Int = 5

        @Option(help: "Précision minimale des réponses données.")
        var minPrecision: Double = 0.95

        @Option(help: "Abstention minimale sur les questions sans réponse.")
        var minAbstention: Double = 0.95

        @Option(
            help: ArgumentHelp(
                "Fichier de questions hors champ écrites pour l'apprentissage (une par ligne, # pour un "
                    + "commentaire) : toujours des mauvaises réponses pour le modèle, jamais mesurées."))
        var outOfScope: String?

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let calibration = try await reportingInputErrors(common.language) { () -> AnswerCalibration in
                var written: [String] = []
                if let path = outOfScope {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw KnowledgeBaseError(.emptyFolder, file: path)
                    }
                    written = AnswerCalibration.outOfScopeQuestions(String(decoding: data, as: UTF8.self))
                }
                let base = try kb.map { try KnowledgeBase.load(folder: $0) } ?? KnowledgeBase.shipped()
                var options = CSVOptions()
                options.columnTypes = ["question": .text, "expected": .text]
                let table = try CSVReader(path: questions, options: options).read().table
                let items = try Evaluation.items(from: table, file: questions, base: base)
                return AnswerCalibration(
                    assistant: Assistant(base: base), items: items, folds: folds, minimumPrecision: minPrecision,
                    minimumAbstention: minAbstention, outOfScope: written)
            }
            let figures = calibration.crossValidated
            print(calibration.swiftSource)
            print(
                "cross-validated: answered correctly \(figures.answeredCorrectly), "
                    + "precision \(figures.precision) (less one standard error: \(figures.precisionLowerBound)), "
                    + "abstention \(figures.abstention) (less one standard error: \(figures.abstentionLowerBound))")
        }
    }

    /// `lanterne assistant eval QUESTIONS.csv`.
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Mesure l'assistant sur un fichier de questions (colonnes question,expected ; expected vide "
                + "quand la base ne doit pas répondre).",
            discussion: """
                Affiche recall@1, recall@3, MRR, le taux d'abstention correcte et la précision des réponses données ;
                sort avec le code 1 si une mesure est sous le seuil demandé par --min-*.
                Exemple : lanterne assistant eval Sources/LanterneAssistant/Evaluation/dev.csv --min-recall-at-1 0.85
                """
        )

        @Argument(help: "Fichier CSV des questions.")
        var questions: String

        @Option(help: "Dossier d'articles Markdown (par défaut, la base livrée).")
        var kb: String?

        @Option(help: "text (défaut) ou json.")
        var format: OutputFormat = .text

        @Flag(help: "Affiche aussi les questions manquées.")
        var misses = false

        @Option(help: "Politique de réponse : probabilité minimale que la première fiche soit la bonne.")
        var threshold: Double = AnswerPolicy.standard.threshold

        @Option(name: .customLong("min-recall-at-1"), help: "Seuil minimal de recall@1.") var minRecallAt1: Double?
        @Option(name: .customLong("min-recall-at-3"), help: "Seuil minimal de recall@3.") var minRecallAt3: Double?
        @Option(help: "Seuil minimal d'abstention correcte.") var minAbstention: Double?
        @Option(help: "Seuil minimal de précision des réponses.") var minPrecision: Double?

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let result = try await reportingInputErrors(common.language) { () -> Evaluation in
                let base = try kb.map { try KnowledgeBase.load(folder: $0) } ?? KnowledgeBase.shipped()
                var options = CSVOptions()
                options.columnTypes = ["question": .text, "expected": .text]
                let table = try CSVReader(path: questions, options: options).read().table
                let items = try Evaluation.items(from: table, file: questions, base: base)
                var policy = AnswerPolicy.standard
                policy.threshold = threshold
                return Evaluation(assistant: Assistant(base: base, policy: policy), items: items)
            }
            print(format == .json ? result.json : result.text(misses: misses), terminator: "")
            let failed = [
                (minRecallAt1, result.recallAt1), (minRecallAt3, result.recallAt3),
                (minAbstention, result.correctAbstention), (minPrecision, result.answerPrecision),
            ].contains { limit, value in limit.map { value < $0 } ?? false }
            if failed { throw ExitCode(1) }
        }
    }

    /// `lanterne assistant index --out FILE`.
    struct BuildIndex: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Construit l'index de l'assistant (fiches et index BM25) dans un fichier, que « ask --index » "
                + "charge en quelques millisecondes.",
            discussion: """
                Refuse (code 2, en nommant le fichier et le champ) une fiche dont les faits valent pour une année \
                fiscale passée (applies_to) et qui n'a pas été revérifiée cette année (checked), ou dont la date de \
                vérification est à venir.
                Exemple : lanterne assistant index --out assistant.idx
                puis : lanterne ask --index assistant.idx "Quand dois-je déclarer mes revenus ?"
                """
        )

        @Option(help: "Dossier d'articles Markdown (par défaut, la base livrée).")
        var kb: String?

        @Option(help: "Fichier à écrire.")
        var out: String

        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await reportingInputErrors(common.language) {
                let today = KnowledgeBase.today()
                let base =
                    try kb.map { try KnowledgeBase.load(folder: $0, asOf: today) } ?? KnowledgeBase.shipped(asOf: today)
                let assistant = Assistant(
                    base: base,
                    progress: ProgressBar(
                        label: common.language == .fr ? "Indexation" : "Indexing", language: common.language))
                try AssistantIndexFile.write(assistant, to: out)
                printError(
                    "\(out) : \(base.articles.count) fiches, \(assistant.index.passages.count) passages indexés")
            }
        }
    }

    /// `lanterne assistant bench QUESTIONS.csv`: build, load and query timings, for scripts/bench/assistant.sh.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Mesure l'assistant : construction et chargement de l'index, latence de chaque réponse (JSON).",
            discussion: """
                Les questions (colonne « question » du CSV) sont posées --repeat fois, sur un seul fil ; une ligne \
                JSON donne les fiches, les passages, les durées de lecture, de construction et de chargement de \
                l'index, sa taille et les latences (p50, p99, maximum).
                Exemple : lanterne assistant bench Sources/LanterneAssistant/Evaluation/dev.csv --repeat 3
                """
        )

        @Argument(help: "Fichier CSV dont la colonne « question » donne les questions.")
        var questions: String

        @Option(help: "Dossier d'articles Markdown (par défaut, la base livrée).")
        var kb: String?

        @Option(name: .customLong("repeat"), help: "Nombre de passages sur l'ensemble des questions.")
        var rounds: Int = 5

        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await reportingInputErrors(common.language) {
                var options = CSVOptions()
                options.columnTypes = ["question": .text]
                let table = try CSVReader(path: questions, options: options).read().table
                guard let column = table.column(named: "question") else {
                    throw OptionMismatch(
                        option: questions, french: "il faut une colonne « question »",
                        english: "a “question” column is required")
                }
                let path = FileManager.default.temporaryDirectory
                    .appendingPathComponent("lanterne-bench-\(ProcessInfo.processInfo.processIdentifier).idx").path
                let bench = try AssistantBench(
                    readBase: { try kb.map { try KnowledgeBase.load(folder: $0) } ?? KnowledgeBase.shipped() },
                    questions: (0..<table.rowCount).map { column.formatted($0) ?? "" }, rounds: rounds,
                    indexPath: path)
                print(bench.json, terminator: "")
            }
        }
    }

    /// `lanterne assistant redact "text"`.
    struct Redact: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "redact",
            abstract: "Remplace les identifiants personnels (NIR, numéro fiscal, IBAN, carte, SIREN/SIRET, courriel, "
                + "téléphone) dont la clé de contrôle est juste.",
            discussion: """
                Exemple : lanterne assistant redact "Mon IBAN est FR76 3000 6000 0112 3456 7890 189"
                (écrit : Mon IBAN est [IBAN])
                """
        )

        @Argument(help: "Le texte.")
        var text: String

        func run() throws {
            print(Redactor.redact(text).text)
        }
    }
}
