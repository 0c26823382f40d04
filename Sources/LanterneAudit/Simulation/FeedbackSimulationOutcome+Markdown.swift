import LanterneData

extension FeedbackSimulationOutcome {
    /// The report for people as Markdown: the setting, the findings, then each arm's periods and groups.
    /// - Parameter language: French or English.
    /// - Returns: the Markdown text.
    public func markdown(language: Language) -> String {
        let fr = language == .fr
        var text = "# " + (fr ? "Boucle de rétroaction du ciblage des contrôles" : "Feedback loop of control targeting")
        text += "\n\n" + setting(language) + "\n\n## " + (fr ? "Constats" : "Findings") + "\n\n"
        text += findings(language).map { "- \($0)\n" }.joined()
        for arm in arms {
            text += "\n## " + armTitle(arm, language) + "\n\n"
            let head =
                fr
                ? [
                    "période", "appris sur", "contrôlés", "tirés", "réussite", "réussite du modèle",
                    "réussite du tirage",
                    "irréguliers", "AUC",
                ]
                : [
                    "period", "trained on", "controlled", "drawn", "hit rate", "model's hit rate", "draw's hit rate",
                    "irregular", "AUC",
                ]
            text += "| " + head.joined(separator: " | ") + " |\n|" + String(repeating: " ---: |", count: head.count)
            text += "\n"
            for period in arm.periods {
                let cells = [
                    "\(period.period)", "\(period.trainingRows)", "\(period.controlled)", "\(period.drawn)",
                    percent(period.hitRate, language), percent(period.targetedHitRate, language),
                    period.drawnHitRate.map { percent($0, language) } ?? "—", percent(period.prevalence, language),
                    ReadableNumber.text(period.auc, language: language, decimals: 3),
                ]
                text += "| " + cells.joined(separator: " | ") + " |\n"
            }
            text += "\n"
            let groupHead =
                fr
                ? [
                    "période", "attribut", "groupe", "part de la population", "part des contrôlés", "part du tirage",
                    "rapport de sélection", "irréguliers",
                ]
                : [
                    "period", "attribute", "group", "population share", "controlled share", "draw share",
                    "selection ratio", "irregular",
                ]
            text += "| " + groupHead.joined(separator: " | ") + " |\n| --- | --- | --- |"
            text += String(repeating: " ---: |", count: groupHead.count - 3) + "\n"
            for period in arm.periods {
                for group in period.groups {
                    let cells = [
                        "\(period.period)", group.attribute, words(group, language),
                        percent(group.populationShare, language), percent(group.controlledShare, language),
                        group.drawnShare.map { percent($0, language) } ?? "—",
                        group.selectionRatio.map { ReadableNumber.text($0, language: language) } ?? "—",
                        percent(group.irregularRate, language),
                    ]
                    text += "| " + cells.joined(separator: " | ") + " |\n"
                }
            }
        }
        return text
    }

    /// What was simulated, in one paragraph.
    func setting(_ language: Language) -> String {
        let share = percent(request.randomShare, language)
        if language == .fr {
            return "\(request.periods) périodes de \(request.rows) foyers synthétiques (graine \(request.seed)), "
                + "\(request.controlsPerPeriod) contrôles par période (\(percent(request.capacity, language))). "
                + "Le premier modèle (régression logistique) apprend les redressements des contrôles passés biaisés "
                + "de \(request.historyRows) foyers d'historique, les foyers jamais contrôlés lus comme « rien "
                + "trouvé » ; chaque période, il note une nouvelle "
                + "population, les contrôles trouvent 90 % des irrégularités réelles qu'ils rencontrent, puis le modèle "
                + "est réappris sur tout ce qui est connu. Bras 1 : les scores les plus hauts seuls. Bras 2 : "
                + "\(share) de la capacité tirée au sort dans toute la population. L'AUC et les taux « irréguliers » "
                + "se mesurent sur la vérité cachée (irregularite_reelle), que l'administration ne voit jamais."
        }
        return "\(request.periods) periods of \(request.rows) synthetic households (seed \(request.seed)), "
            + "\(request.controlsPerPeriod) controls a period (\(percent(request.capacity, language))). The first "
            + "model (logistic regression) learns the adjustments of the biased past controls of "
            + "\(request.historyRows) history households, households never controlled read as “nothing found”; "
            + "each period it scores a new population, the controls find 90 % of "
            + "the true irregularities they meet, then the model is trained again on everything known. Arm 1: the "
            + "highest scores alone. Arm 2: \(share) of the capacity drawn at random from the whole population. The "
            + "AUC and the “irregular” rates are measured on the hidden truth (irregularite_reelle), which the "
            + "administration never sees."
    }

    /// One sentence per arm and watched group, first period against last, and the draw's unbiased view.
    func findings(_ language: Language) -> [String] {
        let fr = language == .fr
        var sentences: [String] = []
        let watched = [("parent_isole", "1"), ("qpv", "1"), ("nationalite", "hors_ue")]
        for arm in arms {
            guard let first = arm.periods.first, let last = arm.periods.last else { continue }
            let name = armTitle(arm, language)
            for (attribute, value) in watched {
                guard let a = first.groups.first(where: { $0.attribute == attribute && $0.group == value }),
                    let b = last.groups.first(where: { $0.attribute == attribute && $0.group == value })
                else { continue }
                let group = words(a, language)
                sentences.append(
                    fr
                        ? "\(name) : le groupe « \(group) » (\(attribute)) fait \(percent(a.controlledShare, language)) "
                            + "des contrôlés à la période 1 et \(percent(b.controlledShare, language)) à la période "
                            + "\(last.period), pour \(percent(b.populationShare, language)) des foyers."
                        : "\(name): group “\(group)” (\(attribute)) is \(percent(a.controlledShare, language)) of the "
                            + "controlled in period 1 and \(percent(b.controlledShare, language)) in period "
                            + "\(last.period), for \(percent(b.populationShare, language)) of households.")
            }
            sentences.append(
                fr
                    ? "\(name) : réussite \(percent(first.hitRate, language)) puis \(percent(last.hitRate, language)), "
                        + "AUC sur la vérité \(ReadableNumber.text(first.auc, language: language, decimals: 3)) puis "
                        + "\(ReadableNumber.text(last.auc, language: language, decimals: 3))."
                    : "\(name): hit rate \(percent(first.hitRate, language)) then \(percent(last.hitRate, language)), "
                        + "AUC on the truth \(ReadableNumber.text(first.auc, language: language, decimals: 3)) then "
                        + "\(ReadableNumber.text(last.auc, language: language, decimals: 3)).")
            let drawn = arm.periods.reduce(0) { $0 + $1.drawn }
            if drawn > 0 {
                let hits = arm.periods.reduce(0.0) { $0 + ($1.drawnHitRate ?? 0) * Double($1.drawn) }
                let prevalence = arm.periods.reduce(0.0) { $0 + $1.prevalence } / Double(arm.periods.count)
                sentences.append(
                    fr
                        ? "\(name) : les \(drawn) foyers tirés au sort sont irréguliers à "
                            + "\(percent(hits / Double(drawn), language)), pour \(percent(prevalence, language)) dans "
                            + "toute la population : un taux sans biais de sélection, que le modèle seul ne donne pas."
                        : "\(name): the \(drawn) households drawn at random are irregular at "
                            + "\(percent(hits / Double(drawn), language)), against \(percent(prevalence, language)) in "
                            + "the whole population: a rate without selection bias, which the model alone cannot give.")
            }
        }
        return sentences
    }

    /// The arm's name.
    func armTitle(_ arm: Arm, _ language: Language) -> String {
        if arm.randomShare == 0 { return language == .fr ? "Sans tirage au sort" : "Without a random draw" }
        return language == .fr
            ? "Avec \(percent(arm.randomShare, language)) tirés au sort"
            : "With \(percent(arm.randomShare, language)) drawn at random"
    }

    /// A group's value in words from the schema.
    func words(_ group: GroupLine, _ language: Language) -> String {
        GroupWords.value(group.group, attribute: group.attribute, schema: schema, language: language)
    }

    /// A share as a percentage with one decimal.
    func percent(_ value: Double, _ language: Language) -> String {
        ReadableNumber.percent(value, language: language)
    }
}
