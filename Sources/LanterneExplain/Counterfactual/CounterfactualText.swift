import LanterneData

/// A counterfactual said in one plain sentence.
public enum CounterfactualText {
    /// The sentence.
    /// - Parameters:
    ///   - counterfactual: the search's answer.
    ///   - maxChanges: the most changes the search allowed.
    ///   - label: the name people read for a feature index.
    ///   - value: the text of a feature's value (feature index, value).
    ///   - language: the reader's language.
    /// - Returns: one sentence.
    public static func sentence(
        _ counterfactual: Counterfactual, maxChanges: Int, label: (Int) -> String, value: (Int, Double) -> String,
        language: Language
    ) -> String {
        let fr = language == .fr
        let threshold = ReadableNumber.percent(counterfactual.threshold, language: language)
        let score = ReadableNumber.percent(logistic(counterfactual.logit), language: language)
        switch counterfactual.status {
        case .notNeeded:
            return fr
                ? "Le score (\(score)) est déjà sous le seuil de \(threshold)."
                : "The score (\(score)) is already under the threshold of \(threshold)."
        case .none where counterfactual.obstacle == .noActionableFeature:
            return fr
                ? "Aucune donnée utilisée ne peut être modifiée : aucun changement ne peut être proposé."
                : "None of the data used can be changed: no change can be proposed."
        case .none:
            return fr
                ? "Aucun changement de \(maxChanges) donnée\(maxChanges > 1 ? "s" : "") au plus, parmi celles qui "
                    + "peuvent changer et dans les valeurs observées, ne ferait passer le score sous \(threshold)."
                : "No change of at most \(maxChanges) item\(maxChanges > 1 ? "s" : ""), among those that can change "
                    + "and within the observed values, would bring the score under \(threshold)."
        case .found:
            let newScore = ReadableNumber.percent(logistic(counterfactual.newLogit), language: language)
            let changes = counterfactual.changes.map { change in
                fr
                    ? "« \(label(change.feature)) » à \(value(change.feature, change.to)) au lieu de "
                        + value(change.feature, change.from)
                    : "“\(label(change.feature))” at \(value(change.feature, change.to)) instead of "
                        + value(change.feature, change.from)
            }.joined(separator: fr ? " et " : " and ")
            return fr
                ? "Avec \(changes), le score aurait été de \(newScore) au lieu de \(score), sous le seuil de \(threshold)."
                : "With \(changes), the score would have been \(newScore) instead of \(score), under the threshold of "
                    + "\(threshold)."
        }
    }
}
