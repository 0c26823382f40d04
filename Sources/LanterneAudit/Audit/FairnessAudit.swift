import Foundation
import LanterneData

/// Runs an audit on a table: filters the rows, reads outcomes and decisions column by column (no text per cell),
/// measures every group of every attribute and intersection, and gathers what the reports need.
public enum FairnessAudit {
    /// How long each stage took, in seconds.
    public struct Timings: Sendable {
        /// Everything but the bootstrap: filters, counts, rates, tests, scores, calibration, sweep, proxies.
        public var audit = 0.0
        /// The bootstrap intervals.
        public var bootstrap = 0.0
    }

    /// Audits `table` as `request` says.
    /// - Parameters:
    ///   - request: what to audit.
    ///   - table: the data.
    ///   - file: the data file's name, for messages and the report's title.
    ///   - progress: a bar counting the bootstrap replicates of every attribute (and of the random draw's), finished
    ///     at the end; silent without a bootstrap. It does not change the report.
    /// - Returns: the report (and its JSON parts) and the timings.
    /// - Throws: ``AuditInputError`` when the request does not fit the data.
    public static func run(_ request: AuditRequest, table: Table, file: String, progress: ProgressBar? = nil) throws
        -> (report: AuditMarkdown, timings: Timings)
    {
        let clock = ContinuousClock()
        let started = clock.now
        var bootstrapTime = Duration.zero
        let fr = request.language == .fr
        func fail(_ french: String, _ english: String) -> AuditInputError {
            AuditInputError(file: file, french: french, english: english)
        }
        let missing = Set(request.columns).filter { table.column(named: $0) == nil }.sorted()
        guard missing.isEmpty else {
            throw fail(
                "colonne(s) absente(s) : " + missing.joined(separator: ", "),
                "missing column(s): " + missing.joined(separator: ", "))
        }
        func column(_ name: String) -> Column { table.column(named: name)! }

        // Rows kept by the filters.
        var kept = [Bool](repeating: true, count: table.rowCount)
        for filter in request.filters {
            let mask = filter.mask(column(filter.column))
            for row in kept.indices where !mask[row] { kept[row] = false }
        }
        let filteredCount = kept.reduce(0) { $0 + ($1 ? 1 : 0) }
        // The outcome: cases whose outcome is unknown (never checked) are left out, and the report says so.
        let labelTruth = try truth(
            of: column(request.label), name: request.label, isLabel: true, among: kept, fail: fail)
        // The rows audited, or nil when every row is (no list of ten million indices then).
        var rowCount = 0
        for row in kept.indices where kept[row] && labelTruth[row] != nil { rowCount += 1 }
        let subset: [Int]? =
            rowCount == table.rowCount ? nil : kept.indices.filter { kept[$0] && labelTruth[$0] != nil }
        func pick<Value>(_ values: [Value]) -> [Value] { subset.map { $0.map { values[$0] } } ?? values }
        let positive = pick(labelTruth).map { $0! }
        let unknown = fr ? "inconnu" : "unknown"

        // The groups: a missing value is its own group, « inconnu ».
        let groupColumns = request.attributes.map { parts -> (String, GroupColumn) in
            let encoded = parts.map { GroupColumn(labels: groupLabels(column($0)), unknown: unknown) }
            let whole = encoded.count == 1 ? encoded[0] : GroupColumn.intersection(encoded)
            return (parts.joined(separator: "*"), subset.map { whole.rows($0) } ?? whole)
        }
        for (name, groups) in groupColumns {
            var present = Set<Int32>()
            for code in groups.codes where code >= 0 {
                present.insert(code)
                if present.count > 1 { break }
            }
            guard present.count > 1 else {
                let only = present.first.map { groups.names[Int($0)] } ?? ""
                throw fail(
                    "« \(name) » n'a qu'un seul groupe (« \(only) ») : rien à comparer",
                    "“\(name)” has a single group (“\(only)”): nothing to compare")
            }
        }

        // The decisions.
        var scores: [Double]? = nil
        var order: ScoreOrder? = nil
        var sortedPositive: [Bool]? = nil
        let selected: [Bool]
        switch request.decision {
        case .prediction(let name):
            let decisions = try truth(of: column(name), name: name, fail: fail)
            selected = pick(decisions).map { $0 ?? false }
        case .condition(let condition):
            let mask = condition.mask(column(condition.column))
            selected = pick(mask)
        case .score(let name, let rule):
            let values = try numbers(of: column(name), name: name, rows: subset, fail: fail)
            let sorted = ScoreOrder(scores: values)
            scores = values
            order = sorted
            sortedPositive = sorted.gather(positive)
            selected = ThresholdRule.selected(scores: values, rule: rule, order: sorted)
        }

        var warnings: [String] = []
        if rowCount < filteredCount {
            warnings.append(
                fr
                    ? "L'issue « \(request.label) » n'est connue que pour \(rowCount) des \(filteredCount) dossiers : "
                        + "ceux qu'on a choisi de contrôler. Les taux de base reflètent ces choix passés."
                    : "The outcome “\(request.label)” is known for only \(rowCount) of \(filteredCount) cases: those "
                        + "chosen for a check. Base rates reflect these past choices.")
        }
        // Each attribute's score measures (mean, AUC, calibration) on its own thread.
        var scoreMeasures:
            [String: (summary: [(mean: Double, auc: Double?)?], calibration: [[ScoreSummary.CalibrationBin]])] = [:]
        if let order, let sortedPositive {
            let columns = groupColumns.map(\.1)
            let results = ForkJoin.map(chunks: columns.count, threads: columns.count) { index in
                ScoreSummary.measures(groups: columns[index], order: order, sortedPositive: sortedPositive)
            }
            for (index, (name, _)) in groupColumns.enumerated() { scoreMeasures[name] = results[index] }
        }
        func sections(_ groupColumns: [(String, GroupColumn)], selected: [Bool], positive: [Bool], withScores: Bool)
            -> [AuditMarkdown.Section]
        {
            groupColumns.map { name, groups in
                let audit = GroupAudit(
                    attribute: name, groups: groups, selected: selected, positive: positive,
                    minimumGroup: request.minimumGroup, reference: request.reference, threads: request.threads)
                var intervals: BootstrapIntervals? = nil
                if request.bootstrap > 0 {
                    let start = clock.now
                    intervals = BootstrapIntervals(
                        audit: audit, replicates: request.bootstrap, seed: request.seed, threads: request.threads,
                        progress: progress)
                    bootstrapTime += clock.now - start
                }
                var section = AuditMarkdown.Section(audit: audit, intervals: intervals)
                if withScores, let scores, let order, let measured = scoreMeasures[name] {
                    let (summary, bins) = measured
                    for (index, name) in groups.names.enumerated() {
                        if let entry = summary[index] { section.scores[name] = entry }
                        if !bins[index].isEmpty { section.calibration[name] = bins[index] }
                    }
                    if request.sweep {
                        section.sweep = ScoreSummary.sweep(
                            groups: groups, scores: scores, positive: positive, order: order,
                            percents: stride(from: 10.0, through: 100, by: 10).map { $0 },
                            minimumGroup: request.minimumGroup)
                    }
                }
                return section
            }
        }
        if request.bootstrap > 0 {
            // Each attribute's replicates, and again on the random draw's cases.
            let passes = request.randomDraw == nil ? 1 : 2
            progress?.start(total: max(1, request.bootstrap) * groupColumns.count * passes)
        }
        let main = sections(groupColumns, selected: selected, positive: positive, withScores: true)
        // The findings of every attribute, the heaviest first (ties keep the audit's order).
        let sentences = main.flatMap {
            AuditSentences.findings(
                $0.audit, intervals: $0.intervals, language: request.language, schema: request.schema)
        }
        .enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element.text)

        // Each listed feature (and the score) against each protected attribute, intersections aside.
        var features: [(name: String, values: ProxyFinding.Values)] = request.proxies.map { name in
            (name, proxyValues(column(name), rows: subset))
        }
        if !request.proxies.isEmpty, case .score(let name, _) = request.decision, let scores,
            !request.proxies.contains(name)
        {
            features.append((name, .numbers(scores)))
        }
        let findings =
            features.isEmpty
            ? []
            : ProxyFinding.find(
                features: features,
                protected: zip(request.attributes, groupColumns).filter { $0.0.count == 1 }.map { parts, groups in
                    // The attribute's own codes (-1 where missing: left out of proxy measures), named as its groups.
                    (parts[0], GroupColumn(codes: pick(groupLabels(column(parts[0])).codes), names: groups.1.names))
                })

        // The random draw alone: the same measures on cases checked at random, without selection bias.
        var randomDraw: AuditMarkdown.RandomDraw? = nil
        if let name = request.randomDraw {
            let draw = try truth(of: column(name), name: name, fail: fail)
            let picked = pick(draw)
            let drawn = picked.indices.filter { picked[$0] == true }
            randomDraw = AuditMarkdown.RandomDraw(
                column: name, rows: drawn.count,
                sections: sections(
                    groupColumns.map { ($0, $1.rows(drawn)) }, selected: drawn.map { selected[$0] },
                    positive: drawn.map { positive[$0] }, withScores: false))
        }
        var scoreColumn: String? = nil
        if case .score(let name, _) = request.decision { scoreColumn = name }
        let allSentences =
            sentences
            + AuditSentences.proxySentences(findings, scoreColumn: scoreColumn, language: request.language)
        var report = AuditMarkdown(
            title: file.split(separator: "/").last.map(String.init) ?? file, rows: rowCount, sections: main,
            sentences: allSentences, warnings: warnings, proxies: findings, gates: [], language: request.language)
        report.randomDraw = randomDraw
        report.unlabelled = filteredCount - rowCount
        report.scoreColumn = scoreColumn
        progress?.finish()
        let total = clock.now - started
        return (report, Timings(audit: seconds(total - bootstrapTime), bootstrap: seconds(bootstrapTime)))
    }

    /// A protected attribute's groups as labels; a yes/no column (typed so by a schema) is named 0 and 1, the way
    /// such flags are written in the files.
    private static func groupLabels(_ column: Column) -> CategoryColumn {
        if case .boolean(let flags) = column.storage {
            return CategoryColumn(
                codes: flags.values.map { $0 == BooleanColumn.missing ? -1 : Int32($0) }, levels: ["0", "1"])
        }
        return column.dictionaryEncoded()
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A yes/no column read once per distinct value: 1, oui, true, vrai, yes are true; 0, non, false, faux, no are
    /// false; missing stays `nil`; anything else is an error naming up to five of the values found.
    private static func truth(
        of column: Column, name: String, isLabel: Bool = false, among kept: [Bool]? = nil,
        fail: (String, String) -> AuditInputError
    ) throws -> [Bool?] {
        if case .boolean(let flags) = column.storage {
            return flags.values.map { $0 == BooleanColumn.missing ? nil : $0 == 1 }
        }
        // Numbers 0 and 1, the common case, without encoding the column.
        if let numbers = column.numbers {
            var strange = false
            for (row, value) in numbers.enumerated() where kept?[row] != false {
                if !(value == 0 || value == 1 || value.isNaN) {
                    strange = true
                    break
                }
            }
            if !strange { return numbers.map { $0.isNaN ? nil : $0 == 1 } }
        }
        let encoded = column.dictionaryEncoded()
        let yes: Set<String> = ["1", "oui", "true", "vrai", "yes"]
        let no: Set<String> = ["0", "non", "false", "faux", "no"]
        var used = Set<Int32>()
        for (row, code) in encoded.codes.enumerated() where code >= 0 && kept?[row] != false { used.insert(code) }
        let strange = used.map { encoded.levels[Int($0)] }.filter {
            !yes.contains($0.lowercased()) && !no.contains($0.lowercased())
        }
        guard strange.isEmpty else {
            let found = strange.sorted().prefix(5).joined(separator: ", ")
            throw fail(
                "\(isLabel ? "la cible" : "la colonne") « \(name) » doit valoir 0/1 ou oui/non ; trouvé : \(found)",
                "\(isLabel ? "the label" : "the column") “\(name)” must be 0/1 or yes/no; found: \(found)")
        }
        let levels = encoded.levels.map { yes.contains($0.lowercased()) }
        return encoded.codes.map { $0 < 0 ? nil : levels[Int($0)] }
    }

    /// A score column's numbers for the audited rows (all rows when `rows` is nil, without a copy); a missing or
    /// non-numeric score is an error naming its line.
    private static func numbers(
        of column: Column, name: String, rows: [Int]?, fail: (String, String) -> AuditInputError
    ) throws -> [Double] {
        let values: [Double]
        if let numbers = column.numbers {
            values = numbers
        } else {
            let encoded = column.dictionaryEncoded()
            let levels = encoded.levels.map { Double($0) ?? .nan }
            values = encoded.codes.map { $0 < 0 ? .nan : levels[Int($0)] }
        }
        let result = rows.map { $0.map { values[$0] } } ?? values
        if let bad = result.firstIndex(where: { !$0.isFinite }) {
            let row = rows?[bad] ?? bad
            throw fail(
                "ligne \(row + 2) : le score « \(name) » n'est pas un nombre",
                "line \(row + 2): the score “\(name)” is not a number")
        }
        return result
    }

    /// A proxy feature: numbers when every value reads as a number, labels otherwise.
    private static func proxyValues(_ column: Column, rows: [Int]?) -> ProxyFinding.Values {
        if let numbers = column.numbers { return .numbers(rows.map { $0.map { numbers[$0] } } ?? numbers) }
        let encoded = column.dictionaryEncoded()
        let parsed = encoded.levels.map { Double($0) }
        if parsed.allSatisfy({ $0 != nil }) {
            let values = encoded.codes.map { $0 < 0 ? Double.nan : parsed[Int($0)]! }
            return .numbers(rows.map { $0.map { values[$0] } } ?? values)
        }
        let codes = rows.map { $0.map { encoded.codes[$0] } } ?? encoded.codes
        return .labels(CategoryColumn(codes: codes, levels: encoded.levels))
    }
}
