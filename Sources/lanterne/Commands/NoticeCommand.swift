import ArgumentParser
import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import LanterneRegister

/// `lanterne notice`: the notice a person receives about a decision taken with an algorithm.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Écrit la notice d'une personne : mention de l'article L311-3-1 du CRPA et les quatre informations "
            + "de l'article R311-3-1-2 appliquées à son dossier.",
        discussion: """
            La fiche algorithme (JSON) donne la finalité, la base légale, le type de décision, le rôle des agents et
            le contact (voir docs/notice.md). Si elle fixe un seuil (threshold), la notice dit aussi ce qui aurait
            changé le résultat.
            Exemple : lanterne notice fiche.json modele.json foyers.csv --id 42 --format html --out notice.html
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, text
    }

    @Argument(help: "Fiche algorithme (JSON).")
    var card: String

    @Argument(help: "Fichier modèle Lanterne.")
    var model: String

    @Argument(help: "Fichier CSV des cas.")
    var data: String

    @Option(help: "Identifiant du dossier.")
    var id: String

    @Option(help: "html (défaut) ou text.")
    var format: Format = .html

    @Option(help: "Fichier à écrire (sinon la sortie standard).")
    var out: String?

    @Option(help: "Date écrite sur la notice (par défaut, celle du jour).")
    var date: String?

    @Option(help: "Nombre maximal de données changées dans « ce qui aurait changé le résultat ».")
    var maxChanges = 3

    @OptionGroup var reading: CSVReadingOptions
    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await reportingInputErrors(common.language) {
            let algorithm = try AlgorithmCard.load(path: card)
            let (document, version) = try ModelFile.load(path: model)
            if document.model.output == .value {
                throw ModelError(.notAProbability(command: "lanterne notice"), file: model)
            }
            let cases = try ExplainedCases(model: document, data: data, reading: reading, id: id)
            let row = cases.rows[0]
            let width = cases.matrix.featureCount
            let values = Array(cases.matrix.values[(row * width)..<((row + 1) * width)])
            let contributions = values.withUnsafeBufferPointer { Explainer(model: document.model).contributions($0) }
            var counterfactual: Counterfactual? = nil
            if let threshold = algorithm.threshold {
                counterfactual = try cases.counterfactualSearch(fixed: [], maxChanges: maxChanges)
                    .counterfactual(values, threshold: threshold)
            }
            let composer = NoticeComposer(
                card: algorithm, document: document, version: version, language: common.language)
            let notice = composer.notice(
                for: .init(
                    id: cases.identifiers[row], values: values, contributions: contributions,
                    counterfactual: counterfactual, maxChanges: maxChanges),
                date: date ?? Self.today(common.language))
            let text = format == .html ? notice.html() : notice.plainText()
            if let out { try AtomicFile.write(text, to: out) } else { print(text, terminator: "") }
        }
    }

    static func today(_ language: Language) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "Europe/Paris")!, from: Date())
        let frenchMonths = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ]
        let englishMonths = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let day = parts.day ?? 1
        let month = (parts.month ?? 1) - 1
        let year = parts.year ?? 2026
        return language == .fr ? "\(day) \(frenchMonths[month]) \(year)" : "\(englishMonths[month]) \(day), \(year)"
    }
}
