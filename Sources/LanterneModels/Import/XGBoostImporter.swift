import Foundation
import LanterneData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Imports XGBoost models saved as JSON (`booster.save_model("model.json")`), objective `binary:logistic` or
/// `binary:logitraw`, numeric and categorical splits.
///
/// XGBoost sends `x < threshold` left, compares and sums in single precision, sends missing values the node's
/// `default_left` way, and stores `base_score` as a probability for `binary:logistic`; its `sum_hessian` becomes
/// each node's cover.
public enum XGBoostImporter {
    struct File: Decodable {
        struct Learner: Decodable {
            struct Parameters: Decodable {
                var baseScore: String
                var numClass: String?
                var numFeature: String?

                enum CodingKeys: String, CodingKey {
                    case baseScore = "base_score"
                    case numClass = "num_class"
                    case numFeature = "num_feature"
                }
            }

            struct Objective: Decodable {
                var name: String
            }

            struct Booster: Decodable {
                struct Model: Decodable {
                    var trees: [Tree]
                }

                var name: String
                var model: Model?
            }

            var parameters: Parameters
            var objective: Objective
            var booster: Booster
            var featureNames: [String]?
            var featureTypes: [String]?

            enum CodingKeys: String, CodingKey {
                case parameters = "learner_model_param"
                case objective
                case booster = "gradient_booster"
                case featureNames = "feature_names"
                case featureTypes = "feature_types"
            }
        }

        struct Tree: Decodable {
            var leftChildren: [Int32]
            var rightChildren: [Int32]
            var splitIndices: [Int32]
            var splitConditions: [Double]
            var defaultLeft: [Int]
            var sumHessian: [Double]
            var baseWeights: [Double]
            var splitType: [Int]?
            var categories: [Int32]?
            var categoriesNodes: [Int]?
            var categoriesSegments: [Int]?
            var categoriesSizes: [Int]?

            enum CodingKeys: String, CodingKey {
                case leftChildren = "left_children"
                case rightChildren = "right_children"
                case splitIndices = "split_indices"
                case splitConditions = "split_conditions"
                case defaultLeft = "default_left"
                case sumHessian = "sum_hessian"
                case baseWeights = "base_weights"
                case splitType = "split_type"
                case categories
                case categoriesNodes = "categories_nodes"
                case categoriesSegments = "categories_segments"
                case categoriesSizes = "categories_sizes"
            }
        }

        var learner: Learner
    }

    /// Imports a model.
    /// - Parameters:
    ///   - data: the JSON file's bytes.
    ///   - file: the file's name, for messages.
    ///   - featureNames: names for the features when the file has none (`f0`, `f1`... otherwise).
    ///   - levels: for categorical features (`feature_types` "c"), their labels in code order (pandas' order of the
    ///     categories, sorted for text): XGBoost's files keep the codes only. A categorical feature without levels
    ///     reads codes from the data.
    /// - Returns: the tree ensemble.
    /// - Throws: ``ModelError`` for another format, objective or multi-class model, or an unsound one
    ///   (``StructuralCheck``).
    public static func importModel(
        _ data: Data, file: String, featureNames: [String]? = nil, levels: [String: [String]] = [:]
    ) throws -> TreeEnsemble {
        let decoded: File
        do {
            decoded = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ModelError(
                .malformed(detail: "ce n'est pas un modèle XGBoost JSON (save_model(\"modele.json\")) : \(error)"),
                file: file)
        }
        let learner = decoded.learner
        let objective = learner.objective.name
        guard objective == "binary:logistic" || objective == "binary:logitraw" else {
            throw ModelError(
                .unsupported(detail: "objectif XGBoost « \(objective) » (seuls binary:logistic et binary:logitraw)"),
                file: file)
        }
        if let classes = learner.parameters.numClass, let count = Int(classes), count > 1 {
            throw ModelError(.unsupported(detail: "modèle XGBoost à \(count) classes"), file: file)
        }
        guard learner.booster.name == "gbtree" || learner.booster.name == "dart", let model = learner.booster.model
        else {
            throw ModelError(.unsupported(detail: "booster XGBoost « \(learner.booster.name) »"), file: file)
        }
        let baseText = learner.parameters.baseScore.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        guard let base = Double(baseText) else {
            throw ModelError(.malformed(detail: "base_score « \(learner.parameters.baseScore) »"), file: file)
        }
        let baseMargin: Double
        if objective == "binary:logistic" {
            let p = Float(base)
            baseMargin = Double(-log(1 / p - 1))
        } else {
            baseMargin = base
        }
        let featureCount = Int(learner.parameters.numFeature ?? "") ?? 0
        let names: [String]
        if let given = learner.featureNames ?? featureNames {
            names = given
        } else {
            guard featureCount >= 0 else {
                throw ModelError(.malformed(detail: "num_feature « \(featureCount) »"), file: file)
            }
            guard featureCount <= ModelLimit.features.value else {
                throw ModelError(.tooLarge(.features, found: featureCount, place: .model), file: file)
            }
            names = (0..<featureCount).map { "f\($0)" }
        }
        var trees: [DecisionTree] = []
        for (index, tree) in model.trees.enumerated() {
            // Category splits: the listed codes go right in XGBoost; stored here as a set going left, so the children
            // are swapped, and so is the default direction of missing values.
            var categorySets: [Int: [Int32]] = [:]
            if let types = tree.splitType, types.contains(where: { $0 != 0 }) {
                guard let nodes = tree.categoriesNodes, let segments = tree.categoriesSegments,
                    let sizes = tree.categoriesSizes, let values = tree.categories,
                    nodes.count == segments.count, nodes.count == sizes.count
                else {
                    throw ModelError(
                        .malformed(detail: "arbre \(index) : catégories des découpages incomplètes"), file: file)
                }
                for (position, node) in nodes.enumerated() {
                    let start = segments[position]
                    // Compared without adding, so that no number in the file can overflow.
                    guard start >= 0, sizes[position] >= 0, start <= values.count,
                        sizes[position] <= values.count - start
                    else {
                        throw ModelError(
                            .malformed(detail: "arbre \(index) : segment de catégories hors limites"), file: file)
                    }
                    categorySets[node] = Array(values[start..<(start + sizes[position])])
                }
            }
            let n = tree.leftChildren.count
            guard tree.rightChildren.count == n, tree.splitIndices.count == n, tree.splitConditions.count == n,
                tree.defaultLeft.count == n
            else {
                throw ModelError(.malformed(detail: "arbre \(index) : tableaux de longueurs différentes"), file: file)
            }
            var converted = DecisionTree()
            for node in 0..<n {
                let isLeaf = tree.leftChildren[node] < 0
                let feature = isLeaf ? -1 : tree.splitIndices[node]
                if feature >= names.count || (!isLeaf && feature < 0) {
                    throw ModelError(.malformed(detail: "arbre \(index) : variable \(feature) inconnue"), file: file)
                }
                let set = isLeaf ? nil : categorySets[node]
                converted.appendNode(
                    feature: feature, threshold: isLeaf || set != nil ? 0 : tree.splitConditions[node],
                    left: set == nil ? tree.leftChildren[node] : tree.rightChildren[node],
                    right: set == nil ? tree.rightChildren[node] : tree.leftChildren[node],
                    defaultLeft: (tree.defaultLeft[node] != 0) != (set != nil),
                    missing: set == nil ? .nan : .nanOnCategories, categories: set,
                    value: isLeaf
                        ? tree.splitConditions[node] : (tree.baseWeights.count == n ? tree.baseWeights[node] : 0),
                    cover: tree.sumHessian.count == n ? tree.sumHessian[node] : 0, count: 0)
            }
            trees.append(converted)
        }
        let types = learner.featureTypes ?? []
        let features = names.enumerated().map { index, name in
            ModelFeature(name: name, levels: index < types.count && types[index] == "c" ? levels[name] : nil)
        }
        let ensemble = TreeEnsemble(
            features: features, baseScore: baseMargin, rule: .lessThanFloat32,
            trees: trees, sumsInFloat32: true)
        try StructuralCheck.check(ensemble, file: file)
        return ensemble
    }
}
