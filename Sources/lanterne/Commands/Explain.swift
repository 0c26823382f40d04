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
            (TreeSHAP, dépendant du chemin ou interventionnel avec --background). Avec --counterfactual, cherche
            aussi les plus petits changements des données modifiables qui feraient passer le score sous --threshold.
            Exemple : lanterne explain modele.json foyers.csv --id 42 --format text --counterfactual --threshold 0.5
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

    @Flag(help: "Cherche pour chaque cas les changements qui feraient passer le score sous le seuil.")
    var counterfactual = false

    @Option(help: "Seuil de probabilité des contrefactuels (entre 0 et 1).")
    var threshold: Double?

    @Option(help: "Nombre maximal de données changées par un contrefactuel.")
    var maxChanges = 3

    @Option(help: "Variable qui ne doit pas changer (en plus de celles que le schéma marque immuables) ; répétable.")
    var fixed: [String] = []

    @OptionGroup var reading: CSVReadingOptions
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if counterfactual {
            guard let threshold else { throw ValidationError("--counterfactual demande --threshold (ex. 0.5).") }
            guard threshold > 0 && threshold < 1 else {
                throw ValidationError("--threshold doit être strictement entre 0 et 1 (reçu \(threshold)).")
            }
            guard maxChanges >= 1 else { throw ValidationError("--max-changes doit valoir au moins 1.") }
        }
    }

    func run() async throws {
        try await reportingInputErrors(common.language) {
            let (document, _) = try ModelFile.load(path: model)
            let scoring = document.model
            let cases = try ExplainedCases(model: document, data: data, reading: reading, id: id)
            let explainer = Explainer(model: scoring, treeMethod: treeMethod(cases.matrix))
            // Cases are explained in blocks spread over the threads; each case's result does not depend on them.
            let explained = ExplanationBatch.contributions(
                explainer, matrix: cases.matrix, rows: cases.rows, threads: Synth.threadCount())
            var counterfactuals: [Counterfactual]? = nil
            if counterfactual, let threshold {
                let search = try cases.counterfactualSearch(fixed: fixed, maxChanges: maxChanges)
                counterfactuals = ExplanationBatch.counterfactuals(
                    search, threshold: threshold, matrix: cases.matrix, rows: cases.rows,
                    threads: Synth.threadCount())
            }
            let report = ExplanationReport(
                cases: cases, contributions: explained, counterfactuals: counterfactuals, maxChanges: maxChanges,
                language: common.language)
            print(format == .json ? report.json() : report.text(), terminator: "")
        }
    }

    private func treeMethod(_ matrix: FeatureMatrix) -> Explainer.TreeMethod {
        guard background > 0 else { return .pathDependent }
        var random = SeededRandom(seed: seed)
        var order = Array(0..<matrix.rowCount)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
        var values: [Double] = []
        for row in order.prefix(background).sorted() {
            values.append(contentsOf: matrix.values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)])
        }
        return .interventional(background: values)
    }
}
