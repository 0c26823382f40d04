import LanterneData

/// Where in a model a structural check found a problem, numbered from 0 as in the file's arrays.
public enum ModelPlace: Sendable, Equatable {
    /// The model as a whole.
    case model
    /// One of the features the model reads.
    case feature(Int, name: String)
    /// One tree of an ensemble.
    case tree(Int)
    /// One node of a tree.
    case node(tree: Int, node: Int)
    /// One encoded input of a logistic model.
    case input(Int)
    /// One term of an additive model.
    case term(Int, name: String)
    /// One pairwise interaction of an additive model.
    case pair(Int, name: String)

    /// The place in words, e.g. `arbre 3, nœud 7` or `tree 3, node 7`.
    /// - Parameter language: French or English.
    /// - Returns: the words.
    public func text(_ language: Language) -> String {
        let french = language == .fr
        switch self {
        case .model: return french ? "modèle" : "model"
        case .feature(let index, let name):
            return french ? "variable \(index) « \(name) »" : "feature \(index) \"\(name)\""
        case .tree(let index): return french ? "arbre \(index)" : "tree \(index)"
        case .node(let tree, let node): return french ? "arbre \(tree), nœud \(node)" : "tree \(tree), node \(node)"
        case .input(let index): return french ? "entrée \(index)" : "input \(index)"
        case .term(let index, let name): return french ? "terme \(index) « \(name) »" : "term \(index) \"\(name)\""
        case .pair(let index, let name):
            return french ? "interaction \(index) « \(name) »" : "pair \(index) \"\(name)\""
        }
    }
}
