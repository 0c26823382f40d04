import Foundation
import LanterneData
import LanterneModels
import Testing

@Suite("Gradient-boosted trees trained by Lanterne")
struct BoostingTrainerTests {
    static func matrix(_ rows: [[Double]]) -> FeatureMatrix {
        FeatureMatrix(rows: rows.count, features: rows.first?.count ?? 0, values: rows.flatMap { $0 })
    }

    static func parameters(trees: Int = 20, leaves: Int = 4, minLeaf: Int = 2) -> BoostingParameters {
        var parameters = BoostingParameters()
        parameters.trees = trees
        parameters.leaves = leaves
        parameters.minLeaf = minLeaf
        parameters.learningRate = 0.3
        parameters.earlyStopping = 0
        return parameters
    }

    @Test("A clean threshold is found at the midpoint between the two values around it")
    func threshold() {
        let rows = (1...40).map { [Double($0 % 10 + 1)] }
        let labels = rows.map { $0[0] > 5 ? 1.0 : 0.0 }
        let outcome = BoostingTrainer(parameters: Self.parameters(trees: 1, leaves: 2)).train(
            training: Self.matrix(rows), labels: labels, features: [ModelFeature(name: "x")])
        let tree = outcome.model.trees[0]
        #expect(tree.feature[0] == 0)
        #expect(tree.threshold[0] == 5.5)
        #expect(tree.count[Int(tree.left[0])] == 20 && tree.count[Int(tree.right[0])] == 20)
        // Covers are sums of hessians p(1 - p) at the base rate 0.5.
        #expect(abs(tree.cover[0] - 40 * 0.25) < 1e-12)
        let scores = outcome.model.logits(Self.matrix(rows), threads: 1)
        #expect(ClassificationMetrics.auc(scores: scores, labels: labels.map { $0 == 1 }) == 1)
    }

    @Test("Missing values learn the side they belong to")
    func missingDirection() {
        var rows = (0..<30).map { [Double($0)] }
        var labels = rows.map { $0[0] >= 15 ? 1.0 : 0.0 }
        for _ in 0..<10 {
            rows.append([.nan])
            labels.append(1)
        }
        let model = BoostingTrainer(parameters: Self.parameters(trees: 5, leaves: 2)).train(
            training: Self.matrix(rows), labels: labels, features: [ModelFeature(name: "x")]
        ).model
        let scores = model.logits(Self.matrix([[.nan], [2], [20]]), threads: 1)
        #expect(scores[0] > 0 && scores[1] < 0 && scores[2] > 0)
        #expect(model.trees[0].defaultLeft[0] == false)
    }

    @Test("Categorical features split on sets of levels")
    func categorical() {
        let levels = ["A", "B", "C", "D", "E", "F"]
        let rows = (0..<600).map { [Double($0 % 6)] }
        let labels = rows.map { Int($0[0]) % 2 == 0 ? 1.0 : 0.0 }
        let model = BoostingTrainer(parameters: Self.parameters(trees: 3, leaves: 2)).train(
            training: Self.matrix(rows), labels: labels, features: [ModelFeature(name: "ville", levels: levels)]
        ).model
        let tree = model.trees[0]
        #expect(tree.categorySet[0] >= 0)
        let set = tree.categorySets[Int(tree.categorySet[0])]
        #expect(set == [0, 2, 4] || set == [1, 3, 5])
        let scores = model.logits(Self.matrix([[0], [1], [2], [3], [.nan]]), threads: 1)
        #expect(scores[0] > 0 && scores[2] > 0 && scores[1] < 0 && scores[3] < 0)
    }

    @Test("Few levels split one against the rest")
    func oneHot() {
        let rows = (0..<90).map { [Double($0 % 3)] }
        let labels = rows.map { $0[0] == 1 ? 1.0 : 0.0 }
        let model = BoostingTrainer(parameters: Self.parameters(trees: 1, leaves: 2)).train(
            training: Self.matrix(rows), labels: labels,
            features: [ModelFeature(name: "zone", levels: ["a", "b", "c"])]
        ).model
        #expect(model.trees[0].categorySets == [[1]])
    }

    @Test("A monotone constraint holds even against the data")
    func monotone() {
        // The outcome falls with x; the constraint says it may only rise: the model must stay flat or rise.
        let rows = (0..<200).map { [Double($0 % 50), Double($0 % 7)] }
        let labels = rows.map { $0[0] < 25 ? 1.0 : 0.0 }
        var parameters = Self.parameters(trees: 10, leaves: 8)
        parameters.monotone = [0: 1]
        let model = BoostingTrainer(parameters: parameters).train(
            training: Self.matrix(rows), labels: labels, features: [ModelFeature(name: "x"), ModelFeature(name: "z")]
        ).model
        for z in 0..<7 {
            let grid = (0..<50).map { [Double($0), Double(z)] }
            let scores = model.logits(Self.matrix(grid), threads: 1)
            for i in 1..<scores.count { #expect(scores[i] >= scores[i - 1] - 1e-12) }
        }
    }

    @Test("The same seed gives the same model whatever the thread count")
    func threadIndependence() throws {
        let population = HouseholdPopulation(rows: 3_000, seed: 4)
        let schema = population.schema
        let table = try CSVReader(
            bytes: SyntheticWriter.bytes(population), options: CSVOptions(columnTypes: schema.columnTypes)
        ).readTable()
        let set = try TrainingSet(table: table, schema: schema, label: "irregularite_reelle", file: "foyers")
        var encoded: [[UInt8]] = []
        for threads in [1, 2, 3] {
            var parameters = BoostingParameters()
            parameters.trees = 15
            parameters.rowSubsample = 0.8
            parameters.featureSubsample = 0.7
            parameters.threads = threads
            parameters.seed = 9
            let model = BoostingTrainer(parameters: parameters).train(
                training: set.matrix, labels: set.labels, features: set.features
            ).model
            encoded.append(try ModelFile.encode(ModelDocument(model: model, origin: "test")).bytes)
        }
        #expect(encoded[0] == encoded[1])
        #expect(encoded[0] == encoded[2])
    }

    @Test(
        "Nodes large enough to be cut in shares, dense and sparse rows, validation routing: same model whatever the threads",
        arguments: [false, true])
    func threadIndependenceOnLargeNodes(sparse: Bool) throws {
        // 40,000 rows: the root is cut in 4 shares, its children in 2 or 4. Sparse: most values equal (most frequent
        // bin left out); dense: continuous values.
        var random = SeededRandom(seed: 21)
        let rows = 40_000
        let width = 5
        var values: [Double] = []
        var labels: [Double] = []
        for _ in 0..<rows {
            var row = (0..<width).map { _ in sparse ? (random.uniform() < 0.8 ? 0 : random.normal()) : random.normal() }
            if random.uniform() < 0.05 { row[1] = .nan }
            let z = row[0] - 0.5 * (row[1].isNaN ? 1 : row[1]) + row[2] * row[3]
            labels.append(random.uniform() < 1 / (1 + exp(-z)) ? 1 : 0)
            values += row
        }
        let training = FeatureMatrix(rows: 30_000, features: width, values: Array(values[0..<(30_000 * width)]))
        let validation = FeatureMatrix(rows: 10_000, features: width, values: Array(values[(30_000 * width)...]))
        let features = (0..<width).map { ModelFeature(name: "x\($0)") }
        var encoded: [[UInt8]] = []
        var losses: [[Double]] = []
        var first: BoostingTrainer.Outcome? = nil
        for threads in [1, 2, 3] {
            var parameters = Self.parameters(trees: 8, leaves: 15, minLeaf: 20)
            parameters.threads = threads
            parameters.earlyStopping = 3
            let outcome = BoostingTrainer(parameters: parameters).train(
                training: training, labels: Array(labels[0..<30_000]), features: features, validation: validation,
                validationLabels: Array(labels[30_000...]))
            encoded.append(try ModelFile.encode(ModelDocument(model: outcome.model, origin: "test")).bytes)
            losses.append(outcome.validationLosses)
            first = first ?? outcome
        }
        #expect(encoded[0] == encoded[1])
        #expect(encoded[0] == encoded[2])
        #expect(losses[0].map(\.bitPattern) == losses[1].map(\.bitPattern))
        #expect(losses[0].map(\.bitPattern) == losses[2].map(\.bitPattern))
        // The validation loss of the kept round is the one of the model's own scores.
        let outcome = try #require(first)
        let scores = outcome.model.logits(validation, threads: 2)
        let expected =
            zip(scores, labels[30_000...]).map { z, y in (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - y * z }
            .reduce(0, +) / 10_000
        #expect(abs(losses[0][outcome.bestRound - 1] - expected) < 1e-12)
    }

    @Test(
        "A minimum gain keeps only the splits whose gain (LightGBM's: Σ G²/(H + λ) of the children minus the parent's) exceeds it"
    )
    func minimumGain() {
        // Two clean groups: the one split gains 2 G² / H on each side's log loss; a larger minimum forbids it.
        let rows = (0..<200).map { [Double($0 % 2)] }
        let labels = (0..<200).map { Double($0 % 2) }
        var parameters = Self.parameters(trees: 1, leaves: 4, minLeaf: 2)
        let split = BoostingTrainer(parameters: parameters).train(
            training: Self.matrix(rows), labels: labels, features: [ModelFeature(name: "x")]
        ).model.trees[0]
        #expect(split.nodeCount == 3)
        // The gain of that split: parent score 0 (G = 0), children G = ±50, H = 25 each: 2 × 50² / 25 = 200.
        parameters.minGain = 199
        #expect(
            BoostingTrainer(parameters: parameters).train(
                training: Self.matrix(rows), labels: labels, features: [ModelFeature(name: "x")]
            ).model.trees[0].nodeCount == 3)
        parameters.minGain = 201
        #expect(
            BoostingTrainer(parameters: parameters).train(
                training: Self.matrix(rows), labels: labels, features: [ModelFeature(name: "x")]
            ).model.trees[0].nodeCount == 1)
    }

    @Test("Squared error: the trees add up to the value; one split at learning rate 1 gives each group its mean")
    func squaredError() throws {
        // x = 0: values 1, 2, 3, 6 (mean 3); x = 1: values 10, 14 (mean 12).
        let rows: [[Double]] = [[0], [0], [0], [0], [1], [1]]
        let values: [Double] = [1, 2, 3, 6, 10, 14]
        var parameters = Self.parameters(trees: 1, leaves: 2, minLeaf: 1)
        parameters.objective = .squaredError
        parameters.learningRate = 1
        let model = BoostingTrainer(parameters: parameters).train(
            training: Self.matrix(rows), labels: values, features: [ModelFeature(name: "x")]
        ).model
        #expect(model.predicts == .value)
        #expect(model.output == .value)
        #expect(model.baseScore == 6)
        #expect(model.logits(Self.matrix([[0], [1], [.nan]]), threads: 1)[0...1] == [3, 12])
        // Written and read back, the model still says it predicts a value; a log-odds model's file does not say it.
        let bytes = try ModelFile.encode(ModelDocument(model: model, origin: "test")).bytes
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"predicts\":\"value\""))
        let decoded = try ModelFile.decode(bytes, file: "m.json").document.model
        #expect(decoded.output == .value)
        parameters.objective = .binary
        let binary = BoostingTrainer(parameters: parameters).train(
            training: Self.matrix(rows), labels: [0, 0, 1, 0, 1, 1], features: [ModelFeature(name: "x")]
        ).model
        let binaryBytes = try ModelFile.encode(ModelDocument(model: binary, origin: "test")).bytes
        #expect(!String(decoding: binaryBytes, as: UTF8.self).contains("predicts"))
    }

    /// 4,000 rows, 6 features, a label that depends on several of them.
    static func sample() -> (matrix: FeatureMatrix, labels: [Double]) {
        var random = SeededRandom(seed: 33)
        var rows: [[Double]] = []
        var labels: [Double] = []
        for _ in 0..<4_000 {
            let row = (0..<6).map { _ in random.normal() }
            let z = row[0] + row[1] * row[2] - 0.5 * row[3] + 0.3 * row[4] * row[5]
            rows.append(row)
            labels.append(random.uniform() < 1 / (1 + exp(-z)) ? 1 : 0)
        }
        return (Self.matrix(rows), labels)
    }

    static func depth(_ tree: DecisionTree, _ node: Int = 0) -> Int {
        tree.feature[node] < 0
            ? 0 : 1 + max(depth(tree, Int(tree.left[node])), depth(tree, Int(tree.right[node])))
    }

    @Test("--max-depth, --min-leaf, L2 and subsampling do what they say")
    func settings() {
        let (matrix, labels) = Self.sample()
        let features = (0..<6).map { ModelFeature(name: "x\($0)") }
        var parameters = Self.parameters(trees: 10, leaves: 31, minLeaf: 20)
        parameters.learningRate = 0.1
        let free = BoostingTrainer(parameters: parameters).train(
            training: matrix, labels: labels, features: features
        ).model
        #expect(free.trees.map { Self.depth($0) }.max()! > 3)
        // Depth.
        parameters.maxDepth = 3
        let shallow = BoostingTrainer(parameters: parameters).train(
            training: matrix, labels: labels, features: features
        ).model
        #expect(shallow.trees.allSatisfy { Self.depth($0) <= 3 })
        parameters.maxDepth = -1
        // Rows per leaf. Histograms count rows as LightGBM does, from the hessians (a node's rows × each bin's share
        // of its hessian): exact when every hessian is 1 (squared error), so every leaf then holds at least
        // --min-leaf rows; under log loss the bound holds on that estimate.
        parameters.minLeaf = 150
        parameters.objective = .squaredError
        let large = BoostingTrainer(parameters: parameters).train(
            training: matrix, labels: labels, features: features
        ).model
        for tree in large.trees {
            for node in 0..<tree.nodeCount where tree.feature[node] < 0 { #expect(tree.count[node] >= 150) }
        }
        parameters.objective = .binary
        parameters.minLeaf = 20
        // L2 on leaf values: each leaf is −G / (H + λ) times the learning rate, so a penalty shrinks every value.
        parameters.trees = 1
        parameters.leaves = 2
        let plain = BoostingTrainer(parameters: parameters).train(
            training: matrix, labels: labels, features: features
        ).model.trees[0]
        parameters.l2 = 500
        let penalised = BoostingTrainer(parameters: parameters).train(
            training: matrix, labels: labels, features: features
        ).model.trees[0]
        #expect(plain.feature[0] == penalised.feature[0])
        for leaf in [1, 2] {
            // value = −G/H × rate without the penalty, −G/(H + 500) × rate with it: the ratio is H / (H + 500).
            let hessian = penalised.cover[leaf]
            #expect(abs(penalised.value[leaf] / plain.value[leaf] - hessian / (hessian + 500)) < 1e-9)
        }
        parameters.l2 = 0
        // Row and feature subsampling: each tree sees about half the rows and three of the six features; the same
        // seed gives the same model, another seed another.
        parameters.trees = 6
        parameters.leaves = 15
        parameters.rowSubsample = 0.5
        parameters.featureSubsample = 0.5
        parameters.seed = 5
        let drawn = BoostingTrainer(parameters: parameters).train(training: matrix, labels: labels, features: features)
            .model
        for tree in drawn.trees {
            #expect(tree.count[0] > 1_800 && tree.count[0] < 2_200)
            #expect(Set(tree.feature.filter { $0 >= 0 }).count <= 3)
        }
        #expect(Set(drawn.trees.map { $0.count[0] }).count > 1)
        let again = BoostingTrainer(parameters: parameters).train(training: matrix, labels: labels, features: features)
            .model
        #expect(again == drawn)
        parameters.seed = 6
        let other = BoostingTrainer(parameters: parameters).train(training: matrix, labels: labels, features: features)
            .model
        #expect(other != drawn)
    }

    @Test("Early stopping keeps the best round")
    func earlyStopping() {
        let rows = (0..<300).map { [Double($0 % 30), Double(($0 * 7) % 11)] }
        let labels = rows.indices.map { ($0 * 13) % 5 == 0 ? 1.0 : 0.0 }
        var parameters = Self.parameters(trees: 200, leaves: 8)
        parameters.earlyStopping = 5
        let outcome = BoostingTrainer(parameters: parameters).train(
            training: Self.matrix(Array(rows.prefix(200))), labels: Array(labels.prefix(200)),
            features: [ModelFeature(name: "a"), ModelFeature(name: "b")],
            validation: Self.matrix(Array(rows.suffix(100))),
            validationLabels: Array(labels.suffix(100)))
        #expect(outcome.model.trees.count == outcome.bestRound)
        #expect(outcome.validationLosses.count == outcome.bestRound + 5)
        #expect(outcome.validationLosses.min() == outcome.validationLosses[outcome.bestRound - 1])
    }
}
