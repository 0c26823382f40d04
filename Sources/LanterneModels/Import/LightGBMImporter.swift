import Foundation
import LanterneData

/// Imports LightGBM binary models saved as text (`booster.save_model("model.txt")`).
///
/// LightGBM sends `x <= threshold` left; `decision_type` bit 0 marks a categorical split, bit 1 `default_left`, bits
/// 2–3 the missing type (none: NaN read as 0; zero: NaN and 0 go the default way; NaN: NaN goes the default way).
/// A categorical split's categories are a bitset in `cat_threshold`, between `cat_boundaries`. Leaves are numbered
/// `-(leaf + 1)` in `left_child`/`right_child`; `internal_weight` and `leaf_weight` (sums of hessians) become covers,
/// `internal_count` and `leaf_count` counts.
public enum LightGBMImporter {
    /// Imports a model.
    /// - Parameters:
    ///   - data: the text file's bytes.
    ///   - file: the file's name, for messages.
    /// - Returns: the tree ensemble.
    /// - Throws: ``ModelError`` for multi-class models, other objectives, linear trees, malformed files or unsound
    ///   models (``StructuralCheck``).
    public static func importModel(_ data: Data, file: String) throws -> TreeEnsemble {
        let text = String(decoding: data, as: UTF8.self)
        var header: [String: String] = [:]
        var blocks: [[String: String]] = []
        var current: [String: String]? = nil
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = String(rawLine)
            if line.hasPrefix("Tree=") {
                if let current { blocks.append(current) }
                current = [:]
                continue
            }
            if line == "end of trees" {
                if let current { blocks.append(current) }
                current = nil
                break
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            let value = String(line[line.index(after: equals)...])
            if current != nil { current![key] = value } else { header[key] = value }
        }
        if let current { blocks.append(current) }
        guard text.hasPrefix("tree"), let featureNames = header["feature_names"]?.split(separator: " ").map(String.init)
        else {
            throw ModelError(
                .malformed(detail: "ce n'est pas un modèle LightGBM texte (save_model(\"modele.txt\"))"), file: file)
        }
        if let classes = header["num_class"].flatMap(Int.init), classes > 1 {
            throw ModelError(.unsupported(detail: "modèle LightGBM multiclasse (\(classes) classes)"), file: file)
        }
        let objective = header["objective"] ?? ""
        guard objective.hasPrefix("binary") else {
            throw ModelError(.unsupported(detail: "objectif LightGBM « \(objective) » (seul binary)"), file: file)
        }
        var sigmoid = 1.0
        if let part = objective.split(separator: " ").first(where: { $0.hasPrefix("sigmoid:") }) {
            sigmoid = Double(part.dropFirst("sigmoid:".count)) ?? 1
        }
        var trees: [DecisionTree] = []
        for (index, block) in blocks.enumerated() {
            trees.append(try tree(block, index: index, sigmoid: sigmoid, featureCount: featureNames.count, file: file))
        }
        guard !trees.isEmpty else { throw ModelError(.malformed(detail: "aucun arbre"), file: file) }
        var features = featureNames.map { ModelFeature(name: $0) }
        // Models trained on pandas categories list each categorical column's levels, in the order of those columns;
        // a category's code is its position, so the levels let labels in the data be read as LightGBM read them.
        if let levels = pandasCategories(text), !levels.isEmpty {
            let infos = header["feature_infos"]?.split(separator: " ").map(String.init) ?? []
            let categorical = infos.indices.filter { !infos[$0].hasPrefix("[") && infos[$0] != "none" }
            guard categorical.count == levels.count else {
                throw ModelError(
                    .malformed(
                        detail:
                            "pandas_categorical donne \(levels.count) listes pour \(categorical.count) variables catégorielles"
                    ),
                    file: file)
            }
            for (feature, list) in zip(categorical, levels) where feature < features.count {
                features[feature].levels = list
            }
        }
        var ensemble = TreeEnsemble(features: features, baseScore: 0, rule: .lessOrEqual, trees: trees)
        ensemble.explanationWeights = .count
        try StructuralCheck.check(ensemble, file: file)
        return ensemble
    }

    /// The lists of levels of the `pandas_categorical:` line, or `nil` when absent or `null`.
    static func pandasCategories(_ text: String) -> [[String]]? {
        guard let range = text.range(of: "\npandas_categorical:", options: .backwards) else { return nil }
        let rest = text[range.upperBound...]
        let line = rest.prefix { $0 != "\n" && $0 != "\r" }
        guard line != "null", let data = line.data(using: .utf8),
            let lists = try? JSONSerialization.jsonObject(with: data) as? [[Any]]
        else { return nil }
        return lists.map { list in
            list.map { value -> String in
                if let text = value as? String { return text }
                if let number = value as? NSNumber { return NumberFormatting.shortest(number.doubleValue) }
                return String(describing: value)
            }
        }
    }

    private static func tree(_ block: [String: String], index: Int, sigmoid: Double, featureCount: Int, file: String)
        throws -> DecisionTree
    {
        func doubles(_ key: String) throws -> [Double] {
            guard let text = block[key] else { return [] }
            return try text.split(separator: " ").map { part in
                guard let value = Double(part) else {
                    throw ModelError(.malformed(detail: "arbre \(index) : \(key) contient « \(part) »"), file: file)
                }
                return value
            }
        }
        func integers(_ key: String, in range: ClosedRange<Int> = Int(Int32.min)...Int(Int32.max)) throws -> [Int] {
            guard let text = block[key] else { return [] }
            return try text.split(separator: " ").map { part in
                // Integers as LightGBM writes them; any other text, or a number out of range, is refused rather
                // than converted (a conversion of NaN or 1e300 would stop the program).
                guard let value = Int(part) ?? Double(part).flatMap({ Int(exactly: $0) }), range.contains(value)
                else {
                    throw ModelError(.malformed(detail: "arbre \(index) : \(key) contient « \(part) »"), file: file)
                }
                return value
            }
        }
        if block["is_linear"] == "1" {
            throw ModelError(
                .unsupported(detail: "arbre \(index) : arbres linéaires LightGBM (linear_tree)"), file: file)
        }
        let leaves = Int(block["num_leaves"] ?? "") ?? 0
        let leafValues = try doubles("leaf_value")
        guard leaves >= 1, leafValues.count == leaves else {
            throw ModelError(.malformed(detail: "arbre \(index) : num_leaves et leaf_value incohérents"), file: file)
        }
        let leafCovers = try doubles("leaf_weight")
        let leafCounts = try integers("leaf_count")
        var result = DecisionTree()
        if leaves == 1 {
            result.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .none, categories: nil,
                value: leafValues[0] * sigmoid, cover: leafCovers.first ?? 0, count: leafCounts.first ?? 0)
            return result
        }
        let internalCount = leaves - 1
        let features = try integers("split_feature")
        let thresholds = try doubles("threshold")
        let decisions = try integers("decision_type")
        let lefts = try integers("left_child")
        let rights = try integers("right_child")
        let covers = try doubles("internal_weight")
        let counts = try integers("internal_count")
        let values = try doubles("internal_value")
        let boundaries = try integers("cat_boundaries")
        let bitsets = try integers("cat_threshold", in: 0...Int(UInt32.max)).map { UInt32($0) }
        guard
            [features.count, thresholds.count, decisions.count, lefts.count, rights.count].allSatisfy({
                $0 == internalCount
            })
        else { throw ModelError(.malformed(detail: "arbre \(index) : tableaux de longueurs différentes"), file: file) }
        // Leaves follow the splits; an index out of range is left for the structural check to name.
        func child(_ raw: Int) -> Int32 {
            Int32(clamping: raw >= 0 ? raw : internalCount + (-raw - 1))
        }
        for node in 0..<internalCount {
            guard features[node] >= 0 && features[node] < featureCount else {
                throw ModelError(.malformed(detail: "arbre \(index) : variable \(features[node]) inconnue"), file: file)
            }
            let decision = decisions[node]
            var categories: [Int32]? = nil
            if decision & 1 != 0 {
                // The threshold of a category split is the index of its set; its words lie between two boundaries.
                let set = Int(exactly: thresholds[node]) ?? -1
                guard set >= 0, set + 1 < boundaries.count, boundaries[set] >= 0,
                    boundaries[set] <= boundaries[set + 1], boundaries[set + 1] <= bitsets.count
                else {
                    throw ModelError(.malformed(detail: "arbre \(index) : cat_boundaries incohérent"), file: file)
                }
                let words = boundaries[set + 1] - boundaries[set]
                guard words <= ModelLimit.levels.value / 32 + 1 else {
                    throw ModelError(.tooLarge(.levels, found: words * 32, place: .tree(index)), file: file)
                }
                var members: [Int32] = []
                for word in boundaries[set]..<boundaries[set + 1] {
                    for bit in 0..<32 where bitsets[word] & (1 << UInt32(bit)) != 0 {
                        members.append(Int32((word - boundaries[set]) * 32 + bit))
                    }
                }
                categories = members
            }
            result.appendNode(
                feature: Int32(features[node]), threshold: thresholds[node], left: child(lefts[node]),
                right: child(rights[node]), defaultLeft: decision & 2 != 0,
                missing: MissingRule(rawValue: UInt8((decision >> 2) & 3)) ?? .none, categories: categories,
                value: (values.count == internalCount ? values[node] : 0) * sigmoid,
                cover: covers.count == internalCount ? covers[node] : 0,
                count: counts.count == internalCount ? counts[node] : 0)
        }
        for leaf in 0..<leaves {
            result.appendNode(
                feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .none, categories: nil,
                value: leafValues[leaf] * sigmoid, cover: leafCovers.count == leaves ? leafCovers[leaf] : 0,
                count: leafCounts.count == leaves ? leafCounts[leaf] : 0)
        }
        return result
    }
}
