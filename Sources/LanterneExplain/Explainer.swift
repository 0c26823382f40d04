import LanterneData
import LanterneModels

/// Exact contributions for any model kind: linear parts for logistic and additive models, TreeSHAP for trees.
public struct Explainer: Sendable {
    /// How tree models are explained.
    public enum TreeMethod: Sendable, Equatable {
        /// Expectation over the training data that reached each node.
        case pathDependent
        /// Features replaced by those of background cases (row after row).
        case interventional(background: [Double])
    }

    /// The model explained.
    public let model: any ScoringModel
    /// The method for trees.
    public let treeMethod: TreeMethod
    private let treeSHAP: TreeSHAP?

    /// Creates an explainer.
    /// - Parameters:
    ///   - model: any Lanterne model.
    ///   - treeMethod: the method for tree ensembles.
    public init(model: any ScoringModel, treeMethod: TreeMethod = .pathDependent) {
        self.model = model
        self.treeMethod = treeMethod
        treeSHAP = (model as? TreeEnsemble).map { TreeSHAP(ensemble: $0) }
    }

    /// The contributions of one case.
    /// - Parameter row: the case's feature values, in the model's feature order.
    /// - Returns: base and contributions, adding up to the case's log-odds.
    public func contributions(_ row: UnsafeBufferPointer<Double>) -> Contributions {
        if let logistic = model as? LogisticModel { return LinearExplainer.contributions(logistic, row: row) }
        if let additive = model as? AdditiveModel { return LinearExplainer.contributions(additive, row: row) }
        // Built once with the explainer: packing the trees costs as much as explaining a few cases.
        let shap = treeSHAP!
        switch treeMethod {
        case .pathDependent: return shap.pathDependent(row)
        case .interventional(let background): return shap.interventional(row, background: background)
        }
    }

    /// The contributions of several cases, each equal to the bit to ``contributions(_:)`` of that case alone; trees
    /// explained path by path go through the cases tree after tree, which keeps each tree's tables in the cache.
    /// - Parameter rows: the cases' feature values, in the model's feature order.
    /// - Returns: one set of contributions per case.
    public func contributions(rows: [UnsafeBufferPointer<Double>]) -> [Contributions] {
        if let shap = treeSHAP, treeMethod == .pathDependent { return shap.pathDependent(rows: rows) }
        return rows.map(contributions)
    }
}
