import Foundation
import LanterneData
import LanterneModels
import Testing

/// What the mutants of one seed file came to.
struct FuzzTally {
    /// Mutants that loaded and scored finite values.
    var scored = 0
    /// Refused mutants, by error code.
    var refused: [String: Int] = [:]

    /// Codes of problems a structural check finds (the file read, it made no sense), as opposed to a file that
    /// cannot be read at all.
    var structural: [String: Int] {
        let reading: Set = [
            "model_tampered", "model_truncated", "model_malformed", "model_unsupported", "not_a_model_file",
            "missing_features", "not_a_number", "unreadable_feature",
        ]
        return refused.filter { !reading.contains($0.key) }
    }

    static func + (left: FuzzTally, right: FuzzTally) -> FuzzTally {
        FuzzTally(scored: left.scored + right.scored, refused: left.refused.merging(right.refused, uniquingKeysWith: +))
    }
}

@Suite("Seeded mutations of model files of every format: each loads and scores finite values, or is refused")
struct ModelFuzzTests {
    /// Mutants of each seed file.
    static let mutants = 250

    /// The first `count` rows of a CSV fixture.
    static func sample(_ name: String, rows count: Int = 10) throws -> Table {
        let text = try String(contentsOfFile: fixture(name), encoding: .utf8)
        let lines = text.split(separator: "\n").prefix(count + 1).joined(separator: "\n") + "\n"
        return try CSVReader(bytes: Array(lines.utf8), name: name).readTable()
    }

    /// Every score of `model` on `data`, batch and row by row (trees walk differently in each).
    static func scores(_ model: any ScoringModel, on data: Table) throws -> [Double] {
        let matrix = try FeatureMatrix(table: data, features: model.features, file: "donnees.csv")
        var scores = model.logits(matrix, threads: 1)
        let width = matrix.featureCount
        matrix.values.withUnsafeBufferPointer { values in
            for row in 0..<matrix.rowCount {
                scores.append(model.logit(UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)])))
            }
        }
        return scores
    }

    /// Loads `mutants` mutants of `bytes` with `load` (the seed first, which must load) and scores each that loads.
    /// - Parameters:
    ///   - name: the file's name in messages.
    ///   - seed: the mutations' seed.
    ///   - bytes: the bytes to mutate.
    ///   - data: rows to score.
    ///   - file: the file made of the bytes (the same bytes, or a model file around a body).
    ///   - mutate: makes one mutant's file.
    ///   - load: reads a file.
    /// - Returns: how many mutants scored and how many were refused, by code.
    static func fuzz(
        _ name: String, seed: UInt64, bytes: [UInt8], data: Table, file: ([UInt8]) -> [UInt8] = { $0 },
        mutate: (inout ModelFileMutator, [UInt8], [Range<Int>]) -> (bytes: [UInt8], changes: String) = {
            $0.mutant(of: $1, spans: $2)
        },
        load: ([UInt8]) throws -> any ScoringModel
    ) -> FuzzTally {
        var tally = FuzzTally()
        do {
            _ = try scores(try load(file(bytes)), on: data)
        } catch {
            Issue.record("\(name): the seed file itself does not load: \(error)")
            return tally
        }
        var mutator = ModelFileMutator(seed: seed)
        let spans = ModelFileMutator.numberSpans(bytes)
        for index in 0..<mutants {
            let (mutant, changes) = mutate(&mutator, bytes, spans)
            do {
                let model = try load(mutant)
                let values = try scores(model, on: data)
                if let bad = values.first(where: { !$0.isFinite }) {
                    Issue.record("\(name) mutant \(index) (\(changes)) loads and scores \(bad)")
                }
                tally.scored += 1
            } catch let error as ModelError {
                let messages = [error.message(.fr), error.message(.en)]
                if messages.contains(where: { !$0.hasPrefix("\(name)") && !$0.hasPrefix("donnees.csv") })
                    || messages.contains(where: { $0.contains("\n") })
                {
                    Issue.record("\(name) mutant \(index) (\(changes)): not one line naming the file: \(messages)")
                }
                tally.refused[error.code, default: 0] += 1
            } catch {
                Issue.record("\(name) mutant \(index) (\(changes)): \(type(of: error)) is not a ModelError: \(error)")
            }
        }
        if ProcessInfo.processInfo.environment["LANTERNE_FUZZ_REPORT"] != nil {
            let codes = tally.refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("fuzz \(name) (\(bytes.count) bytes): \(mutants) mutants, \(tally.scored) scored; \(codes)")
        }
        return tally
    }

    // MARK: Lanterne's own files

    /// Models of every kind and origin, as Lanterne writes them, with rows to score.
    static func lanterneSeeds() throws -> [(name: String, model: any ScoringModel, data: Table)] {
        let table = try CSVReader(path: fixture("trees_data.csv")).readTable()
        let features =
            ["x1", "x2", "x3", "x4", "x5"].map { ModelFeature(name: $0) }
            + [ModelFeature(name: "cat", levels: ["0", "1", "2", "3", "4"])]
        let matrix = try FeatureMatrix(table: table, features: features, file: "trees_data.csv")
        let labels = table.column(named: "label")!.numbers!
        var parameters = BoostingParameters()
        // Small models: a mutant's cost grows with its size (the digest is computed twice, in debug builds).
        parameters.trees = 3
        parameters.leaves = 5
        parameters.bins = 8
        parameters.minLeaf = 10
        parameters.learningRate = 0.3
        parameters.earlyStopping = 0
        let trees = BoostingTrainer(parameters: parameters).train(training: matrix, labels: labels, features: features)
        let additive = AdditiveTrainer(parameters: parameters).train(
            training: matrix, labels: labels, features: features)
        let logistic = LogisticTrainer(l2: 1).train(matrix: matrix, features: features, labels: labels.map { $0 == 1 })
        var xgboost = try XGBoostImporter.importModel(
            Data(contentsOf: URL(fileURLWithPath: fixture("xgb_categorical.json"))), file: "xgb_categorical.json",
            levels: ["c": ["a", "b", "c", "d", "e", "f"], "d": ["u", "v", "w"]])
        xgboost.trees = Array(xgboost.trees.prefix(2))
        var lightgbm = try LightGBMImporter.importModel(
            Data(contentsOf: URL(fileURLWithPath: fixture("lgb_categorical.txt"))), file: "lgb_categorical.txt")
        lightgbm.trees = Array(lightgbm.trees.prefix(1))
        // InterpretML's kind of additive model, small: a pair, and an unknown level with its own bin.
        let pairs = UnsoundModels.additive { model in
            model.features[1].unseenIsUnknown = true
            model.terms[1].unknownBin = 4
            model.terms[1].scores.append(0.05)
        }
        let people = try CSVReader(bytes: Array("revenu,zone\n1200,a\n,b\n2500,c\n900,d\n800,\n".utf8)).readTable()
        let rows = try sample("trees_data.csv")
        return [
            ("gbdt.json", trees.model, rows), ("additif.json", additive.model, rows),
            ("logistique.json", logistic.model, rows),
            ("xgboost.json", xgboost, try sample("xgb_categorical_data.csv")),
            ("lightgbm.json", lightgbm, rows), ("interactions.json", pairs, people),
        ]
    }

    /// A model file around `body`, with the body's own digest: a mutant body reaches the structural check.
    static func file(body: [UInt8]) -> [UInt8] {
        Array("{\"format\":\"lanterne-model\",\"version\":1,\"sha256\":\"\(SHA256.hex(of: body))\",\"body\":".utf8)
            + body
            + Array("}\n".utf8)
    }

    @Test(
        "Lanterne model files, bodies mutated and digests recomputed: no crash, no hang, finite scores or a ModelError",
        .timeLimit(.minutes(2)))
    func lanterneFiles() throws {
        var total = FuzzTally()
        for (index, seed) in try Self.lanterneSeeds().enumerated() {
            let bytes = try ModelFile.encode(ModelDocument(model: seed.model, origin: "fuzz")).bytes
            let marker = Array("\"body\":".utf8)
            let start = (0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker }!
            let body = Array(bytes[(start + marker.count)..<(bytes.count - 2)])
            #expect(Self.file(body: body) == bytes)
            total =
                total
                + Self.fuzz(
                    seed.name, seed: 1_000 + UInt64(index), bytes: body, data: seed.data, file: Self.file(body:),
                    mutate: { mutator, body, spans in
                        // One mutant in ten changes the whole file, its digest left as it was.
                        if mutator.below(10) == 0 {
                            return mutator.mutant(of: Self.file(body: body), spans: [])
                        }
                        let (mutant, changes) = mutator.mutant(of: body, spans: spans)
                        return (Self.file(body: mutant), changes)
                    },
                    load: { try ModelFile.decode($0, file: seed.name).document.model })
        }
        #expect(total.scored > 0)
        #expect(total.refused["model_tampered", default: 0] > 0)
        for code in ["model_tree_cycle", "model_feature_out_of_range", "model_not_finite", "model_child_out_of_range"] {
            #expect(total.structural[code, default: 0] > 0, "no mutant found \(code)")
        }
    }

    // MARK: Imported formats

    /// XGBoost's file with its first `trees` trees only, so that each mutant stays small.
    static func xgboost(_ name: String, trees: Int) throws -> [UInt8] {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture(name)))
        var root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var learner = root["learner"] as! [String: Any]
        var booster = learner["gradient_booster"] as! [String: Any]
        var model = booster["model"] as! [String: Any]
        model["trees"] = Array((model["trees"] as! [Any]).prefix(trees))
        model["tree_info"] = Array((model["tree_info"] as! [Any]).prefix(trees))
        booster["model"] = model
        learner["gradient_booster"] = booster
        root["learner"] = learner
        return Array(try JSONSerialization.data(withJSONObject: root))
    }

    @Test("XGBoost JSON files: no crash, no hang, finite scores or a ModelError", .timeLimit(.minutes(2)))
    func xgboostFiles() throws {
        let levels = ["c": ["a", "b", "c", "d", "e", "f"], "d": ["u", "v", "w"]]
        let seeds = [
            ("xgb_depth2.json", try Self.xgboost("xgb_depth2.json", trees: 6), try Self.sample("trees_data.csv")),
            (
                "xgb_categorical.json", try Self.xgboost("xgb_categorical.json", trees: 4),
                try Self.sample("xgb_categorical_data.csv")
            ),
        ]
        var total = FuzzTally()
        for (index, (name, bytes, data)) in seeds.enumerated() {
            total =
                total
                + Self.fuzz(name, seed: 2_000 + UInt64(index), bytes: bytes, data: data) {
                    try XGBoostImporter.importModel(Data($0), file: name, levels: levels)
                }
        }
        #expect(total.scored > 0)
        #expect(!total.structural.isEmpty)
    }

    /// LightGBM's file with its first `trees` trees only.
    static func lightgbm(_ name: String, trees: Int) throws -> [UInt8] {
        let text = try String(contentsOfFile: fixture(name), encoding: .utf8)
        let head = text.range(of: "Tree=\(trees)\n")!.lowerBound
        let tail = text.range(of: "end of trees")!.lowerBound
        return Array((text[..<head] + text[tail...]).utf8)
    }

    @Test("LightGBM text files: no crash, no hang, finite scores or a ModelError", .timeLimit(.minutes(2)))
    func lightgbmFiles() throws {
        let rows = try Self.sample("trees_data.csv")
        var total = FuzzTally()
        for (index, name) in ["lgb_leaves7.txt", "lgb_categorical.txt"].enumerated() {
            let bytes = try Self.lightgbm(name, trees: 3)
            let tally = Self.fuzz(name, seed: 3_000 + UInt64(index), bytes: bytes, data: rows) {
                try LightGBMImporter.importModel(Data($0), file: name)
            }
            total = total + tally
        }
        #expect(total.scored > 0)
        #expect(!total.structural.isEmpty)
    }

    /// A small export in Amsterdam's format: an imputed number with its indicator and a categorical term.
    static let amsterdam = #"""
        {"modele": {"intercept": -0.5, "link": "logit", "features": [
        {"name": "age_value", "type": "continuous", "scores": [0.0, -0.2, 0.1, 0.3], "cuts": [25.0, 40.0]},
        {"name": "age_was_mean_imputed", "type": "continuous", "scores": [0.0, 0.1, -0.1], "cuts": [0.5]},
        {"name": "statut", "type": "categorical", "scores": [0.0, 0.4, -0.4], "mapping": {"1.0": 1, "2.0": 2}}],
        "preprocessing": [{"input": ["age"], "steps": ["SimpleImputerWithRenaming"], "imputer_statistics": [37.5],
        "add_indicator": true, "strategy": "mean"}, {"input": ["statut"], "steps": ["FloatTransformer"]}]},
        "note": "exemple"}
        """#

    @Test(
        "EBM exports, InterpretML's and Amsterdam's: no crash, no hang, finite scores or a ModelError",
        .timeLimit(.minutes(2)))
    func ebmFiles() throws {
        let interpret = try Data(contentsOf: URL(fileURLWithPath: fixture("ebm_json/ebm_minimal.json")))
        let compact = Array(
            try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: interpret)))
        var total = Self.fuzz(
            "ebm_minimal.json", seed: 4_000, bytes: compact, data: try Self.sample("ebm_json/ebm_test_data.csv")
        ) { try InterpretMLImporter.importModel(Data($0), file: "ebm_minimal.json") }
        let people = try CSVReader(bytes: Array("age,statut\n30,1\n,2\n55,3\n20,\n".utf8), name: "donnees.csv")
            .readTable()
        total =
            total
            + Self.fuzz("amsterdam.json", seed: 4_001, bytes: Array(Self.amsterdam.utf8), data: people) {
                try EBMImporter.importModel(Data($0), entry: nil, file: "amsterdam.json")
            }
        #expect(total.scored > 0)
        #expect(!total.structural.isEmpty)
    }
}
