import Foundation
import LanterneData

/// Imports InterpretML's own JSON export of an Explainable Boosting Machine (`ebm.to_json(file)`, format version
/// 1.0, binary classification with the logit link), pairwise interactions included.
///
/// Each feature lists its bins as levels (main terms use the first, pairs the second when there is one): a
/// continuous feature's `cuts` put `x` in bin `1 + (number of cuts <= x)` (a value on a cut goes up), a nominal
/// feature's `categories` put the k-th category (or group of categories) in bin k + 1. On every axis bin 0 holds
/// missing values and the last bin unknown ones (a category never seen in training). The logit is the intercept
/// plus each term's score, in the file's order.
public enum InterpretMLImporter {
    /// A number, or InterpretML's `"nan"`, `"+inf"`, `"-inf"`.
    struct Number: Decodable {
        var value: Double

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
                return
            }
            switch try container.decode(String.self) {
            case "nan": value = .nan
            case "+inf", "inf": value = .infinity
            case "-inf": value = -.infinity
            case let other:
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number: \(other)")
            }
        }
    }

    /// A category, or several categories sharing one bin.
    enum Category: Decodable {
        case one(String)
        case several([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .one(text)
            } else {
                self = .several(try container.decode([String].self))
            }
        }

        var names: [String] {
            switch self {
            case .one(let name): [name]
            case .several(let names): names
            }
        }
    }

    /// A nested array of scores of any depth, flattened row after row.
    struct Scores: Decodable {
        var values: [Double]
        var shape: [Int]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Number.self) {
                values = [number.value]
                shape = []
                return
            }
            let rows = try container.decode([Scores].self)
            values = rows.flatMap(\.values)
            shape = [rows.count] + (rows.first?.shape ?? [])
            // A table whose rows differ in shape would be read out of line.
            guard rows.allSatisfy({ $0.shape == rows.first?.shape }) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "scores whose rows differ in length")
            }
        }
    }

    struct File: Decodable {
        struct Model: Decodable {
            struct Output: Decodable {
                var task: String
                var link: String
            }

            struct Feature: Decodable {
                var name: String
                var type: String
                var cuts: [[Number]]?
                var categories: [[Category]]?
            }

            struct Term: Decodable {
                var features: [String]
                var scores: Scores

                enum CodingKeys: String, CodingKey {
                    case features = "term_features"
                    case scores
                }
            }

            var outputs: [Output]
            var intercept: [Number]
            var features: [Feature]
            var terms: [Term]
        }

        var version: String
        var ebm: Model
    }

    /// Whether data look like this export (an `ebm` object with a `version`).
    public static func recognises(_ data: Data) -> Bool {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        return object["ebm"] is [String: Any] && object["version"] != nil
    }

    /// Imports a model.
    /// - Parameters:
    ///   - data: the JSON file's bytes.
    ///   - file: the file's name, for messages.
    /// - Returns: the additive model, pairs included.
    /// - Throws: ``ModelError`` for another version, task or link, a malformed file or an unsound model
    ///   (``StructuralCheck``).
    public static func importModel(_ data: Data, file: String) throws -> AdditiveModel {
        let decoded: File
        do {
            decoded = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ModelError(
                .malformed(detail: "ce n'est pas un export InterpretML (ebm.to_json) lisible : \(error)"), file: file)
        }
        guard decoded.version == "1.0" else {
            throw ModelError(.unsupported(detail: "export InterpretML de version « \(decoded.version) »"), file: file)
        }
        let model = decoded.ebm
        guard let output = model.outputs.first, model.outputs.count == 1, output.task == "classification",
            output.link == "logit", model.intercept.count == 1
        else {
            let found = model.outputs.map { "\($0.task)/\($0.link)" }.joined(separator: ", ")
            throw ModelError(
                .unsupported(detail: "modèle InterpretML \(found) (seule la classification binaire, lien logit)"),
                file: file)
        }
        // The features: numbers for continuous ones, the main level's categories as levels for the others.
        var features: [ModelFeature] = []
        var position: [String: Int] = [:]
        for feature in model.features {
            position[feature.name] = features.count
            if feature.type == "continuous" {
                features.append(ModelFeature(name: feature.name))
            } else {
                let names = feature.categories?.first?.flatMap(\.names) ?? []
                features.append(ModelFeature(name: feature.name, levels: names, unseenIsUnknown: true))
            }
        }
        /// One axis of a term: the feature's binning at the level a term of `size` features uses.
        func axis(_ name: String, size: Int, term: String) throws -> (axis: AdditiveTerm, bins: Int) {
            guard let index = position[name] else {
                throw ModelError(
                    .malformed(detail: "le terme « \(term) » lit « \(name) », absent des features"), file: file)
            }
            let feature = model.features[index]
            // Each feature lists one binning per term size; a list without any has nothing to bin with.
            let binnings =
                feature.type == "continuous" ? (feature.cuts ?? [[]]).count : (feature.categories ?? [[]]).count
            guard binnings > 0 else {
                throw ModelError(.malformed(detail: "la variable « \(name) » n'a aucun découpage"), file: file)
            }
            if feature.type == "continuous" {
                let levels = feature.cuts ?? [[]]
                let cuts = levels[min(size, max(1, levels.count)) - 1].map(\.value)
                return (
                    AdditiveTerm(
                        name: name, input: .feature(index), cuts: cuts, scores: [], unknownBin: cuts.count + 2),
                    cuts.count + 3
                )
            }
            let levels = feature.categories ?? [[]]
            let level = levels[min(size, max(1, levels.count)) - 1]
            let known = features[index].levels ?? []
            let code = Dictionary(known.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            var categories: [Double] = []
            var bins: [Int] = []
            for (k, entry) in level.enumerated() {
                for category in entry.names {
                    guard let value = code[category] else { continue }
                    categories.append(Double(value))
                    bins.append(k + 1)
                }
            }
            return (
                AdditiveTerm(
                    name: name, input: .feature(index), categories: categories, categoryBins: bins, scores: [],
                    unknownBin: level.count + 1),
                level.count + 2
            )
        }
        var terms: [AdditiveTerm] = []
        var pairs: [AdditivePair] = []
        for term in model.terms {
            let name = term.features.joined(separator: " & ")
            switch term.features.count {
            case 1:
                var (single, bins) = try axis(term.features[0], size: 1, term: name)
                guard term.scores.values.count == bins else {
                    throw ModelError(
                        .malformed(
                            detail: "le terme « \(name) » a \(term.scores.values.count) scores pour \(bins) bins"),
                        file: file)
                }
                single.scores = term.scores.values
                terms.append(single)
            case 2:
                let (first, rows) = try axis(term.features[0], size: 2, term: name)
                let (second, width) = try axis(term.features[1], size: 2, term: name)
                guard term.scores.shape == [rows, width] else {
                    throw ModelError(
                        .malformed(
                            detail: "le terme « \(name) » a des scores \(term.scores.shape), \(rows)×\(width) attendus"),
                        file: file)
                }
                pairs.append(
                    AdditivePair(name: name, first: first, second: second, width: width, scores: term.scores.values))
            default:
                throw ModelError(
                    .unsupported(detail: "terme à \(term.features.count) variables « \(name) » (1 ou 2 seulement)"),
                    file: file)
            }
        }
        // Mains come first in InterpretML's files, so adding terms then pairs keeps its order of summation.
        guard model.terms.map(\.features.count) == model.terms.map(\.features.count).sorted() else {
            throw ModelError(.unsupported(detail: "termes d'interaction placés avant des termes simples"), file: file)
        }
        let additive = AdditiveModel(
            features: features, intercept: model.intercept[0].value, terms: terms, pairs: pairs)
        try StructuralCheck.check(additive, file: file)
        return additive
    }
}
