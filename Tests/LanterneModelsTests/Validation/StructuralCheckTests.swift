import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("A model file with a valid digest and an unsound content is refused with one coded error naming the place")
struct StructuralCheckTests {
    /// Writes `model` into model file bytes (the writer does not check, so the digest is valid), then loads them.
    static func loading(_ model: any ScoringModel) -> ModelError? {
        let bytes: [UInt8]
        do {
            bytes = try ModelFile.encode(ModelDocument(model: model, origin: "test")).bytes
        } catch {
            Issue.record("the test model could not be written: \(error)")
            return nil
        }
        do {
            _ = try ModelFile.decode(bytes, file: "modele.json")
            return nil
        } catch let error as ModelError {
            return error
        } catch {
            Issue.record("an error that is not a ModelError: \(error)")
            return nil
        }
    }

    @Test("A child pointing back to the root is a cycle: an error at once, where scoring used to hang")
    func cycle() throws {
        let model = UnsoundModels.ensemble { tree in
            // Node 2 becomes a split whose left child is the root.
            tree.feature[2] = 0
            tree.threshold[2] = 2500
            tree.left[2] = 0
            tree.right[2] = 1
        }
        let error = try #require(Self.loading(model))
        #expect(error.code == "model_tree_cycle")
        #expect(error.kind == .unsound(ModelFlaw(.node(tree: 1, node: 2), .cycle(side: .left, child: 0))))
        #expect(
            error.message(.fr)
                == "modele.json: modèle incohérent, arbre 1, nœud 2 : l'enfant gauche 0 ramène à ce nœud ou à un nœud "
                + "au-dessus (cycle) : un parcours de l'arbre ne finirait pas ; refaites l'export ou l'entraînement du "
                + "modèle")
        #expect(
            error.message(.en)
                == "modele.json: unsound model, tree 1, node 2: the left child 0 leads back to this node or one above it "
                + "(a cycle): a walk down the tree would never end; export or train the model again")
    }

    @Test("A split on itself is a cycle too")
    func selfLoop() throws {
        let error = try #require(Self.loading(UnsoundModels.ensemble { $0.right[0] = 0 }))
        #expect(error.kind == .unsound(ModelFlaw(.node(tree: 1, node: 0), .cycle(side: .right, child: 0))))
    }

    @Test("A feature index out of range is an error, where scoring used to crash")
    func featureOutOfRange() throws {
        let error = try #require(Self.loading(UnsoundModels.ensemble { $0.feature[0] = 7 }))
        #expect(error.code == "model_feature_out_of_range")
        #expect(error.kind == .unsound(ModelFlaw(.node(tree: 1, node: 0), .featureOutOfRange(index: 7, count: 2))))
        #expect(error.message(.fr).contains("arbre 1, nœud 0 : la variable 7 n'existe pas : le modèle en lit 2"))
        #expect(error.message(.en).contains("tree 1, node 0: feature 7 does not exist: the model reads 2"))
    }

    @Test("A NaN threshold is refused, naming the field")
    func nanThreshold() throws {
        let error = try #require(Self.loading(UnsoundModels.ensemble { $0.threshold[0] = .nan }))
        #expect(error.code == "model_not_finite")
        #expect(error.message(.fr).contains("arbre 1, nœud 0 : « threshold » vaut nan, il faut un nombre fini"))
        #expect(error.message(.en).contains("tree 1, node 0: \"threshold\" is nan; a finite number is needed"))
    }

    @Test("More trees than the limit is refused before any tree is read")
    func tooManyTrees() throws {
        let trees = [DecisionTree](repeating: UnsoundModels.stump(), count: ModelLimit.trees.value + 1)
        let model = TreeEnsemble(features: UnsoundModels.features, baseScore: 0, rule: .lessOrEqual, trees: trees)
        do {
            try StructuralCheck.check(model, file: "grand.json")
            Issue.record("100,001 trees must be refused")
        } catch let error as ModelError {
            #expect(error.code == "model_too_large")
            #expect(error.kind == .tooLarge(.trees, found: 100_001, place: .model))
            #expect(
                error.message(.fr)
                    == "grand.json: modèle trop grand : 100001 arbres, au-delà de la limite de 100000 que Lanterne accepte"
            )
            #expect(
                error.message(.en)
                    == "grand.json: model too large: 100001 trees, over the limit of 100000 Lanterne accepts")
        }
    }

    @Test("A tree deeper than the limit is refused, naming the tree")
    func tooDeep() throws {
        let deep = UnsoundModels.chain(depth: ModelLimit.depth.value + 1)
        let model = TreeEnsemble(
            features: UnsoundModels.features, baseScore: 0, rule: .lessOrEqual, trees: [UnsoundModels.stump(), deep])
        let error = try #require(Self.loading(model))
        #expect(error.kind == .tooLarge(.depth, found: 1_001, place: .tree(1)))
        #expect(error.message(.fr).contains("modèle trop grand, arbre 1 : une profondeur d'au moins 1001 niveaux"))
        // At the limit, the chain is accepted.
        let limit = UnsoundModels.chain(depth: ModelLimit.depth.value)
        #expect(
            Self.loading(
                TreeEnsemble(features: UnsoundModels.features, baseScore: 0, rule: .lessOrEqual, trees: [limit])) == nil
        )
    }

    /// One flawed model, its code and the place the error must name.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let model: any ScoringModel
        let code: String
        let place: String

        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a node reached from two splits", model: UnsoundModels.ensemble { $0.right[0] = 1 },
            code: "model_tree_shared_node", place: "arbre 1, nœud 0"),
        Case(
            name: "a node no split leads to",
            model: UnsoundModels.ensemble { tree in
                tree.appendNode(
                    feature: -1, threshold: 0, left: -1, right: -1, defaultLeft: false, missing: .nan,
                    categories: nil, value: 1, cover: 0, count: 0)
            }, code: "model_tree_unreachable_node", place: "arbre 1, nœud 3"),
        Case(
            name: "a child beyond the nodes", model: UnsoundModels.ensemble { $0.left[0] = 9 },
            code: "model_child_out_of_range", place: "arbre 1, nœud 0"),
        Case(
            name: "a negative child", model: UnsoundModels.ensemble { $0.right[0] = -1 },
            code: "model_child_out_of_range", place: "arbre 1, nœud 0"),
        Case(
            name: "a negative feature other than the leaves' -1", model: UnsoundModels.ensemble { $0.feature[1] = -3 },
            code: "model_feature_out_of_range", place: "arbre 1, nœud 1"),
        Case(
            name: "a tree without nodes", model: UnsoundModels.ensemble { $0 = DecisionTree() },
            code: "model_empty_tree", place: "arbre 1"),
        Case(
            name: "arrays of different lengths", model: UnsoundModels.ensemble { $0.cover.removeLast() },
            code: "model_length_mismatch", place: "arbre 1"),
        Case(
            name: "an infinite leaf value", model: UnsoundModels.ensemble { $0.value[2] = .infinity },
            code: "model_not_finite", place: "arbre 1, nœud 2"),
        Case(
            name: "a leaf value beyond 1e30", model: UnsoundModels.ensemble { $0.value[1] = -1e40 },
            code: "model_value_out_of_bounds", place: "arbre 1, nœud 1"),
        Case(
            name: "a category set that does not exist", model: UnsoundModels.ensemble { $0.categorySet[0] = 4 },
            code: "model_category_set_out_of_range", place: "arbre 1, nœud 0"),
        Case(
            name: "a category code beyond the feature's levels",
            model: UnsoundModels.ensemble { tree in
                tree.feature[0] = 1
                tree.categorySet[0] = 0
                tree.categorySets = [[0, 5]]
            }, code: "model_category_out_of_range", place: "arbre 1, nœud 0"),
        Case(
            name: "a level listed twice",
            model: TreeEnsemble(
                features: [ModelFeature(name: "zone", levels: ["a", "b", "a"])], baseScore: 0, rule: .lessOrEqual,
                trees: []), code: "model_repeated_level", place: "variable 0 « zone »"),
        Case(
            name: "a level indicator on a numeric feature",
            model: UnsoundModels.logistic { $0.inputs[0].encoding = .level(1) }, code: "model_feature_not_categorical",
            place: "entrée 0"),
        Case(
            name: "a level beyond the feature's levels",
            model: UnsoundModels.logistic { $0.inputs[3].encoding = .level(3) }, code: "model_category_out_of_range",
            place: "entrée 3"),
        Case(
            name: "an input on a feature the model does not read",
            model: UnsoundModels.logistic { $0.inputs[1].feature = 2 }, code: "model_feature_out_of_range",
            place: "entrée 1"),
        Case(
            name: "a scale of zero", model: UnsoundModels.logistic { $0.inputs[2].scale = 0 },
            code: "model_not_positive", place: "entrée 2"),
        Case(
            name: "a NaN intercept", model: UnsoundModels.logistic { $0.intercept = .nan }, code: "model_not_finite",
            place: "modèle incohérent :"),
        Case(
            name: "quintiles for fewer features than the model reads",
            model: UnsoundModels.logistic { $0.quintiles = [[1, 2]] }, code: "model_length_mismatch",
            place: "modèle incohérent :"),
        Case(
            name: "cuts that go down", model: UnsoundModels.additive { $0.terms[0].cuts = [2_000, 1_000] },
            code: "model_unsorted_cuts", place: "terme 0 « revenu »"),
        Case(
            name: "fewer scores than bins", model: UnsoundModels.additive { $0.terms[0].scores.removeLast() },
            code: "model_too_few_scores", place: "terme 0 « revenu »"),
        Case(
            name: "a category in a bin without a score",
            model: UnsoundModels.additive { $0.terms[1].categoryBins = [1, 2, 4] }, code: "model_bin_out_of_range",
            place: "terme 1 « zone »"),
        Case(
            name: "categories without their bins", model: UnsoundModels.additive { $0.terms[1].categoryBins = nil },
            code: "model_length_mismatch", place: "terme 1 « zone »"),
        Case(
            name: "a term reading a feature the model does not read",
            model: UnsoundModels.additive { $0.terms[0].input = .feature(5) }, code: "model_feature_out_of_range",
            place: "terme 0 « revenu »"),
        Case(
            name: "a pair's table smaller than its bins",
            model: UnsoundModels.additive { $0.pairs[0].scores.removeLast() },
            code: "model_too_few_scores", place: "interaction 0 « revenu & zone »"),
        Case(
            name: "a pair's rows shorter than its second input's bins",
            model: UnsoundModels.additive { $0.pairs[0].width = 3 }, code: "model_too_few_scores",
            place: "interaction 0 « revenu & zone »"),
    ]

    @Test("Each flaw has its own code and the message names where it is", arguments: StructuralCheckTests.cases)
    func flaw(_ flawed: Case) throws {
        let error = try #require(Self.loading(flawed.model))
        #expect(error.code == flawed.code)
        #expect(error.message(.fr).contains(flawed.place), "\(error.message(.fr))")
        #expect(error.message(.en).hasPrefix("modele.json: unsound model"))
    }

    @Test("The sound models written by hand load, and score to the expected values")
    func soundModels() throws {
        let models: [any ScoringModel] = [
            UnsoundModels.ensemble { _ in }, UnsoundModels.logistic(), UnsoundModels.additive(),
        ]
        for model in models { #expect(Self.loading(model) == nil) }
        let row: [Double] = [1_000, 2]
        let ensemble = UnsoundModels.ensemble { _ in }
        let logit = row.withUnsafeBufferPointer { ensemble.logit($0) }
        #expect(logit == -2)
    }

    @Test("A body naming a kind of model it does not hold is refused, where it used to crash")
    func kindWithoutModel() throws {
        var document = ModelDocument(model: UnsoundModels.logistic(), origin: "test")
        document.kind = .gbdt
        let bytes = try ModelFile.encode(document).bytes
        do {
            _ = try ModelFile.decode(bytes, file: "modele.json")
            Issue.record("a gbdt body without trees must be refused")
        } catch let error as ModelError {
            #expect(error.code == "model_missing")
            #expect(
                error.message(.fr).hasPrefix("modele.json: modèle incohérent : le corps annonce un modèle « gbdt »"))
        }
    }

    @Test("Every error of a model file has a stable code")
    func codes() {
        let kinds: [ModelError.Kind] = [
            .missingFeatures(["a"]), .tampered(expected: "a", found: "b"), .truncated(expected: "a"),
            .notAModelFile(detail: ""), .unsupported(detail: ""), .malformed(detail: ""),
            .unsound(ModelFlaw(.model, .emptyTree)), .tooLarge(.nodes, found: 2, place: .tree(0)),
        ]
        let codes = kinds.map { ModelError($0, file: "m.json").code }
        #expect(
            codes == [
                "missing_features", "model_tampered", "model_truncated", "not_a_model_file", "model_unsupported",
                "model_malformed", "model_empty_tree", "model_too_large",
            ])
    }
}
