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
            let regression = objective == .squaredError
            let set = try TrainingSet(
                table: table, schema: described, label: label, file: data, binaryLabel: !regression)
            if set.unlabelledRows > 0 {
                printError(
                    fr
                        ? "\(data): \(set.unlabelledRows) ligne(s) sans valeur de « \(set.label) » écartée(s)"
                        : "\(data): \(set.unlabelledRows) row(s) without \"\(set.label)\" left out")
            }
            if !set.droppedFeatures.isEmpty {
                printError(
                    (fr
                        ? "\(data): variables constantes ou toujours manquantes écartées : "
                        : "\(data): constant or always-missing features left out: ")
                        + set.droppedFeatures.joined(separator: ", "))
            }
            if kind != .logistic, let wide = set.features.first(where: { ($0.levels?.count ?? 0) > 255 }) {
                // Trees and additive terms give each level a bin of one byte, missing values bin 0.
                throw ModelError(.tooManyLevels(name: wide.name, count: wide.levels!.count), file: data)
            }
            let threadCount = threads ?? Synth.threadCount()
            // Training and validation rows.
            var training: (matrix: FeatureMatrix, labels: [Double])
            var validation: (matrix: FeatureMatrix, labels: [Double])?
            if let validFile {
                let validTable = try readTable(validFile, reading: reading, types: types, language: common.language)
                var matrix = try FeatureMatrix(table: validTable, features: set.features, file: validFile)
                for (feature, count) in matrix.unseenLabels.sorted(by: { $0.key < $1.key }) {
                    printError(
                        fr
                            ? "\(validFile): \(count) valeur(s) de « \(feature) » absente(s) de l'entraînement, traitée(s) comme manquantes"
                            : "\(validFile): \(count) value(s) of \"\(feature)\" absent from training, scored as missing"
                    )
                }
                let column = try validTable.column(named: set.label).orThrow(
                    ModelError(.missingFeatures([set.label]), file: validFile))
                let outcomes =
                    regression
                    ? try TrainingSet.validationValues(column, file: validFile)
                    : try TrainingSet.validationOutcomes(column, file: validFile)
                let keep = outcomes.indices.filter { !outcomes[$0].isNaN }
                matrix = FeatureMatrix(
                    rows: keep.count, features: set.features.count,
                    values: keep.flatMap { row in
                        matrix.values[(row * set.features.count)..<((row + 1) * set.features.count)]
                    })
                guard !keep.isEmpty else {
                    throw ModelError(
                        .badTrainingData(detail: "aucune ligne de validation n'a de valeur pour « \(set.label) »"),
                        file: validFile)
                }
                training = (set.matrix, set.labels)
                validation = (matrix, keep.map { outcomes[$0] })
            } else if valid > 0 && valid < 1 {
                var order = Array(0..<set.labels.count)
                var random = SeededRandom(seed: seed)
                for i in stride(from: order.count - 1, to: 0, by: -1) {
                    order.swapAt(i, Int(random.next() % UInt64(i + 1)))
                }
                let validationCount = Int((Double(order.count) * valid).rounded())
                guard validationCount > 0 && validationCount < order.count else {
                    throw ModelError(
                        .badTrainingData(
                            detail:
                                "--valid \(NumberFormatting.shortest(valid)) de \(order.count) lignes laisse \(validationCount) ligne(s) de validation et \(order.count - validationCount) d'entraînement ; il en faut des deux côtés (--valid 0 : sans validation)"
                        ), file: data)
                }
                training = set.subset(Array(order.dropLast(validationCount)).sorted())
                validation = set.subset(Array(order.suffix(validationCount)).sorted())
            } else {
                training = (set.matrix, set.labels)
            }
            let start = monotonicSeconds()
            var parameters: [String: String] = ["kind": kind.rawValue, "seed": String(seed)]
            let model: any ScoringModel
            switch kind {
            case .logistic:
                // L1 alone replaces the default L2, as scikit-learn's penalty does.
                let penalty = l2 ?? (l1 == nil ? 1 : 0)
                parameters["l2"] = NumberFormatting.shortest(penalty)
                var trainer = LogisticTrainer(l2: penalty)
                if let l1 {
                    parameters["l1"] = NumberFormatting.shortest(l1)
                    trainer.l1 = l1
                }
                trainer.threads = threadCount
                let outcome = trainer.train(
                    matrix: training.matrix, features: set.features, labels: training.labels.map { $0 == 1 })
                if !outcome.droppedConstant.isEmpty {
                    printError(
                        (fr
                            ? "\(data): entrées constantes sur les lignes d'entraînement écartées (une modalité jamais vue, un nombre toujours égal quand il est donné…) : "
                            : "\(data): inputs constant on the training rows left out (a level never seen, a number always equal when given…): ")
                            + outcome.droppedConstant.joined(separator: ", "))
                }
                model = outcome.model
            case .gbdt, .additive:
                var settings = BoostingParameters()
                settings.trees = trees
                settings.leaves = leaves
                settings.learningRate = learningRate
                settings.minLeaf = minLeaf
                settings.bins = bins
                settings.l2 = l2 ?? 0
                settings.maxDepth = maxDepth
                settings.minGain = minGain
                settings.seed = seed
                settings.objective = regression ? .squaredError : .binary
                settings.earlyStopping = validation == nil ? 0 : earlyStopping
                settings.rowSubsample = rowSubsample
                settings.featureSubsample = featureSubsample
                settings.threads = threadCount
                settings.monotone = try monotoneConstraints(features: set.features)
                parameters.merge(
                    [
                        "trees": String(trees), "leaves": String(leaves),
                        "learning_rate": NumberFormatting.shortest(learningRate),
                        "min_leaf": String(minLeaf), "bins": String(bins), "l2": NumberFormatting.shortest(settings.l2),
                        "max_depth": String(maxDepth), "min_gain": NumberFormatting.shortest(minGain),
                        "objective": settings.objective.rawValue,
                        "early_stopping": String(settings.earlyStopping),
                        "row_subsample": NumberFormatting.shortest(rowSubsample),
                        "feature_subsample": NumberFormatting.shortest(featureSubsample),
                        "monotone": monotone ?? "",
                    ], uniquingKeysWith: { $1 })
                let report: (BoostingTrainer.Round) -> Void = { round in
                    if round.round % 50 == 0 && !round.validationLoss.isNaN {
                        printError(
                            fr
                                ? "tour \(round.round) : perte de validation \(NumberFormatting.shortest((round.validationLoss * 1e6).rounded() / 1e6))"
                                : "round \(round.round): validation loss \(NumberFormatting.shortest((round.validationLoss * 1e6).rounded() / 1e6))"
                        )
                    }
                }
                if kind == .gbdt {
                    let outcome = BoostingTrainer(parameters: settings).train(
                        training: training.matrix, labels: training.labels, features: set.features,
                        validation: validation?.matrix, validationLabels: validation?.labels ?? [], progress: report)
                    parameters["best_round"] = String(outcome.bestRound)
                    model = outcome.model
                } else {
                    let outcome = AdditiveTrainer(parameters: settings).train(
                        training: training.matrix, labels: training.labels, features: set.features,
                        validation: validation?.matrix, validationLabels: validation?.labels ?? [], progress: report)
                    parameters["best_round"] = String(outcome.bestRound)
                    model = outcome.model
                }
            }
            let seconds = monotonicSeconds() - start
            var metrics: [String: Double] = [:]
            var calibration: [ClassificationMetrics.CalibrationBin]? = nil
            if let validation, regression {
                // A value: root mean squared error, mean absolute error and the share of variance explained.
                let predictions = model.logits(validation.matrix, threads: threadCount)
                let errors = zip(predictions, validation.labels).map { $0 - $1 }
                let count = Double(max(1, errors.count))
                let mean = validation.labels.reduce(0, +) / count
                let squares = errors.reduce(0) { $0 + $1 * $1 }
                let spread = validation.labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
                metrics["rmse"] = (squares / count).squareRoot()
                metrics["mae"] = errors.reduce(0) { $0 + abs($1) } / count
                metrics["r2"] = spread > 0 ? 1 - squares / spread : .nan
            } else if let validation {
                let probabilities = model.probabilities(validation.matrix, threads: threadCount)
                let outcomes = validation.labels.map { $0 == 1 }
                metrics["auc"] = ClassificationMetrics.auc(scores: probabilities, labels: outcomes)
                metrics["log_loss"] = ClassificationMetrics.logLoss(probabilities: probabilities, labels: outcomes)
                metrics["brier"] = ClassificationMetrics.brier(probabilities: probabilities, labels: outcomes)
                let positives = outcomes.filter { $0 }.count
                if positives == 0 || positives == outcomes.count {
                    printError(
                        fr
                            ? "validation : les \(outcomes.count) lignes ont la même issue ; l'AUC et le rappel ne se mesurent pas (notés nan)"
                            : "validation: all \(outcomes.count) rows have the same outcome; AUC and recall cannot be measured (written nan)"
                    )
                }
                // What the agents would find if they checked the k highest scores.
                if let topK, topK > outcomes.count {
                    printError(
                        fr
                            ? "validation : --top-k \(topK) dépasse les \(outcomes.count) lignes de validation ; mesuré sur toutes"
                            : "validation: --top-k \(topK) exceeds the \(outcomes.count) validation rows; measured on all of them"
                    )
                }
                let k = topK ?? max(1, (outcomes.count + 9) / 10)
                let found = ClassificationMetrics.precisionRecall(atTop: k, scores: probabilities, labels: outcomes)
                metrics["k"] = Double(min(k, outcomes.count))
                metrics["precision_at_k"] = found.precision
                metrics["recall_at_k"] = found.recall
                calibration = ClassificationMetrics.calibration(probabilities: probabilities, labels: outcomes)
            }
            let document = ModelDocument(
                model: model, origin: "lanterne train \(URL(fileURLWithPath: data).lastPathComponent)",
                label: set.label,
                schema: described, parameters: parameters,
                training: .init(
                    rows: training.labels.count, positives: regression ? 0 : training.labels.filter { $0 == 1 }.count,
                    validationRows: validation?.labels.count ?? 0),
                metrics: metrics, calibration: calibration)
            let version = try ModelFile.write(document, to: out)
            let auc = metrics["auc"].map { NumberFormatting.shortest(($0 * 10_000).rounded() / 10_000) } ?? "-"
            let loss = metrics["log_loss"].map { NumberFormatting.shortest(($0 * 10_000).rounded() / 10_000) } ?? "-"
            let rmse = metrics["rmse"].map { NumberFormatting.shortest(($0 * 10_000).rounded() / 10_000) } ?? "-"
            printError(
                regression
                    ? (fr
                        ? "\(out) : \(kind.rawValue) (erreur quadratique), \(training.labels.count) lignes, RMSE de validation \(rmse), \(NumberFormatting.shortest((seconds * 100).rounded() / 100)) s, version \(version.prefix(12))"
                        : "\(out): \(kind.rawValue) (squared error), \(training.labels.count) rows, validation RMSE \(rmse), \(NumberFormatting.shortest((seconds * 100).rounded() / 100)) s, version \(version.prefix(12))")
                    : fr
                        ? "\(out) : \(kind.rawValue), \(training.labels.count) lignes, AUC de validation \(auc), perte logistique \(loss), \(NumberFormatting.shortest((seconds * 100).rounded() / 100)) s, version \(version.prefix(12))"
                        : "\(out): \(kind.rawValue), \(training.labels.count) rows, validation AUC \(auc), log loss \(loss), \(NumberFormatting.shortest((seconds * 100).rounded() / 100)) s, version \(version.prefix(12))"
            )
            if let metricsOut {
                var fields = [
                    "\"rows\":\(training.labels.count)", "\"validation_rows\":\(validation?.labels.count ?? 0)",
                    "\"train_seconds\":\(JSONText.number(seconds))",
                ]
                if let value = metrics["auc"] { fields.append("\"validation_auc\":\(JSONText.number(value))") }
                if let value = metrics["log_loss"] {
                    fields.append("\"validation_log_loss\":\(JSONText.number(value))")
                }
                if let value = metrics["brier"] { fields.append("\"validation_brier\":\(JSONText.number(value))") }
                for name in ["k", "precision_at_k", "recall_at_k", "rmse", "mae", "r2"] {
                    if let value = metrics[name] { fields.append("\"validation_\(name)\":\(JSONText.number(value))") }
                }
                if let value = parameters["best_round"] { fields.append("\"trees\":\(value)") }
                try AtomicFile.write("{" + fields.joined(separator: ",") + "}\n", to: metricsOut)
            }
        }
    }

    /// Parses `--monotone name=+1,other=-1` against the features.
    func monotoneConstraints(features: [ModelFeature]) throws -> [Int: Int] {
        guard let monotone, !monotone.isEmpty else { return [:] }
        var result: [Int: Int] = [:]
        for part in monotone.split(separator: ",") {
            let pieces = part.split(separator: "=")
            guard pieces.count == 2, let direction = Int(pieces[1].replacingOccurrences(of: "+", with: "")),
                direction == 1 || direction == -1
            else { throw ValidationError("--monotone : « \(part) » n'est pas de la forme variable=+1 ou variable=-1") }
            guard let index = features.firstIndex(where: { $0.name == pieces[0] }) else {
                throw ValidationError("--monotone : « \(pieces[0]) » n'est pas une variable du modèle")
            }
            guard features[index].levels == nil else {
                throw ValidationError(
                    "--monotone : « \(pieces[0]) » est catégorielle, une contrainte de monotonie n'a pas de sens")
            }
            result[index] = direction
        }
        return result
    }
}

/// `--kind` values.
enum ModelKindArgument: String, ExpressibleByArgument, CaseIterable {
    case logistic, gbdt, additive
}

extension Optional {
    /// The wrapped value, or throws `error`.
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

/// `--objective` values.
enum ObjectiveArgument: String, ExpressibleByArgument, CaseIterable {
    case binary
    case squaredError = "squared-error"
}
