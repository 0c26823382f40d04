import LanterneData
import LanterneExplain
import LanterneModels

/// The sentences of a notice, in French or English: short, with everyday words.
struct NoticeWording {
    let language: Language
    private var fr: Bool { language == .fr }

    var title: String {
        fr ? "Un algorithme a servi pour votre dossier" : "An algorithm was used for your case"
    }

    func caseLine(id: String, name: String) -> String {
        fr ? "Dossier n° \(id) — algorithme « \(name) »" : "Case no. \(id) — algorithm “\(name)”"
    }

    func dateLine(_ date: String) -> String { fr ? "Notice du \(date)" : "Notice of \(date)" }

    var unknownSource: String { fr ? "non précisée" : "not stated" }

    var othersName: String { fr ? "autres éléments" : "other items" }

    private func percent(_ p: Double) -> String { ReadableNumber.percent(p, language: language) }

    private func contactText(_ contact: AlgorithmCard.Contact) -> String {
        let ways = [contact.address, contact.email, contact.url, contact.phone].compactMap { $0 }
        return contact.service + ", " + ways.joined(separator: ", ")
    }

    /// The explicit mention of R311-3-1-1: purpose, right to the rules, how to ask, the CADA.
    func mention(card: AlgorithmCard, caseID: String) -> Notice.Section {
        if fr {
            return Notice.Section(
                heading: "Ce que dit la loi",
                paragraphs: [
                    "Un algorithme a été utilisé pour votre dossier. Il sert à \(card.purpose).",
                    "La loi vous donne un droit. Vous pouvez savoir comment marche ce calcul. Vous pouvez aussi "
                        + "savoir comment il a été fait pour votre cas. C'est l'article L311-3-1 du code des "
                        + "relations entre le public et l'administration.",
                    "Cette notice vous le dit déjà. Pour en savoir plus, écrivez à : "
                        + contactText(card.contact) + ".",
                    "Le service a un mois pour vous répondre. Sans réponse dans ce délai, ou si la réponse ne vous "
                        + "suffit pas, vous avez deux mois pour saisir la CADA. La CADA est la commission d'accès aux "
                        + "documents administratifs. C'est gratuit. Écrivez à : \(AlgorithmCard.cadaAddress). Ou "
                        + "allez sur \(AlgorithmCard.cadaWebsite).",
                ])
        }
        return Notice.Section(
            heading: "What the law says",
            paragraphs: [
                "An algorithm was used for your case. It is used to \(card.purpose).",
                "The law gives you a right. You can know how this algorithm works. You can also know how it was applied "
                    + "to your case. This is article L311-3-1 of the French code of relations between the public and "
                    + "the administration.",
                "This notice already gives you this information. To know more, write to: " + contactText(card.contact)
                    + ".",
                "The service has one month to answer. Without an answer in that time, or if the answer is not enough, "
                    + "you have two months to refer the matter to the CADA, the commission for access to "
                    + "administrative documents. It is free. Write to: \(AlgorithmCard.cadaAddress). Or go to "
                    + "\(AlgorithmCard.cadaWebsite).",
            ])
    }

    /// Item 1°: the degree and mode of the algorithm's part in the decision.
    func role(card: AlgorithmCard, score: Double) -> Notice.Section {
        var paragraphs: [String] = []
        if fr {
            paragraphs.append(
                "Un score est calculé pour chaque dossier. Le score de votre dossier est de \(percent(score)).")
            if let threshold = card.threshold {
                let side = score >= threshold ? "au-dessus de ce seuil" : "sous ce seuil"
                let outcome = card.decisionType == .support ? "sont proposés à un agent" : "sont retenus"
                paragraphs.append(
                    "Les dossiers dont le score atteint \(percent(threshold)) \(outcome). Votre dossier est \(side).")
            }
            switch card.decisionType {
            case .support:
                paragraphs.append("L'algorithme ne prend pas la décision. " + card.humanOversight)
            case .automated:
                paragraphs.append(
                    "L'algorithme a pris la décision seul. " + card.humanOversight
                        + " Vous pouvez demander qu'une personne revoie votre dossier.")
            }
            return Notice.Section(heading: "1. Le rôle de l'algorithme", paragraphs: paragraphs)
        }
        paragraphs.append("The algorithm computes a score for each case. The score of your case is \(percent(score)).")
        if let threshold = card.threshold {
            let side = score >= threshold ? "above this threshold" : "under this threshold"
            let outcome = card.decisionType == .support ? "are proposed to an agent" : "are selected"
            paragraphs.append("Cases whose score reaches \(percent(threshold)) \(outcome). Your case is \(side).")
        }
        switch card.decisionType {
        case .support: paragraphs.append("The algorithm does not take the decision. " + card.humanOversight)
        case .automated:
            paragraphs.append(
                "The algorithm took the decision alone. " + card.humanOversight
                    + " You can ask for a person to review your case.")
        }
        return Notice.Section(heading: "1. The algorithm's part", paragraphs: paragraphs)
    }

    /// Item 2°: the data processed and their sources.
    func data(count: Int, rows: [[String]], unused: [String]) -> Notice.Section {
        if fr {
            var closing: [String] = []
            if !unused.isEmpty {
                closing.append(
                    "Le score ne tient pas compte de ces données : "
                        + unused.map(lowercasedFirst).joined(separator: ", ") + ".")
            }
            return Notice.Section(
                heading: "2. Les données utilisées et leur origine",
                paragraphs: ["Le calcul a pris \(count) données de votre dossier. Les voici, avec leur origine."],
                table: Notice.Table(
                    caption: "Vos données utilisées par l'algorithme", header: ["Donnée", "Votre valeur", "Origine"],
                    rows: rows),
                closing: closing)
        }
        var closing: [String] = []
        if !unused.isEmpty {
            closing.append("These data are not used for the score: " + unused.joined(separator: ", ") + ".")
        }
        return Notice.Section(
            heading: "2. The data used and where they come from",
            paragraphs: ["The algorithm used \(count) items of your case. Here they are, with their source."],
            table: Notice.Table(
                caption: "Your data used by the algorithm", header: ["Item", "Your value", "Source"], rows: rows),
            closing: closing)
    }

    /// One line of item 3°.
    func effect(_ effect: ReadableContributions.Effect, details: [(String, String)]) -> String {
        let name = effect.name.prefix(1).uppercased() + effect.name.dropFirst()
        let up = effect.to >= effect.from
        var text: String
        let flat = percent(effect.from) == percent(effect.to)
        if fr {
            text =
                flat
                ? "\(name) : le score ne change presque pas (\(percent(effect.to)))."
                : "\(name) : le score \(up ? "monte" : "baisse") de \(percent(effect.from)) à \(percent(effect.to))."
            if !details.isEmpty && !(details.count == 1 && details[0].0 == effect.name) {
                text += " En cause : " + details.map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + "."
            } else if details.count == 1 {
                text += " Votre valeur : \(details[0].1)."
            }
        } else {
            text =
                flat
                ? "\(name): the score hardly changes (\(percent(effect.to)))."
                : "\(name): the score goes \(up ? "up" : "down") from \(percent(effect.from)) to \(percent(effect.to))."
            if !details.isEmpty && !(details.count == 1 && details[0].0 == effect.name) {
                text += " Because of: " + details.map { "\($0.0) (\($0.1))" }.joined(separator: ", ") + "."
            } else if details.count == 1 {
                text += " Your value: \(details[0].1)."
            }
        }
        return text
    }

    var chartTitle: String {
        fr ? "Effet de chaque élément sur votre score, en points" : "Effect of each item on your score, in points"
    }

    func chartDescription(_ count: Int) -> String {
        fr
            ? "Barres horizontales : une par élément, dans l'ordre de la liste ci-dessus. Une barre vers la droite "
                + "fait monter le score, vers la gauche le fait baisser."
            : "Horizontal bars: one per item, in the order of the list above. A bar to the right raises the score, "
                + "to the left lowers it."
    }

    var counterfactualIntro: String {
        fr ? "Ce qui aurait changé le résultat. " : "What would have changed the outcome. "
    }

    /// Item 3°: the parameters and their weights applied to the person's case.
    func effects(base: Double, score: Double, lines: [String], closing: [String]) -> Notice.Section {
        if fr {
            return Notice.Section(
                heading: "3. Ce qui a compté pour votre dossier",
                paragraphs: [
                    "Pour un dossier moyen, le score est de \(percent(base)). Vos données le font monter ou baisser. "
                        + "Voici leurs effets, du plus fort au plus faible."
                ],
                steps: lines,
                closing: [
                    "Au total, le score de votre dossier est de \(percent(score)). Ces effets sont exacts : "
                        + "ensemble, ils donnent votre score."
                ] + closing)
        }
        return Notice.Section(
            heading: "3. What counted for your case",
            paragraphs: [
                "For an average case, the score is \(percent(base)). Your data move it up or down. Here are their "
                    + "effects, from the strongest to the weakest."
            ],
            steps: lines,
            closing: [
                "In total, the score of your case is \(percent(score)). These effects are exact: together, they give "
                    + "your score."
            ] + closing)
    }

    /// Item 4°: the operations performed.
    func operations(card: AlgorithmCard, kind: ModelKind, trees: Int?) -> Notice.Section {
        if let steps = card.operations {
            return Notice.Section(
                heading: fr ? "4. Les étapes du calcul" : "4. The steps of the computation",
                paragraphs: [], steps: steps)
        }
        var steps: [String] = []
        if fr {
            steps.append("On lit les données de votre dossier. Une donnée qui manque est notée comme telle.")
            switch kind {
            case .logistic:
                steps.append("Chaque donnée reçoit un poids. Les poids de vos données sont additionnés.")
            case .gbdt:
                steps.append(
                    "\(trees ?? 0) arbres de décision posent des questions simples sur vos données. Chaque réponse "
                        + "ajoute ou retire des points.")
            case .additive:
                steps.append("Chaque donnée donne des points selon sa valeur. Les points sont additionnés.")
            }
            steps.append("Le total devient un score entre 0 et 100 %.")
            if let threshold = card.threshold {
                steps.append(
                    card.decisionType == .support
                        ? "Si le score atteint \(percent(threshold)), le dossier est proposé à un agent."
                        : "Si le score atteint \(percent(threshold)), le dossier est retenu.")
            }
            if card.decisionType == .support {
                steps.append("Un agent lit le dossier. Il décide et écrit pourquoi.")
            }
            return Notice.Section(heading: "4. Les étapes du calcul", paragraphs: [], steps: steps)
        }
        steps.append("The data of your case are read. A missing item is noted as such.")
        switch kind {
        case .logistic: steps.append("Each item gets a weight. The weights of your items are added up.")
        case .gbdt:
            steps.append(
                "\(trees ?? 0) decision trees ask simple questions about your data. Each answer adds or removes points."
            )
        case .additive: steps.append("Each item gives points according to its value. The points are added up.")
        }
        steps.append("The total becomes a score between 0 and 100%.")
        if let threshold = card.threshold {
            steps.append(
                card.decisionType == .support
                    ? "If the score reaches \(percent(threshold)), the case is proposed to an agent."
                    : "If the score reaches \(percent(threshold)), the case is selected.")
        }
        if card.decisionType == .support { steps.append("An agent reads the case. The agent decides and writes why.") }
        return Notice.Section(heading: "4. The steps of the computation", paragraphs: [], steps: steps)
    }

    func footer(legalBasis: String, version: String) -> [String] {
        fr
            ? ["Base légale : \(legalBasis).", "Version du modèle : \(version.prefix(12))."]
            : ["Legal basis: \(legalBasis).", "Model version: \(version.prefix(12))."]
    }
}
