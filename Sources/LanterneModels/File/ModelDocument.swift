import LanterneData

/// Everything a model file holds: the model, the schema of its data, how it was made and how well it does.
public struct ModelDocument: Codable, Sendable {
    /// Rows and outcomes of the training data.
    public struct TrainingSummary: Codable, Sendable, Equatable {
        /// Rows used for training.
        public var rows: Int
        /// Positive outcomes among them.
        public var positives: Int
        /// Rows kept aside for validation.
        public var validationRows: Int

        /// Creates a summary.
        public init(rows: Int, positives: Int, validationRows: Int) {
            self.rows = rows
            self.positives = positives
            self.validationRows = validationRows
        }
    }

    /// The model's kind.
    public var kind: ModelKind
    /// Where it comes from: `lanterne train ...` or `import xgboost FILE`.
    public var origin: String
    /// The label the model predicts, when known.
    public var label: String?
    /// The schema of the data it reads, when known.
    public var schema: Schema?
    /// Training parameters, as given.
    public var parameters: [String: String]
    /// The training data, when Lanterne trained the model.
    public var training: TrainingSummary?
    /// Validation metrics (auc, log_loss, brier, precision_at_k, recall_at_k...).
    public var metrics: [String: Double]
    /// Observed against predicted rates on the validation rows by tenths of probability, when Lanterne trained the
    /// model with validation rows.
    public var calibration: [ClassificationMetrics.CalibrationBin]?
    /// The model, for the kind `additive`.
    public var additive: AdditiveModel?
    /// The model, for the kind `gbdt`.
    public var trees: TreeEnsemble?
    /// The model, for the kind `logistic`.
    public var logistic: LogisticModel?

    /// Wraps a model.
    /// - Parameters:
    ///   - model: the model.
    ///   - origin: where it comes from.
    ///   - label: the predicted label.
    ///   - schema: the data's schema.
    ///   - parameters: training parameters.
    ///   - training: the training data summary.
    ///   - metrics: validation metrics.
    ///   - calibration: the validation calibration table.
    public init(
        model: any ScoringModel, origin: String, label: String? = nil, schema: Schema? = nil,
        parameters: [String: String] = [:], training: TrainingSummary? = nil, metrics: [String: Double] = [:],
        calibration: [ClassificationMetrics.CalibrationBin]? = nil
    ) {
        kind = model.kind
        self.origin = origin
        self.label = label
        self.schema = schema
        self.parameters = parameters
        self.training = training
        self.metrics = metrics
        self.calibration = calibration
        additive = model as? AdditiveModel
        trees = model as? TreeEnsemble
        logistic = model as? LogisticModel
    }

    /// The model, whatever its kind.
    public var model: any ScoringModel {
        switch kind {
        case .additive: additive!
        case .gbdt: trees!
        case .logistic: logistic!
        }
    }
}
