import LanterneData

extension TrainingPipeline {
    /// Fits the model of the request's kind and lists the parameters written in the model file.
    static func fit(
        _ request: TrainingRequest, set: TrainingSet, training: Rows, validation: Rows?, monotone: [Int: Int],
        progress: ((BoostingTrainer.Round) -> Void)?, warn: (String, String, String) -> Void
    ) -> (any ScoringModel, [String: String]) {
        var parameters: [String: String] = ["kind": request.kind.rawValue, "seed": String(request.seed)]
        if request.kind == .logistic {
            // L1 alone replaces the default L2, as scikit-learn's penalty does.
            let penalty = request.l2 ?? (request.l1 == nil ? 1 : 0)
            parameters["l2"] = NumberFormatting.shortest(penalty)
            var trainer = LogisticTrainer(l2: penalty)
            if let l1 = request.l1 {
                parameters["l1"] = NumberFormatting.shortest(l1)
                trainer.l1 = l1
            }
            trainer.threads = request.threads
            let outcome = trainer.train(
                matrix: training.matrix, features: set.features, labels: training.labels.map { $0 == 1 })
            if !outcome.droppedConstant.isEmpty {
                let list = outcome.droppedConstant.joined(separator: ", ")
                warn(
                    "constant_inputs",
                    "\(request.file): entrées constantes sur les lignes d'entraînement écartées (une modalité jamais vue, un nombre toujours égal quand il est donné…) : "
                        + list,
                    "\(request.file): inputs constant on the training rows left out (a level never seen, a number always equal when given…): "
                        + list)
            }
            return (outcome.model, parameters)
        }
        var settings = BoostingParameters()
        settings.trees = request.trees
        settings.leaves = request.leaves
        settings.learningRate = request.learningRate
        settings.minLeaf = request.minLeaf
        settings.bins = request.bins
        settings.l2 = request.l2 ?? 0
        settings.maxDepth = request.maxDepth
        settings.minGain = request.minGain
        settings.seed = request.seed
        settings.objective = request.objective
        settings.earlyStopping = validation == nil ? 0 : request.earlyStopping
        settings.rowSubsample = request.rowSubsample
        settings.featureSubsample = request.featureSubsample
        settings.threads = request.threads
        settings.monotone = monotone
        parameters.merge(
            [
                "trees": String(request.trees), "leaves": String(request.leaves),
                "learning_rate": NumberFormatting.shortest(request.learningRate),
                "min_leaf": String(request.minLeaf), "bins": String(request.bins),
                "l2": NumberFormatting.shortest(settings.l2),
                "max_depth": String(request.maxDepth), "min_gain": NumberFormatting.shortest(request.minGain),
                "objective": settings.objective.rawValue,
                "early_stopping": String(settings.earlyStopping),
                "row_subsample": NumberFormatting.shortest(request.rowSubsample),
                "feature_subsample": NumberFormatting.shortest(request.featureSubsample),
                "monotone": request.monotone.map { "\($0.name)=\($0.direction > 0 ? "+1" : "-1")" }
                    .joined(separator: ","),
            ], uniquingKeysWith: { $1 })
        let report: (BoostingTrainer.Round) -> Void = { progress?($0) }
        if request.kind == .gbdt {
            let outcome = BoostingTrainer(parameters: settings).train(
                training: training.matrix, labels: training.labels, features: set.features,
                validation: validation?.matrix, validationLabels: validation?.labels ?? [], progress: report)
            parameters["best_round"] = String(outcome.bestRound)
            return (outcome.model, parameters)
        }
        let outcome = AdditiveTrainer(parameters: settings).train(
            training: training.matrix, labels: training.labels, features: set.features,
            validation: validation?.matrix, validationLabels: validation?.labels ?? [], progress: report)
        parameters["best_round"] = String(outcome.bestRound)
        return (outcome.model, parameters)
    }
}

/// The validation measures of a fitted model.
struct ValidationMeasures {
    /// The measures by name.
    var metrics: [String: Double] = [:]
    /// The calibration table of a yes/no model.
    var calibration: [ClassificationMetrics.CalibrationBin]?

    init(
        model: any ScoringModel, validation: TrainingPipeline.Rows, regression: Bool, topK: Int?, threads: Int,
        warn: (String, String, String) -> Void
    ) {
        if regression {
            // A value: root mean squared error, mean absolute error and the share of variance explained.
            let predictions = model.logits(validation.matrix, threads: threads)
            let errors = zip(predictions, validation.labels).map { $0 - $1 }
            let count = Double(max(1, errors.count))
            let mean = validation.labels.reduce(0, +) / count
            let squares = errors.reduce(0) { $0 + $1 * $1 }
            let spread = validation.labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            metrics["rmse"] = (squares / count).squareRoot()
            metrics["mae"] = errors.reduce(0) { $0 + abs($1) } / count
            metrics["r2"] = spread > 0 ? 1 - squares / spread : .nan
            return
        }
        let probabilities = model.probabilities(validation.matrix, threads: threads)
        let outcomes = validation.labels.map { $0 == 1 }
        metrics["auc"] = ClassificationMetrics.auc(scores: probabilities, labels: outcomes)
        metrics["log_loss"] = ClassificationMetrics.logLoss(probabilities: probabilities, labels: outcomes)
        metrics["brier"] = ClassificationMetrics.brier(probabilities: probabilities, labels: outcomes)
        let positives = outcomes.filter { $0 }.count
        if positives == 0 || positives == outcomes.count {
            warn(
                "one_outcome_validation",
                "validation : les \(outcomes.count) lignes ont la même issue ; l'AUC et le rappel ne se mesurent pas (notés nan)",
                "validation: all \(outcomes.count) rows have the same outcome; AUC and recall cannot be measured (written nan)"
            )
        }
        // What the agents would find if they checked the k highest scores.
        if let topK, topK > outcomes.count {
            warn(
                "top_k_exceeds_validation",
                "validation : --top-k \(topK) dépasse les \(outcomes.count) lignes de validation ; mesuré sur toutes",
                "validation: --top-k \(topK) exceeds the \(outcomes.count) validation rows; measured on all of them")
        }
        let k = topK ?? max(1, (outcomes.count + 9) / 10)
        let found = ClassificationMetrics.precisionRecall(atTop: k, scores: probabilities, labels: outcomes)
        metrics["k"] = Double(min(k, outcomes.count))
        metrics["precision_at_k"] = found.precision
        metrics["recall_at_k"] = found.recall
        calibration = ClassificationMetrics.calibration(probabilities: probabilities, labels: outcomes)
    }
}
