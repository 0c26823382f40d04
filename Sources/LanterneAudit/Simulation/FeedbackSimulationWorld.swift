import LanterneData
import LanterneModels

extension FeedbackSimulation {
    /// The households of the history and of every period, read once, with what the simulation needs of them.
    struct World {
        let request: FeedbackSimulationRequest
        let population: HouseholdPopulation
        let table: Table
        /// The hidden truth of each household.
        let irregular: [Bool]
        /// Whether a control of the household would find its irregularity (drawn once, the same in both arms).
        let detected: [Bool]
        /// Each household's group for each attribute, in ``FeedbackSimulation/attributes`` order.
        let groups: [GroupColumn]
        /// The history's found irregularities, blanks as 0; NaN for the periods' households (not yet known).
        let historyLabels: [Double]

        /// A trained model and the rows it learnt from.
        struct Trained {
            let model: any ScoringModel
            let trainingRows: Int
        }

        init(_ request: FeedbackSimulationRequest) throws {
            self.request = request
            let rows = request.historyRows + request.rows * request.periods
            population = HouseholdPopulation(rows: rows, seed: request.seed)
            let table = try CSVReader(
                bytes: SyntheticWriter.bytes(population), name: "foyers-simulation.csv",
                options: CSVOptions(columnTypes: population.schema.columnTypes)
            ).readTable()
            self.table = table
            irregular = Self.flags(table, "irregularite_reelle").map { $0 ?? false }
            detected = (0..<rows).map { row in
                var random = SeededRandom(seed: request.seed, row: row, stream: FeedbackSimulation.detectionStream)
                return random.uniform() < HouseholdPopulation.detectionRate
            }
            groups = FeedbackSimulation.attributes.map { Self.groups(table, $0) }
            let found = Self.flags(table, FeedbackSimulation.label)
            historyLabels = (0..<rows).map { row in
                row < request.historyRows ? ((found[row] ?? false) ? 1 : 0) : .nan
            }
        }

        /// The rows of period `period` (the history is rows 0 to `historyRows`).
        func range(_ period: Int) -> Range<Int> {
            let start = request.historyRows + (period - 1) * request.rows
            return start..<(start + request.rows)
        }

        /// A logistic model trained on the rows whose label is known.
        func train(labels: [Double]) throws -> Trained {
            var labelled = table
            let index = labelled.columnIndex(named: FeedbackSimulation.label)!
            labelled.columns[index] = Column(
                name: FeedbackSimulation.label,
                storage: .boolean(BooleanColumn(flags: labels.map { $0.isNaN ? nil : $0 == 1 })))
            var training = TrainingRequest(
                table: labelled, schema: population.schema, file: "foyers-simulation.csv", kind: .logistic)
            training.label = FeedbackSimulation.label
            training.validShare = 0
            training.seed = request.seed
            training.threads = request.threads
            training.origin = "lanterne simulate"
            let outcome = try TrainingPipeline.train(training)
            return Trained(model: outcome.document.model, trainingRows: outcome.trainingRows)
        }

        /// The model's probabilities for the rows of `range`.
        func scores(_ model: any ScoringModel, range: Range<Int>) throws -> [Double] {
            let matrix = try FeatureMatrix(table: table, features: model.features, file: "foyers-simulation.csv")
            let width = matrix.featureCount
            let slice = FeatureMatrix(
                rows: range.count, features: width,
                values: Array(matrix.values[(range.lowerBound * width)..<(range.upperBound * width)]))
            return model.probabilities(slice, threads: request.threads)
        }

        /// The households controlled in a period (by position in the period) and which of them were drawn.
        func controls(period: Int, scores: [Double], randomShare: Double) -> (controlled: [Bool], drawn: [Bool]) {
            let choice = ControlPolicy(
                rule: .capacity(request.controlsPerPeriod), randomShare: randomShare, seed: request.seed
            ).choose(scores: scores, period: period)
            return (choice.proposed, choice.drawn)
        }

        /// The period's measures.
        func measure(
            period: Int, range: Range<Int>, scores: [Double], controlled: [Bool], drawn: [Bool], trainingRows: Int
        ) -> (FeedbackSimulationOutcome.Period, [String: String]) {
            let truth = Array(irregular[range])
            func rate(_ keep: (Int) -> Bool) -> Double? {
                var cases = 0
                var hits = 0
                for offset in truth.indices where keep(offset) {
                    cases += 1
                    if truth[offset] { hits += 1 }
                }
                return cases == 0 ? nil : Double(hits) / Double(cases)
            }
            let drawnCount = drawn.filter { $0 }.count
            let controlledCount = controlled.filter { $0 }.count
            var lines: [FeedbackSimulationOutcome.GroupLine] = []
            var references: [String: String] = [:]
            for (attribute, column) in zip(FeedbackSimulation.attributes, groups) {
                let codes = Array(column.codes[range])
                let audit = GroupAudit(
                    attribute: attribute, groups: GroupColumn(codes: codes, names: column.names), selected: controlled,
                    positive: truth, minimumGroup: FeedbackSimulation.minimumGroup, threads: request.threads)
                references[attribute] = audit.reference
                for group in audit.groups {
                    let code = Int32(column.names.firstIndex(of: group.value)!)
                    var inDraw = 0
                    for offset in codes.indices where drawn[offset] && codes[offset] == code { inDraw += 1 }
                    let counts = group.counts
                    lines.append(
                        .init(
                            attribute: attribute, group: group.value,
                            populationShare: Double(counts.count) / Double(range.count),
                            controlledShare: Double(counts.truePositives + counts.falsePositives)
                                / Double(controlledCount),
                            drawnShare: drawnCount > 0 ? Double(inDraw) / Double(drawnCount) : nil,
                            selectionRate: counts.selectionRate ?? 0,
                            selectionRatio: audit.ratio(group, "selection_rate"), irregularRate: counts.baseRate ?? 0))
                }
            }
            let line = FeedbackSimulationOutcome.Period(
                period: period, trainingRows: trainingRows, controlled: controlledCount, drawn: drawnCount,
                hitRate: rate { controlled[$0] } ?? 0, targetedHitRate: rate { controlled[$0] && !drawn[$0] } ?? 0,
                drawnHitRate: rate { drawn[$0] }, prevalence: rate { _ in true } ?? 0,
                auc: ClassificationMetrics.auc(scores: scores, labels: truth), groups: lines)
            return (line, references)
        }

        /// A yes/no column's flags.
        static func flags(_ table: Table, _ name: String) -> [Bool?] {
            guard let column = table.column(named: name), case .boolean(let flags) = column.storage else {
                return [Bool?](repeating: nil, count: table.rowCount)
            }
            return (0..<flags.values.count).map { flags.flag($0) }
        }

        /// An attribute's groups: yes/no written 1 and 0, as the audit shows them.
        static func groups(_ table: Table, _ name: String) -> GroupColumn {
            guard let column = table.column(named: name) else { return GroupColumn(values: []) }
            if case .boolean(let flags) = column.storage {
                return GroupColumn(values: (0..<flags.values.count).map { flags.flag($0).map { $0 ? "1" : "0" } })
            }
            return GroupColumn(values: (0..<column.count).map { column.formatted($0) })
        }
    }
}
