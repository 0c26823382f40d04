import LanterneData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Trains gradient-boosted trees, histogram-based and leaf-wise, as LightGBM does.
///
/// Each round computes the loss's gradients and hessians, grows one tree on the rows (and features) drawn for the
/// round, and adds its shrunk leaf values to every row's score. Missing values learn a default direction at every
/// split; categorical features split on sets of levels; monotone constraints bound leaf values. With a validation
/// set, training stops when the validation loss has not improved for `earlyStopping` rounds and keeps the best
/// round. The result is the same for a seed whatever the number of threads.
public struct BoostingTrainer: Sendable {
    /// The settings.
    public var parameters: BoostingParameters

    /// Creates a trainer.
    /// - Parameter parameters: the settings.
    public init(parameters: BoostingParameters) {
        self.parameters = parameters
    }

    /// One round's report, for progress display.
    public struct Round: Sendable {
        /// The round, from 1.
        public var round: Int
        /// The validation loss (log loss or squared error), NaN without validation rows.
        public var validationLoss: Double
    }

    /// What training produced.
    public struct Outcome: Sendable {
        /// The model (trees up to the best round).
        public var model: TreeEnsemble
        /// The best round (the number of trees kept).
        public var bestRound: Int
        /// The validation loss at each round.
        public var validationLosses: [Double]
    }

    /// Trains on `training`, watching `validation` for early stopping.
    /// - Parameters:
    ///   - training: the training rows.
    ///   - labels: their outcomes (0/1 for the binary objective).
    ///   - features: the features, in matrix order.
    ///   - validation: rows to watch, or `nil`.
    ///   - validationLabels: their outcomes.
    ///   - progress: called after each round.
    /// - Returns: the model and the validation history.
    public func train(
        training: FeatureMatrix, labels: [Double], features: [ModelFeature], validation: FeatureMatrix? = nil,
        validationLabels: [Double] = [], progress: (Round) -> Void = { _ in }
    ) -> Outcome {
        let rows = training.rowCount
        let threads = parameters.threads
        let binning = FeatureBinning(
            matrix: training, features: features, maxBins: parameters.bins, threads: threads)
        // The bins row after row (for node histograms: one cache line per row), and feature after feature.
        let rowBins = binning.binnedByRow(training, threads: threads)
        let bins = Self.transposed(rowBins, rows: rows, width: features.count, threads: threads)
        var offsets: [Int] = []
        var totalBins = 0
        for count in binning.binCounts {
            offsets.append(totalBins)
            totalBins += count
        }
        let sparseRows = SparseRowBins(
            rowBins: rowBins, rows: rows, binCounts: binning.binCounts, offsets: offsets, totalBins: totalBins)
        let denseRows = sparseRows == nil ? DenseRowBins(bins: rowBins, offsets: offsets) : nil
        // The validation rows' bins row after row: routing a row through a tree then reads one cache line.
        let validationBins = validation.map { binning.binnedByRow($0, threads: threads) }
        let validationRows = validation?.rowCount ?? 0

        let base: Double
        switch parameters.objective {
        case .binary:
            let mean = labels.reduce(0, +) / Double(max(1, rows))
            let clipped = min(max(mean, 1e-15), 1 - 1e-15)
            base = log(clipped / (1 - clipped))
        case .squaredError:
            base = labels.reduce(0, +) / Double(max(1, rows))
        }
        var scores = [Double](repeating: base, count: rows)
        var validationScores = [Double](repeating: base, count: validationRows)
        var derivatives = [SIMD2<Double>](repeating: .zero, count: rows)
        var trees: [DecisionTree] = []
        var losses: [Double] = []
        var bestLoss = Double.infinity
        var bestRound = 0
        var random = SeededRandom(seed: parameters.seed)
        // Threads kept for the whole training: growing a tree hands them short steps many times.
        let team = WorkerTeam(threads: threads)
        defer { team.stop() }

        for round in 1...max(1, parameters.trees) {
            // Gradients and hessians of the loss at the current scores, rows split across threads.
            Self.derivatives(
                scores: scores, labels: labels, objective: parameters.objective, threads: parameters.threads,
                team: team, into: &derivatives)
            // Rows and features of this round.
            var indices: [Int32]
            if parameters.rowSubsample < 1 {
                indices = (0..<rows).filter { _ in random.uniform() < parameters.rowSubsample }.map { Int32($0) }
            } else {
                indices = (0..<rows).map { Int32($0) }
            }
            var allowed = Array(0..<features.count)
            if parameters.featureSubsample < 1 {
                let keep = max(1, Int((Double(features.count) * parameters.featureSubsample).rounded()))
                for i in stride(from: allowed.count - 1, to: 0, by: -1) {
                    allowed.swapAt(i, Int(random.next() % UInt64(i + 1)))
                }
                allowed = Array(allowed.prefix(keep)).sorted()
            }
            var grower = TreeGrower(
                binning: binning, bins: bins, rows: rows, parameters: parameters, allowedFeatures: allowed)
            grower.team = team
            grower.denseRows = denseRows
            grower.sparseRows = sparseRows
            let (tree, leafRanges) = grower.grow(indices: &indices, derivatives: derivatives)
            trees.append(tree)
            // Scores of every training row: through the leaves' row ranges when every row took part, by routing
            // the binned rows otherwise; then the validation rows.
            let splitBins = BinnedTree(tree: tree, binning: binning)
            if indices.count == rows {
                Self.addLeafValues(
                    tree.value, leaves: leafRanges, indices: indices, threads: threads, team: team, to: &scores)
            } else {
                bins.withUnsafeBufferPointer { binBuffer in
                    for i in 0..<rows { scores[i] += tree.value[splitBins.leaf(binBuffer, row: i, rows: rows)] }
                }
            }
            var loss = Double.nan
            if let validationBins {
                Self.addTree(
                    splitBins, values: tree.value, bins: validationBins, rows: validationRows,
                    threads: parameters.threads, team: team, to: &validationScores)
                // The loss is needed every round only to stop early; otherwise every 50 rounds for progress.
                let watched = parameters.earlyStopping > 0 || round % 50 == 0 || round == parameters.trees
                if watched {
                    loss = Self.loss(validationScores, validationLabels, objective: parameters.objective)
                    losses.append(loss)
                    if loss < bestLoss - 1e-12 {
                        bestLoss = loss
                        bestRound = round
                    }
                }
            } else {
                bestRound = round
            }
            progress(Round(round: round, validationLoss: loss))
            if parameters.earlyStopping > 0 && validation != nil && round - bestRound >= parameters.earlyStopping {
                break
            }
        }
        // Without early stopping every round is kept; with it, the rounds up to the best validation loss.
        if parameters.earlyStopping == 0 || validation == nil { bestRound = trees.count }
        let kept = Array(trees.prefix(max(1, bestRound)))
        var model = TreeEnsemble(features: features, baseScore: base, rule: .lessOrEqual, trees: kept)
        model.predicts = parameters.objective == .squaredError ? .value : .logOdds
        return Outcome(
            model: model,
            bestRound: max(1, bestRound), validationLosses: losses)
    }

    /// Row-major bins turned feature after feature (`bins[feature * rows + row]`), features shared between threads.
    static func transposed(_ rowBins: [UInt8], rows: Int, width: Int, threads: Int) -> [UInt8] {
        var bins = [UInt8](repeating: 0, count: rowBins.count)
        rowBins.withUnsafeBufferPointer { source in
            bins.withUnsafeMutableBufferPointer { target in
                // Chunk `feature` writes that feature's column.
                let input = SharedPointer(readOnly: source.baseAddress!)
                let output = SharedPointer(target.baseAddress!)
                let workers = max(1, min(threads, width, rows / 16_384))
                ForkJoin.run(chunks: width, threads: workers) { feature in
                    let column = output.pointer + feature * rows
                    for row in 0..<rows { column[row] = input.pointer[row &* width &+ feature] }
                }
            }
        }
        return bins
    }

    /// Adds each leaf's value to the scores of its rows (`indices` over the leaves' ranges). Every row is in one leaf,
    /// so the positions of `indices` are cut in equal blocks between threads without changing any sum.
    static func addLeafValues(
        _ values: [Double], leaves: [TreeGrower.LeafRange], indices: [Int32], threads: Int, team: WorkerTeam? = nil,
        to scores: inout [Double]
    ) {
        let workers = max(1, min(threads, indices.count / (team == nil ? 65_536 : 8_192)))
        indices.withUnsafeBufferPointer { indexBuffer in
            scores.withUnsafeMutableBufferPointer { scoreBuffer in
                // Chunk `worker` writes the scores of the rows at its positions of `indices`, each row once.
                let rows = SharedPointer(readOnly: indexBuffer.baseAddress!)
                let out = SharedPointer(scoreBuffer.baseAddress!)
                let total = indices.count
                Self.run(chunks: workers, team: team) { worker in
                    let from = total * worker / workers
                    let to = total * (worker + 1) / workers
                    for leaf in leaves {
                        let value = values[leaf.node]
                        let start = max(from, leaf.start)
                        let end = min(to, leaf.start + leaf.count)
                        if start < end {
                            for r in start..<end { out.pointer[Int(rows.pointer[r])] += value }
                        }
                    }
                }
            }
        }
    }

    /// Adds a tree's leaf values to the scores of rows binned row after row, rows split in blocks across threads.
    static func addTree(
        _ tree: BinnedTree, values: [Double], bins: [UInt8], rows: Int, threads: Int, team: WorkerTeam? = nil,
        to scores: inout [Double]
    ) {
        let blocks = max(1, min(threads, rows / (team == nil ? 16_384 : 4_096)))
        let width = rows > 0 ? bins.count / rows : 0
        bins.withUnsafeBufferPointer { binBuffer in
            scores.withUnsafeMutableBufferPointer { scoreBuffer in
                // Block `b` writes the scores of its own rows.
                let out = SharedPointer(scoreBuffer.baseAddress!)
                let input = SharedPointer(readOnly: binBuffer.baseAddress!)
                Self.run(chunks: blocks, team: team) { block in
                    let from = rows * block / blocks
                    let to = rows * (block + 1) / blocks
                    tree.addLeafValues(
                        values, rows: input.pointer + from * width, width: width, count: to - from,
                        to: out.pointer + from)
                }
            }
        }
    }

    /// The loss's first and second derivatives for every row, as (gradient, hessian) pairs.
    static func derivatives(
        scores: [Double], labels: [Double], objective: BoostingParameters.Objective, threads: Int,
        team: WorkerTeam? = nil, into derivatives: inout [SIMD2<Double>]
    ) {
        let rows = scores.count
        let blocks = max(1, min(threads, rows / (team == nil ? 65_536 : 8_192)))
        scores.withUnsafeBufferPointer { s in
            labels.withUnsafeBufferPointer { y in
                derivatives.withUnsafeMutableBufferPointer { d in
                    // Block `b` writes the derivatives of its own rows.
                    let sp = SharedPointer(readOnly: s.baseAddress!)
                    let yp = SharedPointer(readOnly: y.baseAddress!)
                    let dp = SharedPointer(d.baseAddress!)
                    Self.run(chunks: blocks, team: team) { block in
                        let start = rows * block / blocks
                        let end = rows * (block + 1) / blocks
                        switch objective {
                        case .binary:
                            for i in start..<end {
                                let p = 1 / (1 + exp(-sp.pointer[i]))
                                dp.pointer[i] = SIMD2(p - yp.pointer[i], max(p * (1 - p), 1e-16))
                            }
                        case .squaredError:
                            for i in start..<end { dp.pointer[i] = SIMD2(sp.pointer[i] - yp.pointer[i], 1) }
                        }
                    }
                }
            }
        }
    }

    /// Runs `body` for every chunk on the team's threads, or through `ForkJoin` without a team.
    static func run(chunks: Int, team: WorkerTeam?, _ body: @Sendable (Int) -> Void) {
        if let team {
            team.run(chunks: chunks, body)
        } else {
            ForkJoin.run(chunks: chunks, threads: chunks, body)
        }
    }

    static func loss(_ scores: [Double], _ labels: [Double], objective: BoostingParameters.Objective) -> Double {
        var total = 0.0
        for (z, y) in zip(scores, labels) {
            switch objective {
            case .binary:
                let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                total += softplus - y * z
            case .squaredError:
                total += (z - y) * (z - y)
            }
        }
        return total / Double(max(1, scores.count))
    }
}
