import LanterneData

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fits a logistic regression by L-BFGS: penalised log loss on standardised inputs, intercept not penalised.
///
/// The objective is Σ log-loss + (λ₂/2)‖w‖² + λ₁‖w‖₁, the same optimum as scikit-learn's `LogisticRegression(C = 1/λ)`
/// on inputs standardised with the population standard deviation (λ₂ = 1/C alone, or λ₁ = 1/C alone for its L1
/// penalty). With λ₁ > 0 the search is OWL-QN (L-BFGS kept inside one orthant at a time), which sets weights exactly
/// to zero. Labels become one-hot indicators (one per known
/// level), a numeric feature with missing values gets a missing indicator, and an input constant in the training
/// data is dropped (and reported).
public struct LogisticTrainer: Sendable {
    /// The L2 penalty λ (scikit-learn's 1 / C).
    public var l2: Double
    /// The L1 penalty (scikit-learn's 1 / C with `l1_ratio = 1`); 0 for none.
    public var l1 = 0.0
    /// The most L-BFGS iterations.
    public var maxIterations: Int
    /// Threads evaluating the loss (the result does not depend on it).
    public var threads = 1
    /// Stop when the largest gradient component, divided by the number of rows, falls below this (scikit-learn's
    /// `tol` on its per-row objective).
    public var gradientTolerance: Double

    /// Creates a trainer.
    /// - Parameters:
    ///   - l2: the L2 penalty λ.
    ///   - maxIterations: the iteration limit.
    ///   - gradientTolerance: the relative gradient tolerance.
    public init(l2: Double = 1, maxIterations: Int = 2000, gradientTolerance: Double = 1e-8) {
        self.l2 = l2
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
    }

    /// What training produced.
    public struct Outcome: Sendable {
        /// The model.
        public var model: LogisticModel
        /// The L-BFGS iterations used.
        public var iterations: Int
        /// Encoded inputs dropped because they were constant (feature names).
        public var droppedConstant: [String]
    }

    /// Fits the model.
    /// - Parameters:
    ///   - matrix: the encoded training rows.
    ///   - features: the features, in matrix order.
    ///   - labels: the outcomes.
    /// - Returns: the model, the iterations and the dropped inputs.
    public func train(matrix: FeatureMatrix, features: [ModelFeature], labels: [Bool]) -> Outcome {
        precondition(matrix.rowCount == labels.count && matrix.featureCount == features.count)
        let rows = matrix.rowCount
        let width = matrix.featureCount
        // Per-feature sums in two passes over the row-major matrix: present values and their sum, then the squared
        // deviations from their mean (two passes, so that large values far from zero lose no precision).
        var sums = [Double](repeating: 0, count: width)
        var squareSums = [Double](repeating: 0, count: width)
        var presentCounts = [Int](repeating: 0, count: width)
        matrix.values.withUnsafeBufferPointer { values in
            for row in 0..<rows {
                let base = row * width
                for feature in 0..<width where !values[base + feature].isNaN {
                    sums[feature] += values[base + feature]
                    presentCounts[feature] += 1
                }
            }
            let means = (0..<width).map { presentCounts[$0] > 0 ? sums[$0] / Double(presentCounts[$0]) : 0 }
            for row in 0..<rows {
                let base = row * width
                for feature in 0..<width where !values[base + feature].isNaN {
                    let d = values[base + feature] - means[feature]
                    squareSums[feature] += d * d
                }
            }
        }
        // Candidate inputs, then their raw columns, means and scales.
        var candidates: [LogisticModel.Input] = []
        for (index, feature) in features.enumerated() {
            if let levels = feature.levels {
                for level in levels.indices {
                    candidates.append(.init(feature: index, encoding: .level(level), mean: 0, scale: 1, weight: 0))
                }
            } else {
                candidates.append(.init(feature: index, encoding: .number, mean: 0, scale: 1, weight: 0))
                if presentCounts[index] < rows {
                    candidates.append(.init(feature: index, encoding: .missing, mean: 0, scale: 1, weight: 0))
                }
            }
        }
        var inputs: [LogisticModel.Input] = []
        var dense: [(position: Int, input: LogisticModel.Input)] = []
        var blocks: [Int: CategoricalBlock] = [:]
        var dropped: [String] = []
        do {
            for var candidate in candidates {
                if case .level(let level) = candidate.encoding {
                    // A level's indicator is never materialised: its mean is the level's share, its scale
                    // sqrt(share (1 - share)), and the loss reads the feature's level codes directly.
                    var hits = 0
                    matrix.values.withUnsafeBufferPointer { values in
                        for row in 0..<rows {
                            let x = values[row * width + candidate.feature]
                            if !x.isNaN && Int(x) == level { hits += 1 }
                        }
                    }
                    let share = Double(hits) / Double(max(1, rows))
                    let scale = (share * (1 - share)).squareRoot()
                    guard scale > 1e-12 else {
                        dropped.append(features[candidate.feature].name)
                        continue
                    }
                    candidate.mean = share
                    candidate.scale = scale
                    if blocks[candidate.feature] == nil {
                        let codes = (0..<rows).map { row -> Int32 in
                            let x = matrix.values[row * width + candidate.feature]
                            return x.isNaN ? -1 : Int32(x)
                        }
                        let levels = features[candidate.feature].levels?.count ?? 0
                        blocks[candidate.feature] = CategoricalBlock(
                            codes: codes, positions: [Int](repeating: -1, count: levels),
                            means: [Double](repeating: 0, count: levels), scales: [Double](repeating: 1, count: levels))
                    }
                    blocks[candidate.feature]!.positions[level] = inputs.count
                    blocks[candidate.feature]!.means[level] = share
                    blocks[candidate.feature]!.scales[level] = scale
                    inputs.append(candidate)
                    continue
                }
                // A number's mean ignores missing values, which then count as that mean; an indicator's mean is the
                // share of missing values. Both scales are population standard deviations.
                let feature = candidate.feature
                let present = Double(presentCounts[feature])
                let total = Double(max(1, rows))
                var scale: Double
                if candidate.encoding == .missing {
                    let share = (total - present) / total
                    candidate.mean = share
                    scale = (share * (1 - share)).squareRoot()
                } else {
                    let mean = present > 0 ? sums[feature] / present : 0
                    candidate.mean = mean
                    let variance = squareSums[feature] / total
                    scale = variance.squareRoot()
                }
                guard scale > 1e-12 * max(1, abs(candidate.mean)) else {
                    dropped.append(features[candidate.feature].name)
                    continue
                }
                candidate.scale = scale
                dense.append((inputs.count, candidate))
                inputs.append(candidate)
            }
        }
        let y = labels.map { $0 ? 1.0 : 0.0 }
        var problem = PenalisedLogLoss(
            matrix: matrix, dense: dense, categorical: blocks.keys.sorted().map { blocks[$0]! },
            inputCount: inputs.count, labels: y,
            l2: l2)
        problem.threads = threads
        var minimiser = LBFGS(dimension: inputs.count + 1)
        let (solution, iterations) = minimiser.minimise(
            problem, maxIterations: maxIterations, tolerance: gradientTolerance * Double(max(1, rows)), l1: l1,
            penalised: inputs.count)
        for index in inputs.indices { inputs[index].weight = solution[index] }
        let model = LogisticModel(
            features: features, intercept: solution[inputs.count], inputs: inputs,
            quintiles: Self.quintiles(matrix, features: features))
        return Outcome(model: model, iterations: iterations, droppedConstant: Array(Set(dropped)).sorted())
    }
}

extension LogisticTrainer {
    /// Each numeric feature's minimum, four quintiles and maximum over its present training values (read from at
    /// most 20,000 rows taken at a fixed stride), equal bounds merged; empty for a category.
    static func quintiles(_ matrix: FeatureMatrix, features: [ModelFeature]) -> [[Double]] {
        let step = max(1, matrix.rowCount / 20_000)
        return features.indices.map { index in
            guard features[index].levels == nil else { return [] }
            var values: [Double] = []
            for row in stride(from: 0, to: matrix.rowCount, by: step) where !matrix[row, index].isNaN {
                values.append(matrix[row, index])
            }
            guard !values.isEmpty else { return [] }
            values.sort()
            var bounds: [Double] = []
            for fifth in 0...5 {
                let bound = values[min(values.count - 1, fifth * (values.count - 1) / 5)]
                if bounds.last != bound { bounds.append(bound) }
            }
            return bounds
        }
    }
}

/// The one-hot inputs of one categorical feature, kept as the feature's level codes.
struct CategoricalBlock: Sendable {
    /// Each row's level, -1 when missing.
    var codes: [Int32]
    /// For each level, its position among the weights, or -1 when the level has no input.
    var positions: [Int]
    /// Each level's share of the rows (the indicator's mean).
    var means: [Double]
    /// Each level's indicator standard deviation.
    var scales: [Double]
}

/// Σ log(1 + e^z) − y z + (λ/2)‖w‖² with z = X w + b, X standardised; the last coordinate is the unpenalised
/// intercept b. Numbers are dense columns; one-hot levels are read from level codes, their centring folded into a
/// constant.
struct PenalisedLogLoss: Sendable {
    let positions: [Int]
    /// The dense inputs row after row (`rowMajor[row * positions.count + k]`).
    let rowMajor: [Double]
    let categorical: [CategoricalBlock]
    let inputCount: Int
    let labels: [Double]
    let l2: Double
    /// Row blocks evaluated in parallel; fixed, so that sums are added in the same order whatever the threads.
    static let blocks = 8
    /// Threads sharing the blocks.
    var threads = 1

    /// Runs `body` for every block, the blocks shared among `threads` workers.
    func forEachBlock(_ body: @Sendable (Int) -> Void) {
        ForkJoin.run(chunks: Self.blocks, threads: threads, body)
    }

    init(
        matrix: FeatureMatrix, dense: [(position: Int, input: LogisticModel.Input)], categorical: [CategoricalBlock],
        inputCount: Int, labels: [Double], l2: Double
    ) {
        positions = dense.map(\.position)
        let width = dense.count
        let featureCount = matrix.featureCount
        var rowMajor = [Double](repeating: 0, count: labels.count * width)
        matrix.values.withUnsafeBufferPointer { values in
            rowMajor.withUnsafeMutableBufferPointer { output in
                for row in 0..<labels.count {
                    let source = row * featureCount
                    let target = row * width
                    for (k, entry) in dense.enumerated() {
                        let x = values[source + entry.input.feature]
                        let raw: Double =
                            entry.input.encoding == .missing ? (x.isNaN ? 1 : 0) : (x.isNaN ? entry.input.mean : x)
                        output[target + k] = (raw - entry.input.mean) / entry.input.scale
                    }
                }
            }
        }
        self.rowMajor = rowMajor
        self.categorical = categorical
        self.inputCount = inputCount
        self.labels = labels
        self.l2 = l2
    }

    /// The objective and its gradient at `point`.
    func evaluate(_ point: [Double]) -> (value: Double, gradient: [Double]) {
        let rows = labels.count
        var offset = point[inputCount]
        for block in categorical {
            for (level, position) in block.positions.enumerated() where position >= 0 {
                offset -= point[position] * block.means[level] / block.scales[level]
            }
        }
        var z = [Double](repeating: offset, count: rows)
        let width = positions.count
        let weights = positions.map { point[$0] }
        z.withUnsafeMutableBufferPointer { zBuffer in
            rowMajor.withUnsafeBufferPointer { x in
                // Block `b` adds to its own rows of `z`.
                let zp = SharedPointer(zBuffer.baseAddress!)
                let xp = SharedPointer(readOnly: x.baseAddress ?? UnsafePointer(zBuffer.baseAddress!))
                forEachBlock { block in
                    for i in (rows * block / Self.blocks)..<(rows * (block + 1) / Self.blocks) {
                        var total = 0.0
                        let row = xp.pointer + i * width
                        for k in 0..<width { total += weights[k] * row[k] }
                        zp.pointer[i] += total
                    }
                }
            }
        }
        for block in categorical {
            var perLevel = [Double](repeating: 0, count: block.positions.count)
            for (level, position) in block.positions.enumerated() where position >= 0 {
                perLevel[level] = point[position] / block.scales[level]
            }
            block.codes.withUnsafeBufferPointer { codes in
                for i in 0..<rows where codes[i] >= 0 { z[i] += perLevel[Int(codes[i])] }
            }
        }
        var value = 0.0
        var residual = [Double](repeating: 0, count: rows)
        var residualSum = 0.0
        for i in 0..<rows {
            let zi = z[i]
            let softplus = zi > 0 ? zi + log1p(exp(-zi)) : log1p(exp(zi))
            value += softplus - labels[i] * zi
            residual[i] = 1 / (1 + exp(-zi)) - labels[i]
            residualSum += residual[i]
        }
        var gradient = [Double](repeating: 0, count: inputCount + 1)
        // Each block sums its rows' gradients; the blocks are then added in order.
        var partial = [Double](repeating: 0, count: Self.blocks * max(1, width))
        partial.withUnsafeMutableBufferPointer { partialBuffer in
            rowMajor.withUnsafeBufferPointer { x in
                residual.withUnsafeBufferPointer { r in
                    // Block `b` sums into its own row of `partial`.
                    let pp = SharedPointer(partialBuffer.baseAddress!)
                    let xp = SharedPointer(readOnly: x.baseAddress ?? UnsafePointer(partialBuffer.baseAddress!))
                    let rp = SharedPointer(readOnly: r.baseAddress!)
                    forEachBlock { block in
                        let target = pp.pointer + block * max(1, width)
                        for i in (rows * block / Self.blocks)..<(rows * (block + 1) / Self.blocks) {
                            let ri = rp.pointer[i]
                            let row = xp.pointer + i * width
                            for k in 0..<width { target[k] += ri * row[k] }
                        }
                    }
                }
            }
        }
        for (k, position) in positions.enumerated() {
            var total = 0.0
            for block in 0..<Self.blocks { total += partial[block * width + k] }
            gradient[position] = total
        }
        for block in categorical {
            var sums = [Double](repeating: 0, count: block.positions.count)
            block.codes.withUnsafeBufferPointer { codes in
                for i in 0..<rows where codes[i] >= 0 { sums[Int(codes[i])] += residual[i] }
            }
            for (level, position) in block.positions.enumerated() where position >= 0 {
                gradient[position] = (sums[level] - block.means[level] * residualSum) / block.scales[level]
            }
        }
        for position in 0..<inputCount {
            gradient[position] += l2 * point[position]
            value += 0.5 * l2 * point[position] * point[position]
        }
        gradient[inputCount] = residualSum
        return (value, gradient)
    }
}

/// Limited-memory BFGS with a backtracking (Armijo) line search, for convex objectives: smooth ones, or a smooth one
/// plus an L1 penalty on the first `penalised` coordinates (OWL-QN, Andrew and Gao 2007: the step follows the
/// pseudo-gradient and never crosses zero on a penalised coordinate within one iteration).
struct LBFGS {
    let dimension: Int
    let memory = 10

    init(dimension: Int) {
        self.dimension = dimension
    }

    /// The smooth gradient turned into the steepest-descent direction's opposite for the L1-penalised objective: at
    /// zero, the one-sided derivative that points downhill, or 0 when neither does.
    private func pseudoGradient(_ x: [Double], _ g: [Double], l1: Double, penalised: Int) -> [Double] {
        guard l1 > 0 else { return g }
        var p = g
        for i in 0..<penalised {
            if x[i] > 0 {
                p[i] = g[i] + l1
            } else if x[i] < 0 {
                p[i] = g[i] - l1
            } else if g[i] + l1 < 0 {
                p[i] = g[i] + l1
            } else if g[i] - l1 > 0 {
                p[i] = g[i] - l1
            } else {
                p[i] = 0
            }
        }
        return p
    }

    mutating func minimise(
        _ problem: PenalisedLogLoss, maxIterations: Int, tolerance: Double, l1: Double = 0, penalised: Int = 0
    ) -> ([Double], Int) {
        var x = [Double](repeating: 0, count: dimension)
        var (f, g) = problem.evaluate(x)
        func penalty(_ point: [Double]) -> Double {
            l1 > 0 ? l1 * (0..<penalised).reduce(0.0) { $0 + abs(point[$1]) } : 0
        }
        f += penalty(x)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var rhos: [Double] = []
        var iteration = 0
        var pg = pseudoGradient(x, g, l1: l1, penalised: penalised)
        while iteration < maxIterations {
            if pg.map(abs).max() ?? 0 <= tolerance { break }
            iteration += 1
            // Two-loop recursion: direction = −H pg.
            var q = pg
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in stride(from: steps.count - 1, through: 0, by: -1) {
                alphas[k] = rhos[k] * dot(steps[k], q)
                for i in 0..<dimension { q[i] -= alphas[k] * changes[k][i] }
            }
            var gamma = 1.0
            if let s = steps.last, let y = changes.last { gamma = dot(s, y) / dot(y, y) }
            for i in 0..<dimension { q[i] *= gamma }
            for k in 0..<steps.count {
                let beta = rhos[k] * dot(changes[k], q)
                for i in 0..<dimension { q[i] += steps[k][i] * (alphas[k] - beta) }
            }
            var direction = q.map { -$0 }
            if l1 > 0 {
                // Keep only the components that go downhill along the pseudo-gradient.
                for i in 0..<penalised where direction[i] * pg[i] >= 0 { direction[i] = 0 }
            }
            var slope = dot(pg, direction)
            if slope >= 0 {
                direction = pg.map { -$0 }
                slope = dot(pg, direction)
                steps.removeAll()
                changes.removeAll()
                rhos.removeAll()
            }
            // The orthant of this iteration: a weight keeps its sign, a zero weight takes the downhill one.
            let orthant = (0..<penalised).map { i in x[i] != 0 ? (x[i] > 0 ? 1.0 : -1.0) : (pg[i] < 0 ? 1.0 : -1.0) }
            var step = steps.isEmpty ? min(1, 1 / max(1e-300, pg.map(abs).max() ?? 1)) : 1
            var candidate = x
            var evaluation = (value: f, gradient: g)
            var accepted = false
            for _ in 0..<60 {
                for i in 0..<dimension { candidate[i] = x[i] + step * direction[i] }
                if l1 > 0 {
                    for i in 0..<penalised where candidate[i] * orthant[i] <= 0 { candidate[i] = 0 }
                }
                evaluation = problem.evaluate(candidate)
                evaluation.value += penalty(candidate)
                let decrease = l1 > 0 ? dot(pg, (0..<dimension).map { candidate[$0] - x[$0] }) : step * slope
                if evaluation.value <= f + 1e-4 * decrease {
                    accepted = true
                    break
                }
                step *= 0.5
            }
            if !accepted { break }
            let s = (0..<dimension).map { candidate[$0] - x[$0] }
            let y = (0..<dimension).map { evaluation.gradient[$0] - g[$0] }
            let sy = dot(s, y)
            let previous = f
            x = candidate
            f = evaluation.value
            g = evaluation.gradient
            pg = pseudoGradient(x, g, l1: l1, penalised: penalised)
            if sy > 1e-300 {
                steps.append(s)
                changes.append(y)
                rhos.append(1 / sy)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                    rhos.removeFirst()
                }
            }
            if abs(previous - f) <= 1e-16 * max(1, abs(f)) && (pg.map(abs).max() ?? 0) <= tolerance * 1e3 { break }
        }
        return (x, iteration)
    }

    private func dot(_ a: [Double], _ b: [Double]) -> Double {
        var total = 0.0
        for i in 0..<a.count { total += a[i] * b[i] }
        return total
    }
}
