import LanterneData
import LanterneExplain
import LanterneModels

/// Why an « Et si ? » value is refused, naming the field: the page shows it beside the field, the API answers 422.
struct SimulationError: Error, Sendable, Equatable {
    enum Problem: Sendable, Equatable {
        /// The model reads no such datum.
        case unknown
        /// The schema says the person cannot change it (or it is protected).
        case notChangeable
        /// The text is not a number.
        case notANumber(String)
        /// The number is outside the values observed.
        case outOfRange(value: String, minimum: String, maximum: String)
        /// The label is not one of the category's.
        case unknownLevel(String)
    }

    /// The field's name in the form and the JSON.
    let field: String
    /// How people read it.
    let label: String
    let problem: Problem

    var code: String {
        switch problem {
        case .unknown: "unknown_field"
        case .notChangeable: "not_changeable"
        case .notANumber: "not_a_number"
        case .outOfRange: "out_of_range"
        case .unknownLevel: "unknown_level"
        }
    }

    func message(_ language: Language) -> String {
        let french = language == .fr
        switch problem {
        case .unknown:
            return french
                ? "« \(field) » n'est pas une donnée de cet algorithme"
                : "“\(field)” is not a datum of this algorithm"
        case .notChangeable:
            return french
                ? "\(label) : cette donnée ne peut pas être changée dans la simulation"
                : "\(label): this datum cannot be changed in the simulation"
        case .notANumber(let text):
            return french
                ? "\(label) : « \(text) » n'est pas un nombre (exemple : 1 234,50)"
                : "\(label): “\(text)” is not a number (for example 1234.50)"
        case .outOfRange(let value, let minimum, let maximum):
            return french
                ? "\(label) : \(value) est hors des valeurs possibles (de \(minimum) à \(maximum))"
                : "\(label): \(value) is outside the possible values (\(minimum) to \(maximum))"
        case .unknownLevel(let text):
            return french
                ? "\(label) : « \(text) » n'est pas une des valeurs proposées"
                : "\(label): “\(text)” is not one of the values offered"
        }
    }

    /// The model's value for one changed field.
    static func value(
        _ given: CaseValue, feature: ModelFeature, domain: FeatureDomain, name: String, label: String,
        language: Language
    ) throws(SimulationError) -> Double {
        switch domain.values {
        case .levels(let codes):
            let text: String
            switch given {
            case .text(let value): text = value
            case .number(let number): text = NumberFormatting.shortest(number)
            case .flag(let flag): text = flag ? "true" : "false"
            case .missing: text = ""
            }
            guard let index = feature.levels?.firstIndex(of: text), codes.contains(Double(index)) else {
                throw SimulationError(field: name, label: label, problem: .unknownLevel(text))
            }
            return Double(index)
        case .numbers(let minimum, let maximum, _, _):
            let number: Double
            switch given {
            case .number(let value): number = value
            case .flag(let flag): number = flag ? 1 : 0
            case .text(let text):
                guard let parsed = NumberParser.parse(text.trimmingCharacters(in: .whitespaces)), parsed.isFinite
                else { throw SimulationError(field: name, label: label, problem: .notANumber(text)) }
                number = parsed
            case .missing:
                throw SimulationError(field: name, label: label, problem: .notANumber(""))
            }
            guard number >= minimum, number <= maximum else {
                throw SimulationError(
                    field: name, label: label,
                    problem: .outOfRange(
                        value: ReadableNumber.text(number, language: language, decimals: 2),
                        minimum: ReadableNumber.text(minimum, language: language, decimals: 2),
                        maximum: ReadableNumber.text(maximum, language: language, decimals: 2)))
            }
            return number
        case .none:
            throw SimulationError(field: name, label: label, problem: .notChangeable)
        }
    }
}
