import ArgumentParser
import Foundation
import LanterneAudit
import LanterneData
import LanterneModels

/// `lanterne audit`: metrics by group of decisions already taken (a prediction column or a condition).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit d'équité par groupe : taux de sélection, de faux positifs, de faux négatifs… de chaque "
            + "groupe rapportés à ceux du groupe de référence, et portes qui bloquent le déploiement.",
        discussion: """
            La décision auditée vient d'une seule source : une colonne de décisions déjà prises (--prediction), \
            une condition (--positive), une colonne de score (--score) ou un modèle Lanterne dont le score est \
            calculé ici (--model) ; avec un score, --threshold, --top-k ou --top-percent dit qui est sélectionné. \
            Les groupes sont ceux d'un ou plusieurs attributs protégés et de leurs intersections (a*b) ; un groupe \
            de moins de --min-group dossiers n'est pas publié. Les dossiers sans issue connue sont écartés et comptés.
            Mesures : onze taux par groupe, rapports et différences au groupe de référence, tests corrigés (Holm), \
            règle des quatre cinquièmes ; intervalles avec --bootstrap ; avec un score, score moyen, AUC et \
            calibration par groupe, et --sweep ; substituts avec --proxies, tirage au sort avec --random-draw, \
            filtres avec --where ; --policy fixe des portes (code 1 si l'une échoue).
            Sorties : sur la sortie standard, les constats puis le tableau des groupes en texte (--format text, par \
            défaut) ou le document JSON (--format json) ; --json FICHIER écrit ce JSON dans un fichier (rien alors \
            sur la sortie standard, sauf avec --format) ; --markdown et --report écrivent les rapports Markdown et \
            HTML.
            Exemple (ProPublica, COMPAS) :
            lanterne audit compas.csv --label two_year_recid --protected race --positive 'score_text != Low'
            """
    )

    @Argument(help: "Fichier CSV.")
    var data: String

    @Option(help: "Colonne de l'issue observée (1/0, oui/non).")
    var label: String

    @Option(help: "Attributs protégés, séparés par des virgules ; a*b pour une intersection.")
    var protected: String

    @Option(help: "Colonne de la décision déjà prise (1/0, oui/non).")
    var prediction: String?

    @Option(help: "Condition qui définit la décision : 'COL OP VALEUR' (OP parmi == != < <= > >=).")
    var positive: String?

    @Option(help: "Colonne du score ; la décision vient alors de --threshold, --top-k ou --top-percent.")
    var score: String?

    @Option(
        help:
            "Modèle Lanterne dont on audite le score (calculé ici) ; décision par --threshold, --top-k ou --top-percent."
    )
    var model: String?

    @Option(help: "Avec --score ou --model : sélectionné si le score atteint ce seuil.")
    var threshold: Double?

    @Option(help: "Avec --score ou --model : les K meilleurs scores sont sélectionnés (la capacité de contrôle).")
    var topK: Int?

    @Option(help: "Avec --score ou --model : la part P % des meilleurs scores est sélectionnée.")
    var topPercent: Double?

    @Flag(
        help: ArgumentHelp(
            "Avec --score ou --model : montre comment chaque taux évolue quand la capacité passe de 10 % à 100 % des "
                + "dossiers (JSON et rapport HTML)."))
    var sweep = false

    @Option(help: "Nombre de tirages bootstrap pour les intervalles (0 : aucun).")
    var bootstrap = 0

    @Option(help: "Graine des tirages bootstrap.")
    var seed: UInt64 = 1

    @Option(help: "Filtre des lignes : 'COL OP VALEUR' ; répétable.")
    var `where`: [String] = []

    @Option(help: "Taille minimale d'un groupe publié.")
    var minGroup = 10

    @Option(
        help: "Groupe de référence : majority (le plus grand), best (le plus sélectionné) ou la valeur d'un groupe."
    )
    var reference = "majority"

    @Option(help: "Variables à tester comme substituts des attributs protégés, séparées par des virgules.")
    var proxies: String?

    @Option(
        help:
            "Colonne du tirage au sort (1 : dossier contrôlé au hasard) : les mesures sont aussi données sur ce seul échantillon, sans biais de sélection."
    )
    var randomDraw: String?

    @Option(help: "Portes à franchir (JSON) ; la commande sort avec le code 1 si l'une échoue.")
    var policy: String?

    @Option(
        help: ArgumentHelp(
            "Schéma des données (JSON) : ses libellés nomment les groupes dans les constats (« oui », « Hauts-de-France » "
                + "plutôt que 1, hauts_de_france) ; par défaut celui du modèle donné par --model."))
    var schema: String?

    @Option(
        help: ArgumentHelp(
            "Ce que reçoit la sortie standard : text (constats et tableau des groupes ; par défaut) ou json (le "
                + "document de --json)."))
    var format: OutputFormat?

    @Option(help: "Écrit le document JSON dans ce fichier ; rien alors sur la sortie standard, sauf avec --format.")
    var json: String?

    @Option(help: "Rapport Markdown à écrire.")
    var markdown: String?

    @Option(help: "Rapport HTML à écrire (graphiques SVG, sans script).")
    var report: String?

    @OptionGroup var reading: CSVReadingOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        let ways = [prediction != nil, positive != nil, score != nil, model != nil].filter { $0 }.count
        guard ways == 1 else {
            throw ValidationError(
                "Il faut une seule source de décision : --prediction, --positive, --score ou --model.")
        }
        if score != nil || model != nil {
            let rules = [threshold != nil, topK != nil, topPercent != nil].filter { $0 }.count
            guard rules == 1 else {
                throw ValidationError(
                    "--score et --model demandent une seule règle : --threshold, --top-k ou --top-percent.")
            }
            if let topK, topK < 0 { throw ValidationError("--top-k doit être positif ou nul.") }
            if let topPercent, !(0...100).contains(topPercent) {
                throw ValidationError("--top-percent doit être entre 0 et 100.")
            }
        }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap doit être positif ou nul.") }
        if sweep && score == nil && model == nil { throw ValidationError("--sweep demande --score ou --model.") }
    }

    @Flag(help: "Affiche sur la sortie d'erreur la durée de chaque étape (lecture, mesures, bootstrap, écriture).")
    var timings = false

    func run() async throws {
        let failed = try await reportingInputErrors(common.language) { () -> Bool in
            let clock = ContinuousClock()
            let started = clock.now
            var gatePolicy: AuditPolicy? = nil
            if let policy {
                guard let data = FileManager.default.contents(atPath: policy) else {
                    throw PolicyError(file: policy, detail: "fichier introuvable ou illisible")
                }
                gatePolicy = try AuditPolicy.decode(data, file: policy)
            }
            func condition(_ text: String, option: String) throws -> RowCondition {
                guard let parsed = RowCondition.parse(text) else {
                    throw OptionMismatch(
                        option: option, french: "« \(text) » : il faut 'COLONNE OP VALEUR'",
                        english: "“\(text)”: 'COLUMN OP VALUE' expected")
                }
                return parsed
            }
            // With --model, the score is computed here and audited as a column of its own.
            let loaded = try model.map { try ModelFile.load(path: $0).document }
            if let loaded, loaded.model.output == .value, let model {
                throw ModelError(.notAProbability(command: "lanterne audit --model"), file: model)
            }
            let modelScore = ModelAudit.scoreColumn
            let decision: AuditRequest.Decision
            if let prediction {
                decision = .prediction(prediction)
            } else if let positive {
                decision = .condition(try condition(positive, option: "--positive"))
            } else {
                let rule: ThresholdRule =
                    threshold.map { .threshold($0) } ?? topK.map { .topK($0) } ?? .topPercent(topPercent!)
                decision = .score(score ?? modelScore, rule)
            }
            var request = AuditRequest(
                label: label,
                attributes: protected.split(separator: ",").map { $0.split(separator: "*").map(String.init) },
                decision: decision)
            request.filters = try `where`.map { try condition($0, option: "--where") }
            request.minimumGroup = minGroup
            request.reference = reference
            request.bootstrap = bootstrap
            request.seed = seed
            request.proxies = proxies?.split(separator: ",").map(String.init) ?? []
            request.randomDraw = randomDraw
            request.sweep = sweep
            request.language = common.language
            request.threads = Synth.threadCount()
            request.schema = try schema.map { try Schema.load(path: $0) } ?? loaded?.schema

            var options = try reading.csvOptions(columnTypes: loaded?.schema?.columnTypes ?? [:])
            options.requiresTypedColumns = false
            options.onlyColumns = Set(request.columns + (loaded?.model.features.map(\.name) ?? []))
            var table = try CSVReader(path: data, options: options).read().table
            if let scoring = loaded?.model {
                table = try ModelAudit.scored(table, model: scoring, file: data, threads: Synth.threadCount())
            }
            let read = clock.now
            let (audit, stages) = try ModelAudit.run(
                request, table: table, file: data, policy: gatePolicy,
                progress: ProgressBar(label: "Bootstrap", language: common.language))
            let measured = clock.now
            let document = AuditJSON.document(audit, minimumGroup: minGroup, sweep: sweep)
            if let markdown { try AtomicFile.write(audit.text(), to: markdown) }
            if let report { try AtomicFile.write(audit.html(), to: report) }
            if let json { try AtomicFile.write(document, to: json) }
            // Standard output: the text for people unless --format says otherwise; nothing with --json FILE alone.
            switch format ?? (json == nil ? .text : nil) {
            case .text?: print(AuditText.text(audit), terminator: "")
            case .json?: print(document, terminator: "")
            case nil: break
            }
            if timings {
                func seconds(_ duration: Duration) -> String {
                    JSONText.number(
                        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
                }
                let end = clock.now
                printError(
                    "timings {\"read_seconds\":\(seconds(read - started)),"
                        + "\"audit_seconds\":\(JSONText.number(stages.audit)),"
                        + "\"bootstrap_seconds\":\(JSONText.number(stages.bootstrap)),"
                        + "\"write_seconds\":\(seconds(end - measured)),\"total_seconds\":\(seconds(end - started))}")
            }
            return audit.gates.contains { !$0.passed }
        }
        // A failed gate blocks deployment: exit 1.
        if failed { throw ExitCode(1) }
    }
}
