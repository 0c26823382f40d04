import Foundation
import LanterneData

/// Imports additive models exported from InterpretML's Explainable Boosting Machines, in the format of the
/// Amsterdam "Slimme Check" export (see `../shared/realcases/README.md`): a JSON object of named models, each with
/// `intercept`, `link`, `features` (continuous terms with `cuts`, categorical terms with a `mapping` from the value
/// written as a float string to a bin) and `preprocessing` (cast to float, mean imputation with an indicator).
public enum EBMImporter {
    /// One model of the export, as written in the file.
    struct Export: Decodable {
        struct Term: Decodable {
            var name: String
            var type: String
            var scores: [Double]
            var cuts: [Double]?
            var mapping: [String: Int]?
        }

        struct Step: Decodable {
            var input: [String]
            var steps: [String]
            var imputerStatistics: [Double]?
            var addIndicator: Bool?
            var strategy: String?

            enum CodingKeys: String, CodingKey {
                case input, steps, strategy
                case imputerStatistics = "imputer_statistics"
                case addIndicator = "add_indicator"
            }
        }

        var intercept: Double
        var link: String?
        var features: [Term]
        var preprocessing: [Step]?
    }

    /// Decodes what it can and keeps `nil` for entries that are not models (metadata, notes).
    struct Lenient<Value: Decodable>: Decodable {
        var value: Value?

        init(from decoder: any Decoder) throws {
            value = try? Value(from: decoder)
        }
    }

    /// The names of the models a file holds.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the file's name, for messages.
    /// - Returns: the entry names, sorted.
    /// - Throws: ``ModelError`` when the file is not such an export.
    public static func entries(in data: Data, file: String) throws -> [String] {
        try root(data, file: file).keys.sorted()
    }

    /// Imports one model of the file.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - entry: which model; may be omitted when the file holds one.
    ///   - file: the file's name, for messages.
    /// - Returns: the additive model.
    /// - Throws: ``ModelError`` naming the problem, unsound models included (``StructuralCheck``).
    public static func importModel(_ data: Data, entry: String?, file: String) throws -> AdditiveModel {
        let models = try root(data, file: file)
        let names = models.keys.sorted().joined(separator: ", ")
        let model: Export
        if let entry {
            guard let chosen = models[entry] else {
                throw ModelError(
                    .malformed(detail: "pas de modèle « \(entry) » ; modèles présents : \(names)"), file: file)
            }
            model = chosen
        } else {
            guard models.count == 1, let only = models.values.first else {
                throw ModelError(
                    .malformed(detail: "plusieurs modèles, choisissez-en un avec --entry : \(names)"), file: file)
            }
            model = only
        }
        if let link = model.link, link != "logit" {
            throw ModelError(.unsupported(detail: "lien « \(link) » (seul logit est pris en charge)"), file: file)
        }
        // Inputs: every raw column the preprocessing reads, in its order.
        var features: [ModelFeature] = []
        var derived: [String: TermInput] = [:]
        func featureIndex(_ column: String) -> Int {
            if let index = features.firstIndex(where: { $0.name == column }) { return index }
            features.append(ModelFeature(name: column))
            return features.count - 1
        }
        for step in model.preprocessing ?? [] {
            for (position, input) in step.input.enumerated() {
                let index = featureIndex(input)
                if step.steps.contains("SimpleImputerWithRenaming") {
                    guard (step.strategy ?? "mean") == "mean", let statistics = step.imputerStatistics,
                        statistics.count == step.input.count
                    else {
                        throw ModelError(
                            .unsupported(detail: "imputation autre que par la moyenne pour \(input)"), file: file)
                    }
                    derived[input + "_value"] = .meanImputed(feature: index, mean: statistics[position])
                    if step.addIndicator ?? false {
                        derived[input + "_was_mean_imputed"] = .missingIndicator(feature: index)
                    }
                } else {
                    let known: Set<String> = ["BoolToIntTransformer", "FloatTransformer"]
                    if let other = step.steps.first(where: { !known.contains($0) }) {
                        throw ModelError(.unsupported(detail: "étape de prétraitement « \(other) »"), file: file)
                    }
                    derived[input] = .feature(index)
                }
            }
        }
        var terms: [AdditiveTerm] = []
        for term in model.features {
            let input = derived[term.name] ?? .feature(featureIndex(term.name))
            switch term.type {
            case "continuous":
                guard let cuts = term.cuts, term.scores.count >= cuts.count + 2 else {
                    throw ModelError(
                        .malformed(detail: "terme « \(term.name) » : cuts et scores incohérents"), file: file)
                }
                terms.append(AdditiveTerm(name: term.name, input: input, cuts: cuts, scores: term.scores))
            case "categorical":
                guard let mapping = term.mapping else {
                    throw ModelError(.malformed(detail: "terme « \(term.name) » sans mapping"), file: file)
                }
                var pairs: [(Double, Int)] = []
                for (key, bin) in mapping.sorted(by: { $0.value < $1.value }) {
                    guard let value = NumberParser.parse(key), bin >= 0, bin < term.scores.count else {
                        throw ModelError(
                            .malformed(detail: "terme « \(term.name) » : catégorie « \(key) »"), file: file)
                    }
                    pairs.append((value, bin))
                }
                terms.append(
                    AdditiveTerm(
                        name: term.name, input: input, categories: pairs.map(\.0), categoryBins: pairs.map(\.1),
                        scores: term.scores))
            default:
                throw ModelError(.unsupported(detail: "terme de type « \(term.type) » (interactions ?)"), file: file)
            }
        }
        let additive = AdditiveModel(features: features, intercept: model.intercept, terms: terms)
        try StructuralCheck.check(additive, file: file)
        return additive
    }

    private static func root(_ data: Data, file: String) throws -> [String: Export] {
        guard let object = try? JSONDecoder().decode([String: Lenient<Export>].self, from: data) else {
            throw ModelError(.malformed(detail: "JSON invalide ou qui n'est pas un objet de modèles"), file: file)
        }
        let models = object.compactMapValues(\.value)
        guard !models.isEmpty else {
            throw ModelError(.malformed(detail: "aucun modèle additif (objet avec intercept et features)"), file: file)
        }
        return models
    }
}
