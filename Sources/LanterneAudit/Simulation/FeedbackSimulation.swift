import LanterneData
import LanterneModels

/// The feedback loop of control targeting, simulated on synthetic households whose true irregularity is known.
///
/// A history of past controls (the biased process of `lanterne synth foyers`) trains the first model, its blanks
/// (households never controlled) read as « nothing found », as a file of past adjustments is usually read. Then each
/// period a new population is scored, the capacity is controlled (the highest scores, less a share drawn uniformly
/// from the whole population in the arm with a random draw), the controls find the irregularities they meet (with
/// the generator's detection rate), and the model is trained again on everything known so far. Both arms start from
/// the same history and the same model and meet the same households; only the random share differs.
public enum FeedbackSimulation {
    /// The protected attributes measured, in report order.
    public static let attributes = ["parent_isole", "qpv", "nationalite", "sexe", "carte_invalidite"]
    /// Groups smaller than this have no published selection ratio.
    public static let minimumGroup = 30
    /// The label column the models learn (a found irregularity).
    static let label = "redressement"
    /// Random streams of the generator's seed used here (the households use streams 0, 2 and 3).
    static let detectionStream: UInt64 = 11

    /// Runs both arms.
    /// - Parameter request: the settings.
    /// - Returns: every period of both arms.
    /// - Throws: ``SimulationSettingError`` for a setting out of range; ``ModelError`` if a training fails.
    public static func run(_ request: FeedbackSimulationRequest) throws -> FeedbackSimulationOutcome {
        try request.check()
        let world = try World(request)
        let initial = try world.train(labels: world.historyLabels)
        var references: [String: String] = [:]
        var arms: [FeedbackSimulationOutcome.Arm] = []
        for share in [0, request.randomShare] {
            var labels = world.historyLabels
            var model = initial
            var periods: [FeedbackSimulationOutcome.Period] = []
            for period in 1...request.periods {
                let range = world.range(period)
                let scores = try world.scores(model.model, range: range)
                let (controlled, drawn) = world.controls(period: period, scores: scores, randomShare: share)
                let (line, periodReferences) = world.measure(
                    period: period, range: range, scores: scores, controlled: controlled, drawn: drawn,
                    trainingRows: model.trainingRows)
                periods.append(line)
                references.merge(periodReferences) { first, _ in first }
                for offset in 0..<range.count {
                    let row = range.lowerBound + offset
                    labels[row] = controlled[offset] && world.irregular[row] && world.detected[row] ? 1 : 0
                }
                if period < request.periods { model = try world.train(labels: labels) }
            }
            arms.append(.init(randomShare: share, periods: periods))
        }
        return FeedbackSimulationOutcome(
            request: request, references: references, arms: arms, schema: world.population.schema)
    }
}
