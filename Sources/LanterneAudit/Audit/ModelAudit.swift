import LanterneData
import LanterneModels

/// The audit of a model on a table: scores every row with the model into a column, audits the request, applies the
/// gate policy. `lanterne audit --model` and the server call it, so that both give the same report.
public enum ModelAudit {
    /// The name of the score column the model's probabilities go into.
    public static let scoreColumn = "score"

    /// The table with the model's probability of every row as a ``scoreColumn`` column.
    /// - Parameters:
    ///   - table: the data.
    ///   - model: a model that gives log-odds.
    ///   - file: the data file's name, for messages.
    ///   - threads: threads to score on.
    /// - Throws: ``ModelError`` when a feature is missing or unreadable, or the model predicts a value;
    ///   ``AuditInputError`` when the table already has a score column.
    public static func scored(_ table: Table, model: any ScoringModel, file: String, threads: Int) throws -> Table {
        guard model.output == .logOdds else {
            throw ModelError(.notAProbability(command: "lanterne audit --model"), file: file)
        }
        guard table.column(named: scoreColumn) == nil else {
            throw AuditInputError(
                file: file, french: "une colonne s'appelle déjà « \(scoreColumn) » : utilisez --score",
                english: "a column is already named “\(scoreColumn)”: use --score")
        }
        let matrix = try FeatureMatrix(table: table, features: model.features, file: file)
        let logits = model.logits(matrix, threads: threads)
        return Table(
            columns: table.columns + [Column(name: scoreColumn, storage: .number(NumberColumn(logits.map(logistic))))]
        )
    }

    /// Audits `table` as `request` says, then applies `policy`.
    /// - Parameters:
    ///   - request: what to audit.
    ///   - table: the data (with the score column when the decision is a score).
    ///   - file: the data file's name.
    ///   - policy: the gates, if any.
    ///   - progress: a bar counting the bootstrap replicates (see ``FairnessAudit/run(_:table:file:progress:)``).
    /// - Returns: the report with its gates, and the timings.
    /// - Throws: ``AuditInputError`` when the request does not fit the data.
    public static func run(
        _ request: AuditRequest, table: Table, file: String, policy: AuditPolicy?, progress: ProgressBar? = nil
    ) throws -> (report: AuditMarkdown, timings: FairnessAudit.Timings) {
        var (report, timings) = try FairnessAudit.run(request, table: table, file: file, progress: progress)
        report.gates = policy?.evaluate(report.sections.map(\.audit), proxies: report.proxies) ?? []
        return (report, timings)
    }
}
