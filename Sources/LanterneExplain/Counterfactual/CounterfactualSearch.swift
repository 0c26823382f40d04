import Foundation
import LanterneModels

/// Finds, for a case above a threshold, the fewest changes to actionable features (then the smallest ones) that
/// bring its score under the threshold, with values inside the observed ranges.
///
/// Logistic and additive models add one part per feature, so each feature's effect can be weighed alone and every
/// combination of up to `maxChanges` features compared: the answer is the smallest among the values tried. Trees
/// interact, so a beam search moves one feature at a time over the values between split points, keeping the best
/// few partial answers at each step.
public struct CounterfactualSearch: Sendable {
    /// The model.
    public let model: any ScoringModel
    /// Each feature's observed values and whether it may change.
    public let domains: [FeatureDomain]
    /// The most features one answer may change.
    public let maxChanges: Int
    /// How many partial answers the tree search keeps at each step.
    public let beamWidth: Int
    private let evaluator: CandidateLogits
    private let grids: [CandidateValues.Grid]

    /// Creates a search.
    /// - Parameters:
    ///   - model: any Lanterne model.
    ///   - domains: one domain per model feature.
    ///   - maxChanges: the most features to change (at least 1).
    ///   - beamWidth: partial answers kept per step by the tree search.
    public init(model: any ScoringModel, domains: [FeatureDomain], maxChanges: Int = 3, beamWidth: Int = 4) {
        precondition(domains.count == model.features.count, "one domain per feature")
        self.model = model
        self.domains = domains
        self.maxChanges = max(1, maxChanges)
        self.beamWidth = max(1, beamWidth)
        evaluator = CandidateLogits(model: model)
        let breakpoints = CandidateValues.breakpoints(of: model)
        grids = domains.indices.map { CandidateValues.Grid(domain: domains[$0], breakpoints: breakpoints[$0]) }
    }

    /// Whether the answers are exact (additive effects) rather than searched.
    public var method: Counterfactual.Method {
        // Pairwise terms make effects depend on each other: searched, as for trees.
        model is TreeEnsemble || (model as? AdditiveModel)?.pairs.isEmpty == false ? .search : .exact
    }

    /// The counterfactual of one case.
    /// - Parameters:
    ///   - row: the case's values, in the model's feature order.
    ///   - threshold: the probability the score must go under.
    /// - Returns: the changes, or why there are none.
    public func counterfactual(_ row: [Double], threshold: Double) -> Counterfactual {
        let logit = evaluator.logit(row)
        let limit =
            threshold <= 0 ? -Double.infinity : threshold >= 1 ? Double.infinity : log(threshold / (1 - threshold))
        var answer = Counterfactual(
            threshold: threshold, status: .notNeeded, method: method, changes: [], logit: logit, newLogit: logit)
        if logit < limit { return answer }
        answer.status = .none
        guard domains.contains(where: \.actionable) else {
            answer.obstacle = .noActionableFeature
            return answer
        }
        let found = method == .exact ? exact(row, logit: logit, limit: limit) : beam(row, logit: logit, limit: limit)
        guard let found = found.map({ tightened(row, changes: $0, limit: limit) }) else { return answer }
        var changed = row
        for change in found { changed[change.feature] = change.to }
        let newLogit = evaluator.logit(changed)
        guard newLogit < limit else { return answer }
        answer.status = .found
        // Largest single effect first, whatever order the search applied them in.
        let effects = found.map { change -> Double in
            var alone = row
            alone[change.feature] = change.to
            return evaluator.logit(alone)
        }
        answer.changes = found.indices.sorted {
            effects[$0] != effects[$1] ? effects[$0] < effects[$1] : found[$0].feature < found[$1].feature
        }.map { found[$0] }
        answer.newLogit = newLogit
        return answer
    }

    /// Brings each numeric change back towards the case's value as far as the score stays under the limit, then
    /// rounds it to a round number nearby: « 15 001 € » rather than « 15 000,5000001 € ».
    private func tightened(_ row: [Double], changes: [Counterfactual.Change], limit: Double) -> [Counterfactual.Change]
    {
        var changes = changes
        var changed = row
        for change in changes { changed[change.feature] = change.to }
        func crosses(_ values: [Double]) -> Bool { evaluator.logit(values) < limit }
        for index in changes.indices {
            let change = changes[index]
            guard case .numbers(_, _, let integral, _) = domains[change.feature].values, !change.from.isNaN else {
                continue
            }
            var far = change.to
            var near = change.from
            for _ in 0..<64 {
                let middle = (far + near) / 2
                if middle == far || middle == near { break }
                changed[change.feature] = middle
                if crosses(changed) { far = middle } else { near = middle }
            }
            let span = abs(change.to - change.from)
            let upward = change.to > change.from
            var step = pow(10, (log10(span)).rounded(.down))
            var chosen = change.to
            while true {
                let value = upward ? (far / step).rounded(.up) * step : (far / step).rounded(.down) * step
                let inside = upward ? value <= change.to : value >= change.to
                changed[change.feature] = value
                if inside && crosses(changed) {
                    chosen = value
                    if abs(value - far) <= abs(far - change.from) / 20 { break }
                }
                if (integral && step <= 1) || step < 1e-9 { break }
                step /= 10
            }
            changes[index].to = chosen
            changed[change.feature] = chosen
        }
        return changes
    }

    /// Each actionable feature's candidate values and the log-odds each would give, the rest of `row` unchanged.
    private func moves(_ row: [Double], logit: Double, skipping: Set<Int>) -> [(
        feature: Int, values: [Double], logits: [Double]
    )] {
        domains.indices.compactMap { feature in
            guard domains[feature].actionable, !skipping.contains(feature) else { return nil }
            let values = grids[feature].values(current: row[feature])
            guard !values.isEmpty else { return nil }
            return (feature, values, evaluator.logits(row: row, logit: logit, feature: feature, candidates: values))
        }
    }

    private struct Option {
        var value: Double
        var effect: Double
        var distance: Double
    }

    /// Additive effects: every set of up to `maxChanges` features, each at a value no closer value beats.
    private func exact(_ row: [Double], logit: Double, limit: Double) -> [Counterfactual.Change]? {
        let need = limit - logit  // the total effect must be below this (negative) amount
        // For each feature, the values worth trying: nearer ones first, each lowering the score more than all nearer.
        var frontiers: [(feature: Int, options: [Option])] = []
        for move in moves(row, logit: logit, skipping: []) {
            let options = zip(move.values, move.logits).map { value, newLogit in
                Option(
                    value: value, effect: newLogit - logit,
                    distance: domains[move.feature].distance(from: row[move.feature], to: value))
            }.sorted { $0.distance != $1.distance ? $0.distance < $1.distance : $0.effect < $1.effect }
            var frontier: [Option] = []
            for option in options where option.effect < 0 && option.effect < (frontier.last?.effect ?? 0) {
                frontier.append(option)
            }
            if !frontier.isEmpty { frontiers.append((move.feature, frontier)) }
        }
        // Strongest features first, so that hopeless branches are cut early.
        frontiers.sort { $0.options.last!.effect < $1.options.last!.effect }
        let strongest = frontiers.map { $0.options.last!.effect }
        for size in 1...min(maxChanges, frontiers.count) {
            var best: (distance: Double, effect: Double, picks: [(Int, Option)])? = nil
            var picks: [(Int, Option)] = []
            func visit(from start: Int, effect: Double, distance: Double) {
                let left = size - picks.count
                if left == 0 {
                    if effect < need
                        && (best == nil || distance < best!.distance
                            || (distance == best!.distance && effect < best!.effect))
                    {
                        best = (distance, effect, picks)
                    }
                    return
                }
                guard start + left <= frontiers.count else { return }
                for position in start...(frontiers.count - left) {
                    // The best this branch can still do uses the next strongest features.
                    let reachable = effect + strongest[position..<(position + left)].reduce(0, +)
                    if reachable >= need { return }
                    for option in frontiers[position].options {
                        if let best, distance + option.distance > best.distance { break }
                        picks.append((frontiers[position].feature, option))
                        visit(from: position + 1, effect: effect + option.effect, distance: distance + option.distance)
                        picks.removeLast()
                    }
                }
            }
            visit(from: 0, effect: 0, distance: 0)
            if let best {
                return best.picks.sorted { $0.1.effect != $1.1.effect ? $0.1.effect < $1.1.effect : $0.0 < $1.0 }.map {
                    Counterfactual.Change(feature: $0.0, from: row[$0.0], to: $0.1.value)
                }
            }
        }
        return nil
    }

    private struct State {
        var row: [Double]
        var logit: Double
        var distance: Double
        var changes: [Counterfactual.Change]
    }

    /// Interacting effects: a beam search, one feature more at each step.
    private func beam(_ row: [Double], logit: Double, limit: Double) -> [Counterfactual.Change]? {
        var states = [State(row: row, logit: logit, distance: 0, changes: [])]
        for _ in 0..<maxChanges {
            var next: [State] = []
            var crossing: State? = nil
            for state in states {
                let changed = Set(state.changes.map(\.feature))
                for move in moves(state.row, logit: state.logit, skipping: changed) {
                    for (value, newLogit) in zip(move.values, move.logits) {
                        let distance =
                            state.distance + domains[move.feature].distance(from: row[move.feature], to: value)
                        guard newLogit < limit || newLogit < state.logit else { continue }
                        var moved = state
                        moved.row[move.feature] = value
                        moved.logit = newLogit
                        moved.distance = distance
                        moved.changes.append(.init(feature: move.feature, from: state.row[move.feature], to: value))
                        guard newLogit < limit else {
                            next.append(moved)
                            continue
                        }
                        let better =
                            crossing.map { distance < $0.distance || (distance == $0.distance && newLogit < $0.logit) }
                            ?? true
                        // The walk adds leaf differences; confirm with the model's own arithmetic.
                        if better && evaluator.logit(moved.row) < limit {
                            crossing = moved
                        }
                    }
                }
            }
            if let crossing { return crossing.changes }
            // Keep the lowest scores, one per set of features (the nearest value for each set).
            next.sort { $0.logit != $1.logit ? $0.logit < $1.logit : $0.distance < $1.distance }
            var kept: [State] = []
            var seen = Set<[Int]>()
            for state in next where kept.count < beamWidth {
                if seen.insert(state.changes.map(\.feature).sorted()).inserted { kept.append(state) }
            }
            if kept.isEmpty { return nil }
            states = kept
        }
        return nil
    }
}
