import ArgumentParser
import Foundation
import LanterneAudit
import LanterneData

/// `lanterne audit`: metrics by group of decisions already taken (a prediction column or a condition).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit d'équité par groupe : taux de sélection, de faux positifs, de faux négatifs… et rapports au "
            + "groupe de référence.",
        discussion: """
            Implémenté aujourd'hui : décisions données par --prediction ou --positive, filtres --where, groupes
            d'un ou plusieurs attributs et intersections (a*b), suppression des petits groupes, règle des quatre
            cinquièmes. Exemple (ProPublica, COMPAS) :
            lanterne audit compas.csv --label two_year_recid --protected race --positive 'score_text != Low'
            """
    )

    @Argument(help: "Fichier CSV.")
    var data: String

    @Option(help: "Colonne de l'issue observée (1/0, oui/non).")
    var label: String

    @Option(help: "Attributs protégés, séparés par des virgules ; a*b pour une intersection.")
    var protected: String

    @Option(help: "Colonne de la décision déjà prise (1/0, oui/non).")
    var prediction: String?

    @Option(help: "Condition qui définit la décision : 'COL OP VALEUR' (OP parmi == != < <= > >=).")
    var positive: String?

    @Option(help: "Colonne du score ; la décision vient alors de --threshold, --top-k ou --top-percent.")
    var score: String?

    @Option(help: "Avec --score : sélectionné si le score atteint ce seuil.")
    var threshold: Double?

    @Option(help: "Avec --score : les K meilleurs scores sont sélectionnés (la capacité de contrôle).")
    var topK: Int?

    @Option(help: "Avec --score : la part P % des meilleurs scores est sélectionnée.")
    var topPercent: Double?

    @Flag(
        help: "Avec --score : montre comment chaque taux évolue quand la capacité passe de 10 % à 100 % des dossiers.")
    var sweep = false

    @Option(help: "Nombre de tirages bootstrap pour les intervalles (0 : aucun).")
    var bootstrap = 0

    @Option(help: "Graine des tirages bootstrap.")
    var seed: UInt64 = 1

    @Option(help: "Filtre des lignes : 'COL OP VALEUR' ; répétable.")
    var `where`: [String] = []

    @Option(help: "Taille minimale d'un groupe publié.")
    var minGroup = 10

    @Option(help: "Groupe de référence : majority ou la valeur d'un groupe.")
    var reference = "majority"

    @Option(help: "Variables à tester comme substituts des attributs protégés, séparées par des virgules.")
    var proxies: String?

    @Option(
        help:
            "Colonne du tirage au sort (1 : dossier contrôlé au hasard) : les mesures sont aussi données sur ce seul échantillon, sans biais de sélection."
    )
    var randomDraw: String?

    @Option(help: "Portes à franchir (JSON) ; la commande sort avec le code 1 si l'une échoue.")
    var policy: String?

    @Option(help: "Fichier JSON à écrire (sinon la sortie standard).")
    var json: String?

    @Option(help: "Rapport Markdown à écrire.")
    var markdown: String?

    @Option(help: "Rapport HTML à écrire (graphiques SVG, sans script).")
    var report: String?

    @OptionGroup var reading: CSVReadingOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        let ways = [prediction != nil, positive != nil, score != nil].filter { $0 }.count
        guard ways == 1 else {
            throw ValidationError("Il faut une seule source de décision : --prediction, --positive ou --score.")
        }
        if score != nil {
            let rules = [threshold != nil, topK != nil, topPercent != nil].filter { $0 }.count
            guard rules == 1 else {
                throw ValidationError("--score demande une seule règle : --threshold, --top-k ou --top-percent.")
            }
            if let topK, topK < 0 { throw ValidationError("--top-k doit être positif ou nul.") }
            if let topPercent, !(0...100).contains(topPercent) {
                throw ValidationError("--top-percent doit être entre 0 et 100.")
            }
        }
        guard bootstrap >= 0 else { throw ValidationError("--bootstrap doit être positif ou nul.") }
        if sweep && score == nil { throw ValidationError("--sweep demande --score.") }
    }

    func run() async throws {
        let failed = try await reportingInputErrors(common.language) { () -> Bool in
            var gatePolicy: AuditPolicy? = nil
            if let policy {
                guard let data = FileManager.default.contents(atPath: policy) else {
                    throw PolicyError(file: policy, detail: "fichier introuvable ou illisible")
                }
                gatePolicy = try AuditPolicy.decode(data, file: policy)
            }
            var options = try reading.csvOptions(columnTypes: [:])
            options.requiresTypedColumns = false
            let table = try CSVReader(path: data, options: options).read().table
            func condition(_ text: String, option: String) throws -> RowCondition {
                guard let parsed = RowCondition.parse(text) else {
                    throw OptionMismatch(
                        option: option, french: "« \(text) » : il faut 'COLONNE OP VALEUR'",
                        english: "“\(text)”: 'COLUMN OP VALUE' expected")
                }
                return parsed
            }
            let filters = try `where`.map { try condition($0, option: "--where") }
            let decision = try positive.map { try condition($0, option: "--positive") }
            let attributes = protected.split(separator: ",").map { $0.split(separator: "*").map(String.init) }
            let proxyNames = proxies?.split(separator: ",").map(String.init) ?? []
            var needed = [label] + attributes.flatMap { $0 } + filters.map(\.column) + proxyNames
            if let prediction { needed.append(prediction) }
            if let decision { needed.append(decision.column) }
            if let score { needed.append(score) }
            if let randomDraw { needed.append(randomDraw) }
            let missing = Set(needed).filter { table.column(named: $0) == nil }.sorted()
            guard missing.isEmpty else {
                throw OptionMismatch(
                    option: data, french: "colonne(s) absente(s) : " + missing.joined(separator: ", "),
                    english: "missing column(s): " + missing.joined(separator: ", "))
            }
            func cell(_ name: String, _ row: Int) -> String? {
                let column = table.column(named: name)!
                return column.isMissing(row) ? nil : column.formatted(row)
            }
            func truth(_ text: String?) -> Bool {
                ["1", "oui", "true", "vrai", "yes"].contains(text?.lowercased() ?? "")
            }
            let filtered = (0..<table.rowCount).filter { row in
                filters.allSatisfy { $0.holds(cell($0.column, row)) }
            }
            // Cases whose outcome is unknown (never checked) are left out, and the report says so.
            let rows = filtered.filter { cell(label, $0) != nil }
            let binary: Set<String> = ["0", "1", "oui", "non", "true", "false", "vrai", "faux", "yes", "no"]
            let strange = Set(rows.compactMap { cell(label, $0) }).filter { !binary.contains($0.lowercased()) }
            guard strange.isEmpty else {
                let found = strange.sorted().prefix(5).joined(separator: ", ")
                throw OptionMismatch(
                    option: data, french: "la cible « \(label) » doit valoir 0/1 ou oui/non ; trouvé : \(found)",
                    english: "the label “\(label)” must be 0/1 or yes/no; found: \(found)")
            }
            let unknown = common.language == .fr ? "inconnu" : "unknown"
            for parts in attributes {
                let distinct = Set(rows.map { row in parts.map { cell($0, row) ?? unknown }.joined(separator: "*") })
                guard distinct.count > 1 else {
                    let name = parts.joined(separator: "*")
                    throw OptionMismatch(
                        option: data,
                        french: "« \(name) » n'a qu'un seul groupe (« \(distinct.first ?? "") ») : rien à comparer",
                        english: "“\(name)” has a single group (“\(distinct.first ?? "")”): nothing to compare")
                }
            }
            var warnings: [String] = []
            if rows.count < filtered.count {
                let fr = common.language == .fr
                warnings.append(
                    fr
                        ? "L'issue « \(label) » n'est connue que pour \(rows.count) des \(filtered.count) dossiers : ceux "
                            + "qu'on a choisi de contrôler. Les taux de base reflètent ces choix passés."
                        : "The outcome “\(label)” is known for only \(rows.count) of \(filtered.count) cases: those chosen "
                            + "for a check. Base rates reflect these past choices.")
            }
            var selected: [Bool]
            var scoreValues: [Double]? = nil
            if let score {
                let values = try rows.map { row -> Double in
                    guard let text = cell(score, row), let value = Double(text) else {
                        throw OptionMismatch(
                            option: data, french: "ligne \(row + 2) : le score « \(score) » n'est pas un nombre",
                            english: "line \(row + 2): the score “\(score)” is not a number")
                    }
                    return value
                }
                scoreValues = values
                selected = ThresholdRule.selected(
                    scores: values,
                    rule: threshold.map { .threshold($0) } ?? topK.map { .topK($0) }
                        ?? .topPercent(topPercent!))
            } else {
                selected = rows.map { row in
                    decision.map { $0.holds(cell($0.column, row)) } ?? truth(cell(prediction!, row))
                }
            }
            let outcomes = rows.map { truth(cell(label, $0)) }
            var groups: [String] = []
            var fourFifths: [String] = []
            var sentences: [String] = []
            var audits: [GroupAudit] = []
            var sweeps: [String] = []
            var sections: [AuditMarkdown.Section] = []
            for parts in attributes {
                let name = parts.joined(separator: "*")
                // A missing value is its own group: « inconnu ».
                let values = rows.map { row -> String? in parts.map { cell($0, row) ?? unknown }.joined(separator: "*")
                }
                let audit = GroupAudit(
                    attribute: name, values: values, selected: selected, positive: outcomes, minimumGroup: minGroup,
                    reference: reference)
                let intervals =
                    bootstrap > 0
                    ? BootstrapIntervals(
                        audit: audit, values: values, selected: selected, positive: outcomes, replicates: bootstrap,
                        seed: seed, threads: Synth.threadCount()) : nil
                audits.append(audit)
                sections.append(AuditMarkdown.Section(audit: audit, intervals: intervals))
                let tests = ProportionTests.tests(audit)
                sentences += AuditSentences.sentences(audit, intervals: intervals, language: common.language)
                fourFifths.append(
                    "{\"attribute\":\(JSONText.quoted(name)),\"passed\":\(audit.passesFourFifths)}")
                let summary = scoreValues.map {
                    ScoreSummary.byGroup(values: values, scores: $0, positive: outcomes)
                }
                let calibration = scoreValues.map {
                    ScoreSummary.calibration(values: values, scores: $0, positive: outcomes)
                }
                for group in audit.groups {
                    groups.append(
                        AuditJSON.group(
                            group, of: audit, tests: tests, intervals: intervals, score: summary?[group.value],
                            calibration: calibration?[group.value]))
                }
                if sweep, let scoreValues {
                    let steps = ScoreSummary.sweep(
                        values: values, scores: scoreValues, positive: outcomes,
                        percents: stride(from: 10.0, through: 100, by: 10).map { $0 }, minimumGroup: minGroup)
                    sweeps += steps.map { step in
                        let entries = step.groups.map { value, counts in
                            "{\"group\":\(JSONText.quoted(value))"
                                + counts.rates.filter { ["selection_rate", "fpr", "fnr"].contains($0.name) }.map {
                                    ",\(JSONText.quoted($0.name)):" + ($0.value.map(JSONText.number) ?? "null")
                                }.joined() + "}"
                        }.joined(separator: ",")
                        return
                            "{\"attribute\":\(JSONText.quoted(name)),\"top_percent\":\(JSONText.number(step.percent)),"
                            + "\"groups\":[\(entries)]}"
                    }
                }
            }
            // Each listed feature against each protected attribute (intersections aside), over the filtered rows.
            let findings = ProxyFinding.find(
                features: proxyNames.map { name in
                    let texts = rows.map { cell(name, $0) }
                    return (name, texts.map { $0.flatMap(Double.init) }, texts)
                },
                protected: attributes.filter { $0.count == 1 }.map { parts in
                    (parts[0], rows.map { cell(parts[0], $0) })
                })
            let proxyText = findings.map {
                "{\"feature\":\(JSONText.quoted($0.feature)),\"protected\":\(JSONText.quoted($0.protected)),"
                    + "\"measure\":\(JSONText.quoted($0.measure)),\"strength\":\(JSONText.number($0.strength))}"
            }.joined(separator: ",")
            // The random draw alone: the same measures on cases checked at random, without selection bias.
            var randomText = ""
            if let randomDraw {
                let drawn = rows.indices.filter { truth(cell(randomDraw, rows[$0])) }
                var entries: [String] = []
                for parts in attributes {
                    let name = parts.joined(separator: "*")
                    let audit = GroupAudit(
                        attribute: name,
                        values: drawn.map { index in
                            parts.map { cell($0, rows[index]) ?? unknown }.joined(separator: "*")
                        }, selected: drawn.map { selected[$0] }, positive: drawn.map { outcomes[$0] },
                        minimumGroup: minGroup, reference: reference)
                    for group in audit.groups {
                        entries.append(AuditJSON.group(group, of: audit, tests: [:], intervals: nil, ratesOnly: true))
                    }
                }
                randomText =
                    "\"random_draw\":{\"column\":\(JSONText.quoted(randomDraw)),\"rows\":\(drawn.count),"
                    + "\"groups\":[\(entries.joined(separator: ","))]},"
            }
            let gateOutcomes = gatePolicy?.evaluate(audits, proxies: findings) ?? []
            let gateText = gateOutcomes.map { outcome in
                "{\"name\":\(JSONText.quoted(outcome.gate.name)),\"metric\":\(JSONText.quoted(outcome.gate.metric)),"
                    + "\"passed\":\(outcome.passed),\"value\":\(outcome.value.map(JSONText.number) ?? "null"),"
                    + "\"min\":\(outcome.gate.minimum.map(JSONText.number) ?? "null"),"
                    + "\"max\":\(outcome.gate.maximum.map(JSONText.number) ?? "null")}"
            }.joined(separator: ",")
            let text =
                "{\"rows\":\(rows.count),\"min_group\":\(minGroup),\"groups\":[\(groups.joined(separator: ","))],"
                + "\"four_fifths\":[\(fourFifths.joined(separator: ","))],"
                + "\"proxies\":[\(proxyText)],\"gates\":[\(gateText)]," + randomText
                + (sweep ? "\"sweep\":[\(sweeps.joined(separator: ","))]," : "")
                + "\"unlabelled\":\(filtered.count - rows.count),"
                + "\"warnings\":[\(warnings.map(JSONText.quoted).joined(separator: ","))],"
                + "\"sentences\":[\(sentences.map(JSONText.quoted).joined(separator: ","))]}\n"
            let document = AuditMarkdown(
                title: (data as NSString).lastPathComponent, rows: rows.count, sections: sections,
                sentences: sentences, warnings: warnings, proxies: findings, gates: gateOutcomes,
                language: common.language)
            if let markdown { try AtomicFile.write(document.text(), to: markdown) }
            if let report { try AtomicFile.write(document.html(), to: report) }
            if let json { try AtomicFile.write(text, to: json) } else { print(text, terminator: "") }
            return gateOutcomes.contains { !$0.passed }
        }
        // A failed gate blocks deployment: exit 1.
        if failed { throw ExitCode(1) }
    }
}
