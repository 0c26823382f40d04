import ArgumentParser
import Foundation
import LanterneData
import LanterneModels

/// `lanterne import`: brings a model trained elsewhere into a Lanterne model file.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Importe un modèle entraîné ailleurs (XGBoost, LightGBM, EBM) dans un fichier modèle Lanterne.",
        discussion: """
            ebm : modèle additif InterpretML, exporté par ebm.to_json (interactions comprises) ou au format de la ville
            d'Amsterdam (--entry choisit le modèle).
            Exemple : lanterne import ebm slimme_check_ebm_models.json --entry original_model_score --out modele.json
            """
    )

    @Argument(help: "Format : xgboost, lightgbm ou ebm.")
    var format: ImportFormat

    @Argument(help: "Fichier du modèle à importer.")
    var file: String

    @Option(help: "Fichier modèle Lanterne à écrire.")
    var out: String

    @Option(help: "Modèle à prendre quand le fichier en contient plusieurs.")
    var entry: String?

    @Option(
        help:
            "XGBoost : les modalités d'une variable catégorielle dans l'ordre de ses codes, « NOM=a,b,c » ; répétable."
    )
    var categories: [String] = []

    @Option(help: "Schéma des données que lit le modèle (joint au fichier modèle).")
    var schema: String?

    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingInputErrors(common.language) {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ModelError(.malformed(detail: "fichier introuvable ou illisible"), file: file)
            }
            let model: any ScoringModel
            switch format {
            case .ebm:
                // InterpretML's own export (ebm.to_json), or Amsterdam's format of named models.
                model =
                    InterpretMLImporter.recognises(data)
                    ? try InterpretMLImporter.importModel(data, file: file)
                    : try EBMImporter.importModel(data, entry: entry, file: file)
            case .xgboost:
                var levels: [String: [String]] = [:]
                for text in categories {
                    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2, !parts[0].isEmpty else {
                        throw OptionMismatch(
                            option: "--categories", french: "« \(text) » : il faut NOM=a,b,c",
                            english: "“\(text)”: NAME=a,b,c expected")
                    }
                    levels[parts[0]] = parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                }
                model = try XGBoostImporter.importModel(data, file: file, levels: levels)
            case .lightgbm: model = try LightGBMImporter.importModel(data, file: file)
            }
            let described = try schema.map { try Schema.load(path: $0) }
            let origin =
                "import \(format.rawValue) \(URL(fileURLWithPath: file).lastPathComponent)"
                + (entry.map { " --entry \($0)" } ?? "") + categories.map { " --categories \($0)" }.joined()
            let version = try ModelFile.write(ModelDocument(model: model, origin: origin, schema: described), to: out)
            printError(
                common.language == .fr
                    ? "\(out) : modèle \(model.kind.rawValue), \(model.features.count) variables, version \(version.prefix(12))"
                    : "\(out): \(model.kind.rawValue) model, \(model.features.count) features, version \(version.prefix(12))"
            )
        }
    }
}

/// Formats `lanterne import` reads.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case xgboost, lightgbm, ebm
}

/// `lanterne score`: the probability of every row.
struct Score: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Calcule le score (probabilité, ou la valeur prédite) de chaque ligne d'un fichier CSV.",
        discussion: "Exemple : lanterne score modele.json foyers.csv --out scores.csv"
    )

    @Argument(help: "Fichier modèle Lanterne.")
    var model: String

    @Argument(help: "Fichier CSV des cas.")
    var data: String

    @Option(help: "Fichier CSV des scores à écrire.")
    var out: String

    @OptionGroup var reading: CSVReadingOptions
    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingInputErrors(common.language) {
            let (document, _) = try ModelFile.load(path: model)
            var options = try reading.csvOptions(columnTypes: document.schema?.columnTypes ?? [:])
            options.requiresTypedColumns = false
            let result = try CSVReader(path: data, options: options).read()
            for warning in result.warnings { printError(warning.message(file: data, common.language)) }
            let table = result.table
            let scores = try BatchScores(
                scoring: table, with: document, file: data, threads: Synth.threadCount(),
                progress: ProgressBar(
                    label: common.language == .fr ? "Score" : "Scoring", language: common.language))
            for (feature, count) in scores.unseenLabels.sorted(by: { $0.key < $1.key }) {
                printError(
                    common.language == .fr
                        ? "\(data): \(count) valeur(s) de « \(feature) » inconnue(s) du modèle, traitée(s) comme manquantes"
                        : "\(data): \(count) value(s) of \"\(feature)\" unknown to the model, scored as missing")
            }
            try CSVWriter().write(scores.table, to: out)
        }
    }
}

/// Reads a CSV file, printing the reader's warnings.
func readTable(_ path: String, reading: CSVReadingOptions, types: [String: ColumnType], language: Language) throws
    -> Table
{
    let result = try CSVReader(path: path, options: try reading.csvOptions(columnTypes: types)).read()
    for warning in result.warnings { printError(warning.message(file: path, language)) }
    return result.table
}

/// `lanterne model show`: what a model file holds.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Décrit un fichier modèle.",
        subcommands: [Show.self]
    )

    /// `lanterne model show MODEL.json`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Affiche le type, les variables, les paramètres, les données d'entraînement et les mesures d'un modèle.",
            discussion: "Exemple : lanterne model show modele.json --format json"
        )

        @Argument(help: "Fichier modèle Lanterne.")
        var model: String

        @Option(help: "text (défaut) ou json.")
        var format: OutputFormat = .text

        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await reportingInputErrors(common.language) {
                let (document, version) = try ModelFile.load(path: model)
                let summary = ModelSummary(document: document, version: version)
                print(format == .json ? summary.json() : summary.text(common.language), terminator: "")
            }
        }
    }
}

/// `--format` values.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
