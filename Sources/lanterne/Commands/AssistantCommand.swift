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
        subcommands: [Evaluate.self, Redact.self, BuildIndex.self, Bench.self]
    )

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

        @Option(help: "Politique de réponse : score BM25 minimal de la meilleure fiche (calibrage).")
        var answerScore: Float = AnswerPolicy.standard.minimumScore
        @Option(help: "Politique de réponse : avance minimale sur la deuxième fiche, en part du score (calibrage).")
        var answerMargin: Float = AnswerPolicy.standard.minimumMargin
        @Option(help: "Politique de réponse : part minimale de la question couverte par la fiche (calibrage).")
        var answerCoverage: Float = AnswerPolicy.standard.minimumCoverage

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
                guard let question = table.column(named: "question"), let expected = table.column(named: "expected")
                else {
                    throw OptionMismatch(
                        option: questions, french: "il faut les colonnes « question » et « expected »",
                        english: "the columns “question” and “expected” are required")
                }
                let known = Set(base.articles.map(\.id))
                var items: [Evaluation.Item] = []
                for row in 0..<table.rowCount {
                    let id = expected.isMissing(row) ? nil : expected.formatted(row)
                    if let id, !id.isEmpty, !known.contains(id) {
                        throw OptionMismatch(
                            option: "\(questions):\(row + 2)",
                            french: "l'article attendu « \(id) » n'existe pas dans la base",
                            english: "the expected article “\(id)” is not in the base")
                    }
                    items.append(
                        .init(question: question.formatted(row) ?? "", expected: id?.isEmpty == true ? nil : id))
                }
                var policy = AnswerPolicy.standard
                policy.minimumScore = answerScore
                policy.minimumMargin = answerMargin
                policy.minimumCoverage = answerCoverage
                return Evaluation(assistant: Assistant(base: base, policy: policy), items: items)
            }
            if format == .json {
                print(
                    "{\"answerable\":\(result.answerable),\"unanswerable\":\(result.unanswerable),"
                        + "\"recall_at_1\":\(JSONText.number(result.recallAt1)),"
                        + "\"recall_at_3\":\(JSONText.number(result.recallAt3)),"
                        + "\"mrr\":\(JSONText.number(result.meanReciprocalRank)),"
                        + "\"correct_abstention\":\(JSONText.number(result.correctAbstention)),"
                        + "\"answer_precision\":\(JSONText.number(result.answerPrecision)),"
                        + "\"answered_correctly\":\(JSONText.number(result.answeredCorrectly))}")
            } else {
                func show(_ value: Double) -> String { ReadableNumber.text(value, language: .en, decimals: 3) }
                print("questions: \(result.answerable) answerable, \(result.unanswerable) unanswerable")
                print("recall@1: \(show(result.recallAt1))")
                print("recall@3: \(show(result.recallAt3))")
                print("MRR: \(show(result.meanReciprocalRank))")
                print("correct abstention: \(show(result.correctAbstention))")
                print("answer precision: \(show(result.answerPrecision))")
                print("answered correctly: \(show(result.answeredCorrectly))")
                if misses {
                    for miss in result.misses {
                        print("MISS\t\(miss.expected ?? "-")\t\(miss.given ?? "-")\t\(miss.question)")
                    }
                }
            }
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
                let base = try kb.map { try KnowledgeBase.load(folder: $0) } ?? KnowledgeBase.shipped()
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
                let clock = ContinuousClock()
                var start = clock.now
                let base = try kb.map { try KnowledgeBase.load(folder: $0) } ?? KnowledgeBase.shipped()
                let read = clock.now - start
                start = clock.now
                let assistant = Assistant(base: base)
                let build = clock.now - start
                let path = FileManager.default.temporaryDirectory
                    .appendingPathComponent("lanterne-bench-\(ProcessInfo.processInfo.processIdentifier).idx").path
                defer { try? FileManager.default.removeItem(atPath: path) }
                try AssistantIndexFile.write(assistant, to: path)
                start = clock.now
                let loaded = try AssistantIndexFile.load(path: path)
                let load = clock.now - start
                var options = CSVOptions()
                options.columnTypes = ["question": .text]
                let table = try CSVReader(path: questions, options: options).read().table
                guard let column = table.column(named: "question") else {
                    throw OptionMismatch(
                        option: questions, french: "il faut une colonne « question »",
                        english: "a “question” column is required")
                }
                let asked = (0..<table.rowCount).map { column.formatted($0) ?? "" }
                var latencies: [Double] = []
                var answered = 0
                let total = clock.now
                for _ in 0..<max(1, rounds) {
                    for question in asked {
                        let begin = clock.now
                        let reply = loaded.reply(to: question)
                        latencies.append(Self.milliseconds(clock.now - begin))
                        if reply.status == .answer { answered += 1 }
                    }
                }
                let elapsed = Self.milliseconds(clock.now - total) / 1000
                latencies.sort()
                func percentile(_ p: Double) -> Double {
                    latencies.isEmpty
                        ? 0 : latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)]
                }
                let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                print(
                    "{\"articles\":\(base.articles.count),\"passages\":\(assistant.index.passages.count),"
                        + "\"read_seconds\":\(JSONText.number(Self.milliseconds(read) / 1000)),"
                        + "\"build_seconds\":\(JSONText.number(Self.milliseconds(build) / 1000)),"
                        + "\"index_bytes\":\(bytes),\"load_seconds\":\(JSONText.number(Self.milliseconds(load) / 1000)),"
                        + "\"queries\":\(latencies.count),\"answered\":\(answered),"
                        + "\"p50_ms\":\(JSONText.number(percentile(0.5))),\"p99_ms\":\(JSONText.number(percentile(0.99))),"
                        + "\"max_ms\":\(JSONText.number(latencies.last ?? 0)),"
                        + "\"queries_per_second\":\(JSONText.number(Double(latencies.count) / max(elapsed, 1e-9)))}")
            }
        }

        static func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
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
