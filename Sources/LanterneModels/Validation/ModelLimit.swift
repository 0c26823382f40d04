/// The largest models Lanterne accepts from a file or an import, so that loading, scoring and explaining always end
/// in bounded time and memory, whatever the file says.
///
/// The bounds are far above anything trained in practice (LightGBM's default is 31 leaves, a depth of 5 to 30; a
/// register's models have tens of features) and far below what would exhaust a server.
public enum ModelLimit: String, Sendable, Equatable, CaseIterable {
    /// Trees in an ensemble.
    case trees
    /// Nodes in one tree.
    case nodes
    /// Levels from a tree's root to its deepest leaf; TreeSHAP's path buffer grows with its square.
    case depth
    /// Features a model reads.
    case features
    /// Levels of one categorical feature, and the largest category code a split may test.
    case levels
    /// Logistic inputs, additive terms or additive pairs.
    case terms
    /// Cuts, categories or scores of one additive term, and cells of one pair's table.
    case bins

    /// The bound itself: the largest count accepted.
    public var value: Int {
        switch self {
        case .trees: 100_000
        case .nodes: 1_000_000
        case .depth: 1_000
        case .features: 100_000
        case .levels: 1_000_000
        case .terms: 1_000_000
        case .bins: 1_000_000
        }
    }

    /// The largest magnitude of a number a score adds up (leaf values, base scores, intercepts, bin scores, a
    /// logistic weight per unit): 1e30. A sum of 100,000 such numbers stays finite even in single precision, as
    /// XGBoost's models are summed.
    public static let magnitude = 1e30
}

extension ModelLimit {
    /// `count` things of this limit's kind, in French (`12 arbres`).
    func frenchCount(_ count: Int) -> String {
        switch self {
        case .trees: "\(count) arbres"
        case .nodes: "\(count) nœuds"
        case .depth: "une profondeur d'au moins \(count) niveaux"
        case .features: "\(count) variables"
        case .levels: "\(count) modalités"
        case .terms: "\(count) termes ou entrées"
        case .bins: "\(count) intervalles, catégories ou scores"
        }
    }

    /// `count` things of this limit's kind, in English (`12 trees`).
    func englishCount(_ count: Int) -> String {
        switch self {
        case .trees: "\(count) trees"
        case .nodes: "\(count) nodes"
        case .depth: "a depth of at least \(count) levels"
        case .features: "\(count) features"
        case .levels: "\(count) levels"
        case .terms: "\(count) terms or inputs"
        case .bins: "\(count) bins, categories or scores"
        }
    }
}
