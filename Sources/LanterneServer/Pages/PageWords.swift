import LanterneData
import LanterneModels
import LanterneStore

/// Stored codes in the words pages show.
enum PageWords {
    static func kind(_ kind: String, language: Language = .fr) -> String {
        if language == .en {
            switch kind {
            case "accueil": return "public assistance"
            case "ciblage": return "targeting of checks"
            case "selection": return "selection of candidates"
            case "prediction": return "risk prediction"
            default: return kind
            }
        }
        return switch kind {
        case "accueil": "accueil du public"
        case "ciblage": "ciblage des contrôles"
        case "selection": "sélection de candidats"
        case "prediction": "prédiction de risques"
        default: kind
        }
    }

    /// A model's kind in words.
    static func modelKind(_ kind: ModelKind) -> String {
        switch kind {
        case .logistic: "régression logistique"
        case .gbdt: "arbres de décision boostés"
        case .additive: "modèle additif"
        }
    }

    static func status(_ status: String) -> String {
        switch status {
        case "draft": "en préparation"
        case "published": "en service"
        case "retired": "retiré du service"
        default: status
        }
    }

    /// `2026-12-06T07:22:49.123Z` as « 6 décembre 2026 » (« December 6, 2026 » in English).
    static func date(_ timestamp: String?, language: Language = .fr) -> String {
        guard let timestamp, timestamp.count >= 10 else { return "" }
        let parts = timestamp.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return timestamp }
        let months = [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ]
        let englishMonths = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let month = max(0, min(11, parts[1] - 1))
        if language == .en { return "\(englishMonths[month]) \(parts[2]), \(parts[0])" }
        let day = parts[2] == 1 ? "1er" : String(parts[2])
        return "\(day) \(months[month]) \(parts[0])"
    }
}
