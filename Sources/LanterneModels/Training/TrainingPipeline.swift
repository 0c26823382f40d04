import LanterneData

/// Fits a model from a ``TrainingRequest``: the training rows and their label, the validation split, the fit, the
/// validation measures and the model document. `lanterne train` and the server call it alike.
public enum TrainingPipeline {
    /// Trains a model.
    /// - Parameters:
    ///   - request: the rows and settings.
    ///   - progress: called after each boosting round (not for logistic regression).
    ///   - warning: called with each warning as it arises (they are also in the outcome).
    ///   - progressBar: a bar counting the boosting rounds out of `request.trees` (one step for logistic
    ///     regression), finished when the fit ends, early stopping or not; it does not change the model.
    /// - Returns: the model document and its measures.
    /// - Throws: ``TrainingSettingError`` for a setting out of range, ``ModelError`` for unusable data.
    public static func train(
        _ request: TrainingRequest, progress: ((BoostingTrainer.Round) -> Void)? = nil,
        warning: ((TrainingWarning) -> Void)? = nil, progressBar: ProgressBar? = nil
    ) throws -> TrainingOutcome {
        try request.checkSettings()
        var warnings: [TrainingWarning] = []
        func warn(_ code: String, _ french: String, _ english: String) {
            let item = TrainingWarning(code: code, french: french, english: english)
            warnings.append(item)
            warning?(item)
        }
        let data = request.file
        let regression = request.objective == .squaredError
        let set = try TrainingSet(
            table: request.table, schema: request.schema, label: request.label, file: data, binaryLabel: !regression)
        if set.unlabelledRows > 0 {
            warn(
                "unlabelled_rows", "\(data): \(set.unlabelledRows) ligne(s) sans valeur de « \(set.label) » écartée(s)",
                "\(data): \(set.unlabelledRows) row(s) without \"\(set.label)\" left out")
        }
        if !set.droppedFeatures.isEmpty {
            let list = set.droppedFeatures.joined(separator: ", ")
            warn(
                "dropped_features", "\(data): variables constantes ou toujours manquantes écartées : " + list,
                "\(data): constant or always-missing features left out: " + list)
        }
        if request.kind != .logistic, let wide = set.features.first(where: { ($0.levels?.count ?? 0) > 255 }) {
            // Trees and additive terms give each level a bin of one byte, missing values bin 0.
            throw ModelError(.tooManyLevels(name: wide.name, count: wide.levels?.count ?? 0), file: data)
        }
        let monotone = try monotoneConstraints(request.monotone, features: set.features)
        let (training, validation) = try split(request, set: set, regression: regression, warn: warn)
        let clock = ContinuousClock()
        let start = clock.now
        progressBar?.start(total: request.kind == .logistic ? 1 : max(1, request.trees))
        let (model, parameters) = fit(
            request, set: set, training: training, validation: validation, monotone: monotone,
            progress: { round in
                progress?(round)
                progressBar?.advance()
            }, warn: warn)
        progressBar?.finish()
        let elapsed = (clock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        let measured = validation.map {
            ValidationMeasures(
                model: model, validation: $0, regression: regression, topK: request.topK, threads: request.threads,
                warn: warn)
        }
        let document = ModelDocument(
            model: model, origin: request.origin ?? "lanterne train \(fileName(data))", label: set.label,
            schema: request.schema, parameters: parameters,
            training: .init(
                rows: training.labels.count, positives: regression ? 0 : training.labels.filter { $0 == 1 }.count,
                validationRows: validation?.labels.count ?? 0),
            metrics: measured?.metrics ?? [:], calibration: measured?.calibration)
        return TrainingOutcome(
            document: document, metrics: measured?.metrics ?? [:], warnings: warnings,
            trainingRows: training.labels.count, validationRows: validation?.labels.count ?? 0, seconds: seconds)
    }

    typealias Rows = (matrix: FeatureMatrix, labels: [Double])

    /// The training and validation rows: a validation file's labelled rows, a seeded share of the training rows,
    /// or none.
    static func split(
        _ request: TrainingRequest, set: TrainingSet, regression: Bool,
        warn: (String, String, String) -> Void
    ) throws -> (training: Rows, validation: Rows?) {
        if let (validTable, validFile) = request.validation {
            var matrix = try FeatureMatrix(table: validTable, features: set.features, file: validFile)
            for (feature, count) in matrix.unseenLabels.sorted(by: { $0.key < $1.key }) {
                warn(
                    "unseen_levels",
                    "\(validFile): \(count) valeur(s) de « \(feature) » absente(s) de l'entraînement, traitée(s) comme manquantes",
                    "\(validFile): \(count) value(s) of \"\(feature)\" absent from training, scored as missing")
            }
            guard let column = validTable.column(named: set.label) else {
                throw ModelError(.missingFeatures([set.label]), file: validFile)
            }
            let outcomes =
                regression
                ? try TrainingSet.validationValues(column, file: validFile)
                : try TrainingSet.validationOutcomes(column, file: validFile)
            let keep = outcomes.indices.filter { !outcomes[$0].isNaN }
            let width = set.features.count
            matrix = FeatureMatrix(
                rows: keep.count, features: width,
                values: keep.flatMap { row in matrix.values[(row * width)..<((row + 1) * width)] })
            guard !keep.isEmpty else {
                throw ModelError(
                    .badTrainingData(detail: "aucune ligne de validation n'a de valeur pour « \(set.label) »"),
                    file: validFile)
            }
            return ((set.matrix, set.labels), (matrix, keep.map { outcomes[$0] }))
        }
        guard request.validShare > 0 else { return ((set.matrix, set.labels), nil) }
        var order = Array(0..<set.labels.count)
        var random = SeededRandom(seed: request.seed)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
        let validationCount = Int((Double(order.count) * request.validShare).rounded())
        guard validationCount > 0 && validationCount < order.count else {
            throw ModelError(
                .badTrainingData(
                    detail:
                        "--valid \(NumberFormatting.shortest(request.validShare)) de \(order.count) lignes laisse \(validationCount) ligne(s) de validation et \(order.count - validationCount) d'entraînement ; il en faut des deux côtés (--valid 0 : sans validation)"
                ), file: request.file)
        }
        return (
            set.subset(Array(order.dropLast(validationCount)).sorted()),
            set.subset(Array(order.suffix(validationCount)).sorted())
        )
    }

    /// Resolves monotone constraints by name to feature indices.
    static func monotoneConstraints(
        _ constraints: [(name: String, direction: Int)], features: [ModelFeature]
    ) throws -> [Int: Int] {
        var result: [Int: Int] = [:]
        for (name, direction) in constraints {
            guard direction == 1 || direction == -1 else {
                throw TrainingSettingError(
                    setting: "monotone", french: "« \(name) » doit valoir +1 ou -1",
                    english: "\"\(name)\" must be +1 or -1")
            }
            guard let index = features.firstIndex(where: { $0.name == name }) else {
                throw TrainingSettingError(
                    setting: "monotone", french: "« \(name) » n'est pas une variable du modèle",
                    english: "\"\(name)\" is not a feature of the model")
            }
            guard features[index].levels == nil else {
                throw TrainingSettingError(
                    setting: "monotone",
                    french: "« \(name) » est catégorielle, une contrainte de monotonie n'a pas de sens",
                    english: "\"\(name)\" is categorical; a monotone constraint has no meaning")
            }
            result[index] = direction
        }
        return result
    }

    /// The last path component of a file name.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
