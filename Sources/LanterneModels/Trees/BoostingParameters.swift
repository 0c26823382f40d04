/// The settings of gradient-boosted tree training, named as `lanterne train` and LightGBM name them.
public struct BoostingParameters: Sendable, Equatable {
    /// What the trees learn.
    public enum Objective: String, Sendable, Codable {
        /// Binary log loss: the trees add up to log-odds.
        case binary
        /// Squared error: the trees add up to the predicted value.
        case squaredError = "squared_error"
    }

    /// The loss.
    public var objective: Objective = .binary
    /// The most trees (boosting rounds).
    public var trees = 500
    /// The most leaves per tree.
    public var leaves = 31
    /// The shrinkage applied to every leaf value.
    public var learningRate = 0.05
    /// The fewest training rows in a leaf.
    public var minLeaf = 20
    /// The smallest sum of hessians in a leaf.
    public var minHessian = 1e-3
    /// The smallest gain worth a split.
    public var minGain = 0.0
    /// The most value bins per numeric feature.
    public var bins = 255
    /// The L2 penalty on leaf values.
    public var l2 = 0.0
    /// The deepest a tree may grow; -1 for no limit.
    public var maxDepth = -1
    /// The share of rows drawn (without replacement) for each tree.
    public var rowSubsample = 1.0
    /// The share of features drawn for each tree.
    public var featureSubsample = 1.0
    /// The seed of every random draw.
    public var seed: UInt64 = 1
    /// Stop when the validation loss has not improved for this many rounds; 0 never stops early.
    public var earlyStopping = 50
    /// Monotone constraints by feature index: +1 increasing, -1 decreasing.
    public var monotone: [Int: Int] = [:]
    /// The threads building histograms (the result does not depend on it).
    public var threads = 1
    /// Categorical features with at most this many levels split one level against the rest.
    public var maxCategoriesOneHot = 4
    /// The most levels sent to one side of a categorical split.
    public var maxCategoryThreshold = 32
    /// The smoothing added to hessians when ordering levels, and the fewest rows a level needs to be considered.
    public var categorySmoothing = 10.0
    /// The extra L2 penalty on the children of a categorical split.
    public var categoryL2 = 10.0
    /// The fewest rows in each group of levels of a categorical split.
    public var minRowsPerCategoryGroup = 100

    /// Creates the default settings (LightGBM's defaults where they exist).
    public init() {}
}
