import LanterneData

/// Everything a training needs: the rows, their schema and the settings, as `lanterne train` and the server's
/// training jobs give them. The defaults are `lanterne train`'s.
public struct TrainingRequest: Sendable {
    /// The training rows, read with the schema's column types.
    public var table: Table
    /// The schema: the roles and types of the columns.
    public var schema: Schema
    /// The name of the training file, used in messages and in the model's origin.
    public var file: String
    /// The kind of model to fit.
    public var kind: ModelKind
    /// Where the model comes from, written in the model file (`lanterne train FILE` by default).
    public var origin: String?
    /// The label column, when it is not the schema's column of role label.
    public var label: String?
    /// What trees learn: a yes/no outcome or a value (gradient boosting only).
    public var objective: BoostingParameters.Objective = .binary
    /// Validation rows read from their own file, instead of a share of the training rows.
    public var validation: (table: Table, file: String)?
    /// The share of training rows kept for validation when there is no validation file (0: no validation).
    public var validShare = 0.2
    /// The seed of the validation split and of the subsampling.
    public var seed: UInt64 = 1
    /// Threads used by training and by the validation's scoring.
    public var threads = 1
    /// The most trees (or rounds, for the additive model).
    public var trees = 500
    /// The most leaves per tree.
    public var leaves = 31
    /// The learning rate.
    public var learningRate = 0.05
    /// The fewest rows per leaf.
    public var minLeaf = 20
    /// The most bins per numeric feature.
    public var bins = 255
    /// The L2 penalty (on leaves; for logistic regression, scikit-learn's 1/C, 1 unless L1 is given alone).
    public var l2: Double?
    /// The L1 penalty of logistic regression.
    public var l1: Double?
    /// The deepest a tree grows (-1: no limit).
    public var maxDepth = -1
    /// The smallest loss decrease for a split.
    public var minGain = 0.0
    /// Rounds without a better validation loss before stopping (0: never).
    public var earlyStopping = 50
    /// The share of rows drawn for each tree.
    public var rowSubsample = 1.0
    /// The share of features drawn for each tree.
    public var featureSubsample = 1.0
    /// Monotone constraints by feature name: +1 (the score rises with the value) or -1.
    public var monotone: [(name: String, direction: Int)] = []
    /// How many cases the agents can check: precision and recall are measured on the k highest validation scores
    /// (10 % of the validation rows when `nil`).
    public var topK: Int?

    /// Creates a request with `lanterne train`'s default settings.
    /// - Parameters:
    ///   - table: the training rows.
    ///   - schema: their schema.
    ///   - file: the training file's name.
    ///   - kind: the kind of model.
    public init(table: Table, schema: Schema, file: String, kind: ModelKind) {
        self.table = table
        self.schema = schema
        self.file = file
        self.kind = kind
    }

    /// Checks that the settings are in range, as `lanterne train` checks its options.
    /// - Throws: ``TrainingSettingError`` naming the first setting out of range.
    public func checkSettings() throws {
        func require(_ holds: Bool, _ setting: String, _ french: String, _ english: String) throws {
            if !holds { throw TrainingSettingError(setting: setting, french: french, english: english) }
        }
        try require(trees >= 1, "trees", "doit valoir au moins 1", "must be at least 1")
        try require(leaves >= 2, "leaves", "doit valoir au moins 2", "must be at least 2")
        try require(learningRate > 0, "learning_rate", "doit être positif", "must be positive")
        try require(minLeaf >= 1, "min_leaf", "doit valoir au moins 1", "must be at least 1")
        try require((2...255).contains(bins), "bins", "doit être entre 2 et 255", "must be between 2 and 255")
        try require(l2.map { $0 >= 0 } ?? true, "l2", "doit être positif ou nul", "must be zero or more")
        try require(l1.map { $0 >= 0 } ?? true, "l1", "doit être positif ou nul", "must be zero or more")
        try require(
            l1 == nil || kind == .logistic, "l1", "ne s'applique qu'à la régression logistique",
            "applies to logistic regression only")
        try require(
            objective == .binary || kind == .gbdt, "objective",
            "squared-error ne s'applique qu'aux arbres boostés", "squared-error applies to boosted trees only")
        try require(minGain >= 0, "min_gain", "doit être positif ou nul", "must be zero or more")
        try require(
            (0..<1).contains(validShare), "valid", "doit être entre 0 (sans validation) et 1 exclu",
            "must be between 0 (no validation) and 1, excluded")
        try require(earlyStopping >= 0, "early_stopping", "doit être positif ou nul", "must be zero or more")
        try require(
            rowSubsample > 0 && rowSubsample <= 1, "row_subsample", "doit être dans ]0, 1]", "must be in (0, 1]")
        try require(
            featureSubsample > 0 && featureSubsample <= 1, "feature_subsample", "doit être dans ]0, 1]",
            "must be in (0, 1]")
        try require(topK.map { $0 >= 1 } ?? true, "top_k", "doit valoir au moins 1", "must be at least 1")
        try require(
            topK == nil || objective == .binary, "top_k",
            "mesure un classement oui/non : il ne s'applique pas à une valeur prédite",
            "measures a yes/no ranking: it does not apply to a predicted value")
        try require(threads >= 1, "threads", "doit valoir au moins 1", "must be at least 1")
    }
}

/// A training setting out of range, or that does not fit the data (a monotone constraint on an unknown feature).
public typealias TrainingSettingError = SettingError
