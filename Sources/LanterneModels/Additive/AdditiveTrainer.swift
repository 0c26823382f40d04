import LanterneData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Trains an additive model by cyclic gradient boosting, one feature at a time, as Explainable Boosting Machines do.
///
/// Each round visits every feature in turn and fits a tree of at most three leaves on that feature's bins alone to
/// the current gradients; its shrunk leaf values are added to the feature's shape function. Each shape function is
/// then centred on the training data (its mean moves into the intercept) and monotone features are made monotone by
/// weighted isotonic regression over their bins.
public struct AdditiveTrainer: Sendable {
    /// The settings: `trees` is the number of rounds; `leaves` is ignored (three per step).
    public var parameters: BoostingParameters
    /// Leaves of each per-feature step.
    public var leavesPerStep = 3

    /// Creates a trainer.
    /// - Parameter parameters: the settings.
    public init(parameters: BoostingParameters) {
        self.parameters = parameters
    }

    /// What training produced.
    public struct Outcome: Sendable {
        /// The model, its shape functions centred.
        public var model: AdditiveModel
        /// The round kept.
        public var bestRound: Int
    }

    /// Trains on `training`, watching `validation` for early stopping.
    /// - Parameters:
    ///   - training: the training rows.
    ///   - labels: their 0/1 outcomes.
    ///   - features: the features, in matrix order.
    ///   - validation: rows to watch, or `nil`.
    ///   - validationLabels: their outcomes.
    ///   - progress: called after each round.
    /// - Returns: the model.
    public func train(
        training: FeatureMatrix, labels: [Double], features: [ModelFeature], validation: FeatureMatrix? = nil,
        validationLabels: [Double] = [], progress: (BoostingTrainer.Round) -> Void = { _ in }
    ) -> Outcome {
        let rows = training.rowCount
        let binning = FeatureBinning(matrix: training, features: features, maxBins: parameters.bins)
        let bins = binning.binned(training)
        let validationBins = validation.map { binning.binned($0) }
        let validationRows = validation?.rowCount ?? 0
        let mean = min(max(labels.reduce(0, +) / Double(max(1, rows)), 1e-15), 1 - 1e-15)
        let base = log(mean / (1 - mean))
        var shapes = binning.binCounts.map { [Double](repeating: 0, count: $0) }
        var best = shapes
        var scores = [Double](repeating: base, count: rows)
        var validationScores = [Double](repeating: base, count: validationRows)
        var derivatives = [SIMD2<Double>](repeating: .zero, count: rows)
        var bestLoss = Double.infinity
        var bestRound = 0
        var step = parameters
        step.leaves = leavesPerStep
        step.threads = 1
        for round in 1...max(1, parameters.trees) {
            for feature in features.indices {
                for i in 0..<rows {
                    let p = 1 / (1 + exp(-scores[i]))
                    derivatives[i] = SIMD2(p - labels[i], max(p * (1 - p), 1e-16))
                }
                let grower = TreeGrower(
                    binning: binning, bins: bins, rows: rows, parameters: step, allowedFeatures: [feature])
                var indices = (0..<rows).map { Int32($0) }
                let tree = grower.grow(indices: &indices, derivatives: derivatives).tree
                if tree.nodeCount == 1 { continue }
                let routed = BinnedTree(tree: tree, binning: binning)
                // The step's value for each bin of the feature, then applied to rows through their bin.
                var increments = [Double](repeating: 0, count: binning.binCounts[feature])
                let probe = [UInt8](repeating: 0, count: binning.binCounts.count)
                for bin in increments.indices {
                    var single = probe
                    single[feature] = UInt8(bin)
                    increments[bin] = single.withUnsafeBufferPointer { tree.value[routed.leaf($0, row: 0, rows: 1)] }
                    shapes[feature][bin] += increments[bin]
                }
                let column = feature * rows
                for i in 0..<rows { scores[i] += increments[Int(bins[column + i])] }
                if let validationBins {
                    let validationColumn = feature * validationRows
                    for i in 0..<validationRows {
                        validationScores[i] += increments[Int(validationBins[validationColumn + i])]
                    }
                }
            }
            var loss = Double.nan
            if validation != nil {
                loss = BoostingTrainer.loss(validationScores, validationLabels, objective: .binary)
                if loss < bestLoss - 1e-12 {
                    bestLoss = loss
                    bestRound = round
                    best = shapes
                }
            } else {
                bestRound = round
                best = shapes
            }
            progress(BoostingTrainer.Round(round: round, validationLoss: loss))
            if parameters.earlyStopping > 0 && validation != nil && round - bestRound >= parameters.earlyStopping {
                break
            }
        }
        if parameters.earlyStopping == 0 || validation == nil { best = shapes }
        // Monotone shapes, then centring on the training rows.
        var counts = binning.binCounts.map { [Double](repeating: 0, count: $0) }
        for feature in features.indices {
            for i in 0..<rows { counts[feature][Int(bins[feature * rows + i])] += 1 }
        }
        var intercept = base
        var terms: [AdditiveTerm] = []
        for feature in features.indices {
            var shape = best[feature]
            if let direction = parameters.monotone[feature], direction != 0, shape.count > 2 {
                let values = Array(shape[1...])
                let weights = Array(counts[feature][1...]).map { max($0, 1e-9) }
                shape = [shape[0]] + Self.isotonic(values, weights: weights, increasing: direction > 0)
            }
            let total = counts[feature].reduce(0, +)
            let average = total > 0 ? zip(shape, counts[feature]).reduce(0) { $0 + $1.0 * $1.1 } / total : 0
            shape = shape.map { $0 - average }
            intercept += average
            if binning.categorical[feature] {
                let levels = shape.count - 1
                terms.append(
                    AdditiveTerm(
                        name: features[feature].name, input: .feature(feature),
                        categories: (0..<levels).map(Double.init), categoryBins: (0..<levels).map { $0 + 1 },
                        scores: shape))
            } else {
                let bounds = binning.upperBounds[feature]
                let cuts = bounds.count > 2 ? bounds[1..<(bounds.count - 1)].map { $0.nextUp } : []
                terms.append(
                    AdditiveTerm(name: features[feature].name, input: .feature(feature), cuts: cuts, scores: shape))
            }
        }
        return Outcome(
            model: AdditiveModel(features: features, intercept: intercept, terms: terms), bestRound: max(1, bestRound))
    }

    /// Weighted isotonic regression by pooling adjacent violators.
    static func isotonic(_ values: [Double], weights: [Double], increasing: Bool) -> [Double] {
        let signed = increasing ? values : values.map { -$0 }
        var blockValues: [Double] = []
        var blockWeights: [Double] = []
        var blockSizes: [Int] = []
        for (value, weight) in zip(signed, weights) {
            blockValues.append(value)
            blockWeights.append(weight)
            blockSizes.append(1)
            while blockValues.count > 1 && blockValues[blockValues.count - 2] > blockValues[blockValues.count - 1] {
                let w = blockWeights[blockWeights.count - 2] + blockWeights[blockWeights.count - 1]
                let v =
                    (blockValues[blockValues.count - 2] * blockWeights[blockWeights.count - 2]
                        + blockValues[blockValues.count - 1] * blockWeights[blockWeights.count - 1]) / w
                let size = blockSizes[blockSizes.count - 2] + blockSizes[blockSizes.count - 1]
                blockValues.removeLast(2)
                blockWeights.removeLast(2)
                blockSizes.removeLast(2)
                blockValues.append(v)
                blockWeights.append(w)
                blockSizes.append(size)
            }
        }
        var result: [Double] = []
        for (value, size) in zip(blockValues, blockSizes) {
            result.append(contentsOf: repeatElement(value, count: size))
        }
        return increasing ? result : result.map { -$0 }
    }
}
