import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("Imported models are checked before anything scores with them")
struct ImportedStructureTests {
    /// A one-tree XGBoost file whose node 2 is a split with its left child back at the root.
    static let xgboostCycle = #"""
        {"learner": {"learner_model_param": {"base_score": "5E-1", "num_class": "0", "num_feature": "1"},
        "objective": {"name": "binary:logistic"}, "feature_names": ["x"],
        "gradient_booster": {"name": "gbtree", "model": {"trees": [{"left_children": [1, -1, 0],
        "right_children": [2, -1, 1], "split_indices": [0, 0, 0], "split_conditions": [0.5, -0.1, 0.7],
        "default_left": [1, 0, 0], "sum_hessian": [10, 4, 6], "base_weights": [0, -0.1, 0.1]}]}}}}
        """#

    /// A one-tree LightGBM file whose second split sends values left to the first.
    static let lightgbmCycle = """
        tree
        version=v4
        num_class=1
        num_tree_per_iteration=1
        label_index=0
        max_feature_idx=0
        objective=binary sigmoid:1
        feature_names=x
        feature_infos=[0:1]

        Tree=0
        num_leaves=3
        num_cat=0
        split_feature=0 0
        threshold=0.5 0.7
        decision_type=2 2
        left_child=1 0
        right_child=-1 -2
        leaf_value=-0.1 0.1 0.2
        shrinkage=1

        end of trees
        """

    @Test("An XGBoost tree with a cycle is refused by the import, naming the tree and node")
    func xgboost() throws {
        do {
            _ = try XGBoostImporter.importModel(Data(Self.xgboostCycle.utf8), file: "xgb.json")
            Issue.record("a tree with a cycle must be refused")
        } catch let error as ModelError {
            #expect(error.kind == .unsound(ModelFlaw(.node(tree: 0, node: 2), .cycle(side: .left, child: 0))))
            #expect(error.message(.en).hasPrefix("xgb.json: unsound model, tree 0, node 2: the left child 0"))
        }
    }

    @Test("A LightGBM tree with a cycle is refused by the import, naming the tree and node")
    func lightgbm() throws {
        do {
            _ = try LightGBMImporter.importModel(Data(Self.lightgbmCycle.utf8), file: "lgb.txt")
            Issue.record("a tree with a cycle must be refused")
        } catch let error as ModelError {
            #expect(error.code == "model_tree_cycle")
            #expect(error.message(.fr).hasPrefix("lgb.txt: modèle incohérent, arbre 0, nœud 1 : l'enfant gauche 0"))
        }
    }

    @Test("LightGBM integers that are not integers are refused by name, not converted into a crash")
    func lightgbmIntegers() throws {
        let cases = [
            ("left_child", "1e300 0", "1e300"), ("split_feature", "nan 0", "nan"),
            ("right_child", "-9999999999 -2", "-9999999999"),
        ]
        for (key, values, bad) in cases {
            let text = Self.lightgbmCycle.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("\(key)=") ? "\(key)=\(values)" : String($0) }.joined(separator: "\n")
            do {
                _ = try LightGBMImporter.importModel(Data(text.utf8), file: "lgb.txt")
                Issue.record("\(key)=\(values) must be refused")
            } catch let error as ModelError {
                #expect(error.code == "model_malformed")
                #expect(error.message(.fr).contains("\(key) contient « \(bad) »"), "\(error.message(.fr))")
            }
        }
    }

    @Test("An InterpretML feature without any binning is refused, where it used to crash")
    func interpretMLWithoutCuts() throws {
        let path = fixture("ebm_json/ebm_minimal.json")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        // The first feature's cuts become an empty list of binnings.
        let start = try #require(text.range(of: "\"cuts\": ["))
        var depth = 0
        var end = start.upperBound
        for index in text[start.upperBound...].indices {
            let character = text[index]
            if character == "[" { depth += 1 }
            if character == "]" {
                if depth == 0 {
                    end = index
                    break
                }
                depth -= 1
            }
        }
        text.replaceSubrange(start.upperBound..<end, with: "")
        do {
            _ = try InterpretMLImporter.importModel(Data(text.utf8), file: "ebm.json")
            Issue.record("a feature without binning must be refused")
        } catch let error as ModelError {
            #expect(error.code == "model_malformed")
            #expect(error.message(.fr).contains("n'a aucun découpage"))
        }
    }
}
