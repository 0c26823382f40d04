import ArgumentParser
import Foundation
import LanterneData
import LanterneExplain
import LanterneModels

/// `lanterne explain`: each case's score broken down into the exact part of every feature.
struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Décompose le score de chaque cas en la part exacte de chaque variable (base + parts = logit).",
        discussion: """
            Régression logistique et modèle additif : parts exactes du modèle ; arbres : valeurs de Shapley exactes
            (TreeSHAP, dépendant du chemin ou interventionnel avec --background).
            Exemple : lanterne explain modele.json foyers.csv --id 42 --format text
            """
    )

    @Argument(help: "Fichier modèle Lanterne.")
    var model: String

    @Argument(help: "Fichier CSV des cas.")
    var data: String

    @Option(help: "N'explique que le cas de cet identifiant.")
    var id: String?

    @Option(help: "json (défaut) ou text.")
    var format: OutputFormat = .json

    @Option(
        help:
            "Arbres : nombre de cas de référence tirés du fichier (TreeSHAP interventionnel) ; 0 pour la méthode par chemin."
    )
    var background = 0

    @Option(help: "Graine du tirage des cas de référence.")
    var seed: UInt64 = 1

    @OptionGroup var reading: CSVReadingOptions
    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingInputErrors(common.language) {
            let (document, _) = try ModelFile.load(path: model)
            let scoring = document.model
            var options = try reading.csvOptions(columnTypes: document.schema?.columnTypes ?? [:])
            options.requiresTypedColumns = false
            let table = try CSVReader(path: data, options: options).read().table
            let matrix = try FeatureMatrix(table: table, features: scoring.features, file: data)
            let idNames = identifierColumns(of: table, schema: document.schema)
            let idColumn = idNames.first.flatMap { table.column(named: $0) }
            var rows = Array(0..<table.rowCount)
            if let id {
                // Without an identifier column, cases are numbered by line from 1.
                rows = rows.filter { idColumn?.formatted($0) ?? String($0 + 1) == id }
                guard !rows.isEmpty else {
                    let column = idColumn?.name ?? "ligne"
                    throw ModelError(
                        .malformed(detail: "aucun cas d'identifiant « \(id) » (colonne « \(column) »)"), file: data)
                }
            }
            var method = Explainer.TreeMethod.pathDependent
            if background > 0 {
                var random = SeededRandom(seed: seed)
                var order = Array(0..<table.rowCount)
                for i in stride(from: order.count - 1, to: 0, by: -1) {
                    order.swapAt(i, Int(random.next() % UInt64(i + 1)))
                }
                var values: [Double] = []
                for row in order.prefix(background).sorted() {
                    values.append(
                        contentsOf: matrix.values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)])
                }
                method = .interventional(background: values)
            }
            let explainer = Explainer(model: scoring, treeMethod: method)
            let names = scoring.features.map(\.name)
            // Cases are explained in blocks spread over the threads; each case's result does not depend on them.
            let explained = ExplanationBatch.contributions(
                explainer, matrix: matrix, rows: rows, threads: Synth.threadCount())
            var results: [(id: String, contributions: Contributions, missing: [String])] = []
            for (position, row) in rows.enumerated() {
                let missing = names.indices.filter { matrix[row, $0].isNaN }.map { names[$0] }
                results.append((idColumn?.formatted(row) ?? String(row + 1), explained[position], missing))
            }
            if format == .json {
                var text = "{\"base\":\(JSONText.number(results.first?.contributions.base ?? 0)),\"rows\":["
                text += results.map { result in
                    let logit = result.contributions.total
                    let parts = zip(names, result.contributions.values)
                        .map { "\(JSONText.quoted($0)):\(JSONText.number($1))" }.joined(separator: ",")
                    let missing = result.missing.map(JSONText.quoted).joined(separator: ",")
                    return "{\"id\":\(JSONText.quoted(result.id)),\"score\":\(JSONText.number(logistic(logit))),"
                        + "\"logit\":\(JSONText.number(logit)),\"contributions\":{\(parts)},\"missing\":[\(missing)]}"
                }.joined(separator: ",")
                print(text + "]}")
            } else {
                let fr = common.language == .fr
                var groups: [String: String] = [:]
                for column in document.schema?.columns ?? [] {
                    if let group = column.group { groups[column.name] = group }
                }
                func percent(_ p: Double) -> String {
                    let text = NumberFormatting.shortest((p * 1000).rounded() / 10) + " %"
                    return fr ? text.replacingOccurrences(of: ".", with: ",") : text
                }
                for result in results {
                    let readable = ReadableContributions(
                        result.contributions, names: names, groups: groups, top: 5,
                        othersName: fr ? "autres éléments" : "other items")
                    let start = percent(readable.baseProbability)
                    print(
                        fr
                            ? "Cas \(result.id) : score \(percent(readable.probability)) (point de départ \(start))"
                            : "Case \(result.id): score \(percent(readable.probability)) (starting point \(start))")
                    for effect in readable.effects {
                        let note =
                            result.missing.contains(effect.name)
                            ? (fr ? " (valeur manquante)" : " (missing value)") : ""
                        print(
                            fr
                                ? "  \(effect.name)\(note) : de \(percent(effect.from)) à \(percent(effect.to))"
                                : "  \(effect.name)\(note): from \(percent(effect.from)) to \(percent(effect.to))")
                    }
                }
            }
        }
    }
}
