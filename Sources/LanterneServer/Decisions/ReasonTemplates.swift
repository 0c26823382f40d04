import Foundation
import LanterneStore

/// The reasons an agent chooses from when deciding a case: a category and a template to start the written reason.
/// A template left as it is remains allowed but is flagged, for the auditor's oversight of rubber stamps.
enum ReasonTemplates {
    /// The categories with their words and their templates.
    static let all: [(category: String, label: String, template: String)] = [
        (
            "incoherence_revenus", "Revenus incohérents",
            "Les revenus déclarés sont incohérents avec les informations reçues des tiers."
        ),
        (
            "pieces_justificatives", "Pièces à demander",
            "Des pièces justificatives sont nécessaires pour vérifier les montants déduits."
        ),
        (
            "situation_connue", "Situation déjà connue",
            "Les écarts s'expliquent par un changement de situation déjà signalé par le foyer."
        ),
        ("montants_faibles", "Montants trop faibles", "Les écarts portent sur de petits montants."),
        ("autre", "Autre raison", ""),
    ]

    /// Whether `category` is known.
    static func contains(_ category: String) -> Bool { all.contains { $0.category == category } }

    /// Whether `reason` is one of the templates as it is.
    static func isUnchanged(_ reason: String) -> Bool {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return all.contains { !$0.template.isEmpty && $0.template == text }
    }

    /// The outcomes' words.
    static func outcome(_ outcome: DecisionOutcome) -> String {
        switch outcome {
        case .control: "contrôler"
        case .noControl: "ne pas contrôler"
        case .other: "autre suite"
        }
    }
}
