import LanterneData

/// One value of a case given as JSON (`{"revenu": 31200, "situation": "celibataire", "parent_isole": true}`).
public enum CaseValue: Sendable, Equatable, Decodable {
    /// A number.
    case number(Double)
    /// A label or a number written as text.
    case text(String)
    /// A yes/no value.
    case flag(Bool)
    /// `null`: a missing value.
    case missing

    /// Reads a JSON scalar.
    /// - Throws: `DecodingError` for arrays and objects.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Most values are numbers, then labels: each failed attempt throws an error, which costs more than the
        // decoding itself, so the likeliest kinds come first.
        if container.decodeNil() {
            self = .missing
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .flag(try container.decode(Bool.self))
        }
    }
}

/// A case that cannot be read as the model's features.
public struct CaseError: LocalizedMessage, Sendable, Equatable {
    /// What is wrong.
    public enum Kind: Sendable, Equatable {
        /// Fields that are not features of the model.
        case unknownFeatures([String], known: [String])
        /// A number feature given a value that is not a finite number.
        case notANumber(feature: String, value: String)
    }

    /// What is wrong.
    public let kind: Kind

    /// Creates an error.
    /// - Parameter kind: what is wrong.
    public init(_ kind: Kind) { self.kind = kind }

    /// A stable code for the API.
    public var code: String {
        switch kind {
        case .unknownFeatures: "unknown_feature"
        case .notANumber: "not_a_number"
        }
    }

    /// The message in `language`, on one line.
    /// - Parameter language: French or English.
    /// - Returns: the message.
    public func message(_ language: Language) -> String {
        switch kind {
        case .unknownFeatures(let names, let known):
            let list = names.joined(separator: ", ")
            let all = known.joined(separator: ", ")
            return language == .fr
                ? "case : \(list) ne fait pas partie des variables du modèle (\(all))"
                : "case: \(list) is not among the model's features (\(all))"
        case .notANumber(let feature, let value):
            return language == .fr
                ? "case.\(feature) : « \(value) » n'est pas un nombre fini ; donnez un nombre, ou null pour une valeur manquante"
                : "case.\(feature): “\(value)” is not a finite number; give a number, or null for a missing value"
        }
    }
}

/// Encodes a case given as named values into a model's feature row, by the rules the CSV path follows: numbers as
/// they are, yes/no as 1/0, labels by their index in the model's levels (unknown labels missing, or the unknown code
/// for InterpretML models), absent or `null` values missing.
public enum CaseEncoder {
    /// The feature row of a case.
    /// - Parameters:
    ///   - values: the case's values by feature name.
    ///   - features: the model's features.
    /// - Returns: one value per feature, NaN where missing.
    /// - Throws: ``CaseError`` for a field the model does not read or a number that is not one.
    public static func row(_ values: [String: CaseValue], features: [ModelFeature]) throws -> [Double] {
        let known = Set(features.map(\.name))
        let unknown = values.keys.filter { !known.contains($0) }.sorted()
        guard unknown.isEmpty else { throw CaseError(.unknownFeatures(unknown, known: features.map(\.name))) }
        return try features.map { feature in
            try encode(values[feature.name] ?? .missing, as: feature)
        }
    }

    static func encode(_ value: CaseValue, as feature: ModelFeature) throws -> Double {
        if let levels = feature.levels {
            let label: String
            switch value {
            case .missing: return .nan
            case .text(let text): label = text
            case .number(let number): label = NumberFormatting.shortest(number)
            case .flag(let flag): label = flag ? "true" : "false"
            }
            if let index = levels.firstIndex(of: label) { return Double(index) }
            return feature.unseenIsUnknown == true ? Double(levels.count) : .nan
        }
        switch value {
        case .missing: return .nan
        case .flag(let flag): return flag ? 1 : 0
        case .number(let number):
            guard number.isFinite else { throw CaseError(.notANumber(feature: feature.name, value: "\(number)")) }
            return number
        case .text(let text):
            if text.isEmpty { return .nan }
            if let number = NumberParser.parse(text), number.isFinite { return number }
            if let flag = BooleanParser.parse(text) { return flag ? 1 : 0 }
            throw CaseError(.notANumber(feature: feature.name, value: text))
        }
    }
}

extension CaseEncoder {
    /// A feature row written back as the JSON object ``row(_:features:)`` reads: labels for categorical features,
    /// numbers otherwise, missing values left out, keys sorted. Reading it back gives the same row.
    /// - Parameters:
    ///   - row: one value per feature, NaN where missing.
    ///   - features: the model's features.
    /// - Returns: the JSON text.
    public static func json(_ row: [Double], features: [ModelFeature]) -> String {
        var fields: [(String, String)] = []
        for (value, feature) in zip(row, features) where !value.isNaN {
            if let levels = feature.levels {
                let index = Int(value)
                guard index >= 0, index < levels.count else { continue }
                fields.append((feature.name, JSONText.quoted(levels[index])))
            } else {
                fields.append((feature.name, JSONText.number(value)))
            }
        }
        fields.sort { $0.0 < $1.0 }
        return "{" + fields.map { JSONText.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
