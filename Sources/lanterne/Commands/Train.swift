import ArgumentParser
import Foundation
import LanterneData
import LanterneModels

/// `lanterne train`: fits a model on a CSV file described by a schema.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Entraîne un modèle (logistique, arbres boostés ou additif) sur un fichier CSV et son schéma.",
        discussion: """
            Les colonnes de rôle « feature » du schéma sont les variables ; la cible est la colonne de rôle « label »
            (ou --label). Les lignes sans cible (cas jamais contrôlés) sont écartées et comptées.
            Exemple : lanterne train foyers.csv --schema schema.json --kind gbdt --out modele.json
            """
    )

    @Argument(help: "Fichier CSV d'entraînement.")
    var data: String

    @Option(help: "Schéma JSON (rôles et types des colonnes).")
    var schema: String

    @Option(help: "Type de modèle : logistic, gbdt ou additive.")
    var kind: ModelKindArgument

    @Option(help: "Fichier modèle à écrire.")
    var out: String

    @Option(help: "Colonne cible, si ce n'est pas celle de rôle label dans le schéma.")
    var label: String?

    @Option(help: "Nombre maximal d'arbres (ou de tours pour le modèle additif).")
    var trees = 500

    @Option(help: "Nombre maximal de feuilles par arbre.")
    var leaves = 31

    @Option(help: "Taux d'apprentissage.")
    var learningRate = 0.05

    @Option(help: "Nombre minimal de lignes par feuille.")
    var minLeaf = 20

    @Option(help: "Nombre maximal d'intervalles par variable numérique.")
    var bins = 255

    @Option(help: "Pénalité L2 (sur les feuilles ; pour la logistique, 1/C de scikit-learn, 1 par défaut).")
    var l2: Double?

    @Option(
        help:
            "Pénalité L1 de la régression logistique (1/C de scikit-learn avec la pénalité L1) : met des poids exactement à zéro ; seule, elle remplace la pénalité L2."
    )
    var l1: Double?

    @Option(
        help:
            "Ce que les arbres apprennent : binary (une issue oui/non, score = probabilité) ou squared-error (une valeur numérique, erreur quadratique ; --kind gbdt)."
    )
    var objective: ObjectiveArgument = .binary

    @Option(help: "Profondeur maximale des arbres (-1 : sans limite).")
    var maxDepth = -1

    @Option(help: "Gain minimal d'une coupure (baisse de la perte) pour qu'elle soit faite.")
    var minGain = 0.0

    @Option(
        help:
            "Nombre de dossiers que les agents peuvent contrôler : précision et rappel mesurés sur les K meilleurs scores de validation (par défaut 10 % des lignes de validation)."
    )
    var topK: Int?

    @Option(help: "Graine des tirages (partage validation, sous-échantillonnage).")
    var seed: UInt64 = 1

    @Option(help: "Part des lignes gardée pour la validation (ignorée avec --valid-file).")
    var valid = 0.2

    @Option(help: "Fichier CSV de validation, au lieu d'un partage du fichier d'entraînement.")
    var validFile: String?

    @Option(help: "Arrêt quand la perte de validation ne baisse plus pendant ce nombre de tours (0 : jamais).")
    var earlyStopping = 50

    @Option(help: "Contraintes de monotonie, ex. revenus_fonciers=+1,age=-1.")
    var monotone: String?

    @Option(help: "Part des lignes tirée pour chaque arbre.")
    var rowSubsample = 1.0

    @Option(help: "Part des variables tirée pour chaque arbre.")
    var featureSubsample = 1.0

    @Option(help: "Fils de calcul (par défaut LANTERNE_THREADS ou tous les cœurs).")
    var threads: Int?

    @Option(help: "Écrit les mesures de validation et la durée en JSON dans ce fichier.")
    var metricsOut: String?

    @OptionGroup var reading: CSVReadingOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if trees < 1 { throw ValidationError("--trees doit valoir au moins 1.") }
        if leaves < 2 { throw ValidationError("--leaves doit valoir au moins 2.") }
        if !(learningRate > 0) { throw ValidationError("--learning-rate doit être positif.") }
        if minLeaf < 1 { throw ValidationError("--min-leaf doit valoir au moins 1.") }
        if !(2...255).contains(bins) { throw ValidationError("--bins doit être entre 2 et 255.") }
        if let l2, !(l2 >= 0) { throw ValidationError("--l2 doit être positif ou nul.") }
        if let l1, !(l1 >= 0) { throw ValidationError("--l1 doit être positif ou nul.") }
        if objective == .squaredError && kind != .gbdt {
            throw ValidationError("--objective squared-error ne s'applique qu'à --kind gbdt.")
        }
        if l1 != nil && kind != .logistic { throw ValidationError("--l1 ne s'applique qu'à --kind logistic.") }
        if !(minGain >= 0) { throw ValidationError("--min-gain doit être positif ou nul.") }
        if !(0..<1).contains(valid) { throw ValidationError("--valid doit être entre 0 (sans validation) et 1 exclu.") }
        if earlyStopping < 0 { throw ValidationError("--early-stopping doit être positif ou nul.") }
        if !(rowSubsample > 0 && rowSubsample <= 1) {
            throw ValidationError("--row-subsample doit être dans ]0, 1].")
        }
        if !(featureSubsample > 0 && featureSubsample <= 1) {
            throw ValidationError("--feature-subsample doit être dans ]0, 1].")
        }
        if let topK, topK < 1 { throw ValidationError("--top-k doit valoir au moins 1.") }
        if topK != nil && objective == .squaredError {
            throw ValidationError(
                "--top-k mesure un classement oui/non : il ne s'applique pas à --objective squared-error.")
        }
        if let threads, threads < 1 { throw ValidationError("--threads doit valoir au moins 1.") }
    }

    func run() async throws {
        try await reportingInputErrors(common.language) {
            let fr = common.language == .fr
            let described = try Schema.load(path: schema)
            let types = described.columnTypes
            let table = try readTable(data, reading: reading, types: types, language: common.language)
            var request = TrainingRequest(table: table, schema: described, file: data, kind: kind.modelKind)
            request.label = label
            request.objective = objective == .squaredError ? .squaredError : .binary
            if let validFile {
                request.validation = (
                    try readTable(validFile, reading: reading, types: types, language: common.language), validFile
                )
            }
            request.validShare = validFile == nil ? valid : 0
            request.seed = seed
            request.threads = threads ?? Synth.threadCount()
            request.trees = trees
            request.leaves = leaves
            request.learningRate = learningRate
            request.minLeaf = minLeaf
            request.bins = bins
            request.l2 = l2
            request.l1 = l1
            request.maxDepth = maxDepth
            request.minGain = minGain
            request.earlyStopping = earlyStopping
            request.rowSubsample = rowSubsample
            request.featureSubsample = featureSubsample
            request.monotone = try monotoneConstraints()
            request.topK = topK
            let outcome = try TrainingPipeline.train(
                request,
                progress: { round in
                    if round.round % 50 == 0 && !round.validationLoss.isNaN {
                        let loss = NumberFormatting.shortest((round.validationLoss * 1e6).rounded() / 1e6)
                        printError(
                            fr
                                ? "tour \(round.round) : perte de validation \(loss)"
                                : "round \(round.round): validation loss \(loss)")
                    }
                }, warning: { printError($0.message(common.language)) },
                progressBar: ProgressBar(label: fr ? "Entraînement" : "Training", language: common.language))
            let version = try ModelFile.write(outcome.document, to: out)
            printSummary(outcome, version: version, regression: objective == .squaredError)
            if let metricsOut { try AtomicFile.write(outcome.metricsJSON(), to: metricsOut) }
        }
    }

    /// The one-line summary on standard error.
    func printSummary(_ outcome: TrainingOutcome, version: String, regression: Bool) {
        let fr = common.language == .fr
        func rounded(_ name: String) -> String {
            outcome.metrics[name].map { NumberFormatting.shortest(($0 * 10_000).rounded() / 10_000) } ?? "-"
        }
        let rows = outcome.trainingRows
        let seconds = NumberFormatting.shortest((outcome.seconds * 100).rounded() / 100)
        printError(
            regression
                ? (fr
                    ? "\(out) : \(kind.rawValue) (erreur quadratique), \(rows) lignes, RMSE de validation \(rounded("rmse")), \(seconds) s, version \(version.prefix(12))"
                    : "\(out): \(kind.rawValue) (squared error), \(rows) rows, validation RMSE \(rounded("rmse")), \(seconds) s, version \(version.prefix(12))")
                : fr
                    ? "\(out) : \(kind.rawValue), \(rows) lignes, AUC de validation \(rounded("auc")), perte logistique \(rounded("log_loss")), \(seconds) s, version \(version.prefix(12))"
                    : "\(out): \(kind.rawValue), \(rows) rows, validation AUC \(rounded("auc")), log loss \(rounded("log_loss")), \(seconds) s, version \(version.prefix(12))"
        )
    }

    /// Parses `--monotone name=+1,other=-1`; the pipeline checks the names against the features.
    func monotoneConstraints() throws -> [(name: String, direction: Int)] {
        guard let monotone, !monotone.isEmpty else { return [] }
        return try monotone.split(separator: ",").map { part in
            let pieces = part.split(separator: "=")
            guard pieces.count == 2, let direction = Int(pieces[1].replacingOccurrences(of: "+", with: "")),
                direction == 1 || direction == -1
            else { throw ValidationError("--monotone : « \(part) » n'est pas de la forme variable=+1 ou variable=-1") }
            return (String(pieces[0]), direction)
        }
    }
}

/// `--kind` values.
enum ModelKindArgument: String, ExpressibleByArgument, CaseIterable {
    case logistic, gbdt, additive

    /// The engine's kind.
    var modelKind: ModelKind { ModelKind(rawValue: rawValue) ?? .logistic }
}

/// `--objective` values.
enum ObjectiveArgument: String, ExpressibleByArgument, CaseIterable {
    case binary
    case squaredError = "squared-error"
}
