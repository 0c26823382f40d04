import LanterneData

/// Something a training did that the person should know, without stopping it: rows left out, features dropped, a
/// validation that cannot measure everything.
public struct TrainingWarning: Sendable, Equatable {
    /// A stable code (`unlabelled_rows`, `dropped_features`, `unseen_levels`, `constant_inputs`,
    /// `one_outcome_validation`, `top_k_exceeds_validation`).
    public let code: String
    /// The French text.
    public let french: String
    /// The English text.
    public let english: String

    /// Creates a warning.
    public init(code: String, french: String, english: String) {
        self.code = code
        self.french = french
        self.english = english
    }

    /// The text in `language`, on one line.
    public func message(_ language: Language) -> String { language == .fr ? french : english }
}

/// What a training produced: the model file's content, its validation measures and what went on.
public struct TrainingOutcome: Sendable {
    /// The model with its schema, parameters and metrics, ready for ``ModelFile/encode(_:)``.
    public let document: ModelDocument
    /// The validation measures (`auc`, `log_loss`, `brier`, `k`, `precision_at_k`, `recall_at_k`, or `rmse`, `mae`,
    /// `r2`), empty without validation.
    public let metrics: [String: Double]
    /// The warnings, in the order they arose.
    public let warnings: [TrainingWarning]
    /// The rows used for training.
    public let trainingRows: Int
    /// The rows used for validation.
    public let validationRows: Int
    /// The seconds spent fitting (not reading nor measuring).
    public let seconds: Double

    /// The measures and duration as `lanterne train --metrics-out` writes them: `{"rows", "validation_rows",
    /// "train_seconds", "validation_<measure>"…, "trees"?}`.
    public func metricsJSON() -> String {
        var fields = [
            "\"rows\":\(trainingRows)", "\"validation_rows\":\(validationRows)",
            "\"train_seconds\":\(JSONText.number(seconds))",
        ]
        for name in ["auc", "log_loss", "brier", "k", "precision_at_k", "recall_at_k", "rmse", "mae", "r2"] {
            if let value = metrics[name] { fields.append("\"validation_\(name)\":\(JSONText.number(value))") }
        }
        if let value = document.parameters["best_round"] { fields.append("\"trees\":\(value)") }
        return "{" + fields.joined(separator: ",") + "}\n"
    }
}
