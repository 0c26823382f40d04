import LanterneData

/// What a structural check found wrong in a model, and where: an index out of range, a tree that is not a tree, a
/// number that is not finite, arrays that do not match.
public struct ModelFlaw: Sendable, Equatable {
    /// Which child of a split.
    public enum Side: String, Sendable, Equatable {
        /// The child a value going left reaches.
        case left
        /// The child a value going right reaches.
        case right
    }

    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        /// The body names a kind of model but does not hold one of that kind.
        case modelMissing(kind: ModelKind)
        /// Parallel arrays of different lengths.
        case lengthMismatch(field: String, found: Int, expected: Int)
        /// A tree without any node.
        case emptyTree
        /// A feature index beyond the model's features (or negative).
        case featureOutOfRange(index: Int, count: Int)
        /// A child index beyond the tree's nodes (or negative).
        case childOutOfRange(side: Side, index: Int, count: Int)
        /// A child leading back to the node itself or one above it: a walk down the tree would never end.
        case cycle(side: Side, child: Int)
        /// A child already reached from another split: the nodes form a graph, not a tree.
        case sharedNode(side: Side, child: Int)
        /// A node no split leads to from the root.
        case unreachable
        /// A number that is NaN or infinite.
        case notFinite(field: String, value: Double)
        /// A number a score adds up that is beyond ``ModelLimit/magnitude``.
        case outOfBounds(field: String, value: Double)
        /// A number that must be positive and is not (a logistic input's scale).
        case notPositive(field: String, value: Double)
        /// A split's category set index beyond the tree's sets.
        case categorySetOutOfRange(index: Int, count: Int)
        /// A category code beyond the feature's levels (or negative).
        case categoryOutOfRange(code: Int, count: Int)
        /// A level indicator on a feature that has no levels.
        case notCategorical(feature: Int)
        /// A level listed twice for one feature.
        case repeatedLevel(String)
        /// A bin number beyond the term's scores.
        case binOutOfRange(field: String, bin: Int, count: Int)
        /// Cut points that do not go up at `position`.
        case unsortedCuts(position: Int)
        /// Fewer scores than the term's bins.
        case tooFewScores(found: Int, needed: Int)
    }

    /// Where it is.
    public let place: ModelPlace
    /// What is wrong.
    public let problem: Problem

    /// Creates a flaw.
    /// - Parameters:
    ///   - place: where it is.
    ///   - problem: what is wrong.
    public init(_ place: ModelPlace, _ problem: Problem) {
        self.place = place
        self.problem = problem
    }

    /// A stable code for scripts and the API.
    public var code: String {
        switch problem {
        case .modelMissing: "model_missing"
        case .lengthMismatch: "model_length_mismatch"
        case .emptyTree: "model_empty_tree"
        case .featureOutOfRange: "model_feature_out_of_range"
        case .childOutOfRange: "model_child_out_of_range"
        case .cycle: "model_tree_cycle"
        case .sharedNode: "model_tree_shared_node"
        case .unreachable: "model_tree_unreachable_node"
        case .notFinite: "model_not_finite"
        case .outOfBounds: "model_value_out_of_bounds"
        case .notPositive: "model_not_positive"
        case .categorySetOutOfRange: "model_category_set_out_of_range"
        case .categoryOutOfRange: "model_category_out_of_range"
        case .notCategorical: "model_feature_not_categorical"
        case .repeatedLevel: "model_repeated_level"
        case .binOutOfRange: "model_bin_out_of_range"
        case .unsortedCuts: "model_unsorted_cuts"
        case .tooFewScores: "model_too_few_scores"
        }
    }

    /// What is wrong, in words, without the place.
    /// - Parameter language: French or English.
    /// - Returns: the words.
    public func problemText(_ language: Language) -> String {
        language == .fr ? french : english
    }

    private var french: String {
        switch problem {
        case .modelMissing(let kind): "le corps annonce un modèle « \(kind.rawValue) » mais n'en contient pas"
        case .lengthMismatch(let field, let found, let expected):
            "« \(field) » a \(found) valeurs au lieu de \(expected)"
        case .emptyTree: "arbre sans aucun nœud"
        case .featureOutOfRange(let index, let count): "la variable \(index) n'existe pas : le modèle en lit \(count)"
        case .childOutOfRange(let side, let index, let count):
            "l'enfant \(side.french) \(index) n'existe pas : l'arbre a \(count) nœuds"
        case .cycle(let side, let child):
            "l'enfant \(side.french) \(child) ramène à ce nœud ou à un nœud au-dessus (cycle) : "
                + "un parcours de l'arbre ne finirait pas"
        case .sharedNode(let side, let child):
            "l'enfant \(side.french) \(child) est déjà atteint par un autre chemin : ce n'est pas un arbre"
        case .unreachable: "aucun découpage ne mène à ce nœud depuis la racine"
        case .notFinite(let field, let value): "« \(field) » vaut \(value), il faut un nombre fini"
        case .outOfBounds(let field, let value):
            "« \(field) » vaut \(value), au-delà de ±\(ModelLimit.magnitude) qu'un score peut additionner"
        case .notPositive(let field, let value): "« \(field) » vaut \(value), il faut un nombre positif"
        case .categorySetOutOfRange(let index, let count):
            "l'ensemble de catégories \(index) n'existe pas : l'arbre en a \(count)"
        case .categoryOutOfRange(let code, let count):
            "la catégorie de code \(code) n'existe pas : les codes vont de 0 à \(count - 1)"
        case .notCategorical(let feature):
            "une modalité est attendue, mais la variable \(feature) est numérique (sans modalités)"
        case .repeatedLevel(let level): "la modalité « \(level) » figure deux fois"
        case .binOutOfRange(let field, let bin, let count):
            "« \(field) » renvoie à l'intervalle \(bin) alors qu'il y a \(count) scores"
        case .unsortedCuts(let position): "les seuils « cuts » ne sont pas croissants (position \(position))"
        case .tooFewScores(let found, let needed): "\(found) scores pour \(needed) intervalles"
        }
    }

    private var english: String {
        switch problem {
        case .modelMissing(let kind): "the body announces a \"\(kind.rawValue)\" model but holds none"
        case .lengthMismatch(let field, let found, let expected):
            "\"\(field)\" has \(found) values instead of \(expected)"
        case .emptyTree: "a tree without any node"
        case .featureOutOfRange(let index, let count): "feature \(index) does not exist: the model reads \(count)"
        case .childOutOfRange(let side, let index, let count):
            "the \(side.rawValue) child \(index) does not exist: the tree has \(count) nodes"
        case .cycle(let side, let child):
            "the \(side.rawValue) child \(child) leads back to this node or one above it (a cycle): a walk down the "
                + "tree would never end"
        case .sharedNode(let side, let child):
            "the \(side.rawValue) child \(child) is already reached by another path: this is not a tree"
        case .unreachable: "no split leads to this node from the root"
        case .notFinite(let field, let value): "\"\(field)\" is \(value); a finite number is needed"
        case .outOfBounds(let field, let value):
            "\"\(field)\" is \(value), beyond the ±\(ModelLimit.magnitude) a score may add up"
        case .notPositive(let field, let value): "\"\(field)\" is \(value); a positive number is needed"
        case .categorySetOutOfRange(let index, let count):
            "category set \(index) does not exist: the tree has \(count)"
        case .categoryOutOfRange(let code, let count):
            "category code \(code) does not exist: codes go from 0 to \(count - 1)"
        case .notCategorical(let feature): "a level is expected but feature \(feature) is numeric (no levels)"
        case .repeatedLevel(let level): "the level \"\(level)\" is listed twice"
        case .binOutOfRange(let field, let bin, let count):
            "\"\(field)\" points to bin \(bin) but there are \(count) scores"
        case .unsortedCuts(let position): "the \"cuts\" do not go up (position \(position))"
        case .tooFewScores(let found, let needed): "\(found) scores for \(needed) bins"
        }
    }
}

extension ModelFlaw.Side {
    /// The side's French adjective.
    var french: String { self == .left ? "gauche" : "droit" }
}
