import ArgumentParser
import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import LanterneRegister

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

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text, html
    }

    @Option(help: "json (défaut), text, ou html (avec --global).")
    var format: Format = .json

    @Flag(help: "Explication globale : importance de chaque variable et courbes d'effet, sur tous les cas ou --sample.")
    var global = false

    @Option(help: "Avec --global : nombre de cas tirés au hasard (graine --seed) ; 0 pour tous.")
    var sample = 0

    @Option(help: "Fichier à écrire (sinon la sortie standard).")
    var out: String?

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
        if format == .html && !global { throw ValidationError("--format html demande --global.") }
        if global && (counterfactual || id != nil) {
            throw ValidationError("--global résume tous les cas : il ne va ni avec --id ni avec --counterfactual.")
        }
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
            let (document, version) = try ModelFile.load(path: model)
            let scoring = document.model
            if scoring.output == .value {
                throw ModelError(.notAProbability(command: "lanterne explain"), file: model)
            }
            var cases = try ExplainedCases(model: document, data: data, reading: reading, id: id)
            if global && sample > 0 && sample < cases.rows.count { cases.rows = drawn(sample, from: cases.rows.count) }
            let explainer = Explainer(model: scoring, treeMethod: treeMethod(cases.matrix))
            let fr = common.language == .fr
            // Cases are explained in blocks spread over the threads; each case's result does not depend on them.
            let explained = ExplanationBatch.contributions(
                explainer, matrix: cases.matrix, rows: cases.rows, threads: Synth.threadCount(),
                progress: cases.rows.count > 1
                    ? ProgressBar(label: fr ? "Explication" : "Explaining", language: common.language) : nil)
            if global {
                let summary = GlobalExplanation(
                    matrix: cases.matrix, rows: cases.rows, contributions: explained, features: scoring.features)
                let text: String
                switch format {
                case .html:
                    text = GlobalExplanationPage(
                        explanation: summary, document: document, version: version, language: common.language
                    ).html()
                case .json: text = GlobalReport(cases: cases, summary: summary).json()
                case .text: text = GlobalReport(cases: cases, summary: summary).text(common.language)
                }
                try emit(text)
                return
            }
            var counterfactuals: [Counterfactual]? = nil
            if counterfactual, let threshold {
                let search = try cases.counterfactualSearch(fixedOption: fixed, maxChanges: maxChanges)
                counterfactuals = ExplanationBatch.counterfactuals(
                    search, threshold: threshold, matrix: cases.matrix, rows: cases.rows,
                    threads: Synth.threadCount(),
                    progress: cases.rows.count > 1
                        ? ProgressBar(label: fr ? "Contrefactuels" : "Counterfactuals", language: common.language)
                        : nil)
            }
            let report = ExplanationReport(
                cases: cases, contributions: explained, counterfactuals: counterfactuals, maxChanges: maxChanges,
                language: common.language)
            try emit(format == .json ? report.json() : report.text())
        }
    }

    private func emit(_ text: String) throws {
        if let out { try AtomicFile.write(text, to: out) } else { print(text, terminator: "") }
    }

    /// `count` row numbers out of `total`, drawn with the seed, in increasing order.
    private func drawn(_ count: Int, from total: Int) -> [Int] {
        var random = SeededRandom(seed: seed)
        var order = Array(0..<total)
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            order.swapAt(i, Int(random.next() % UInt64(i + 1)))
        }
        return order.prefix(count).sorted()
    }

    private func treeMethod(_ matrix: FeatureMatrix) -> Explainer.TreeMethod {
        guard background > 0 else { return .pathDependent }
        var values: [Double] = []
        for row in drawn(background, from: matrix.rowCount) {
            values.append(contentsOf: matrix.values[(row * matrix.featureCount)..<((row + 1) * matrix.featureCount)])
        }
        return .interventional(background: values)
    }
}
