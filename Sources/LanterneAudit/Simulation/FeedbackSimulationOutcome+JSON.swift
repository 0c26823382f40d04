import LanterneData

extension FeedbackSimulationOutcome {
    /// The outcome as one JSON document (keys in a fixed order, one line, then a newline): the same request gives
    /// the same bytes whatever the threads.
    /// - Returns: the JSON text.
    public func json() -> String {
        func number(_ value: Double?) -> String { value.map(JSONText.number) ?? "null" }
        var text = "{\"periods\":\(request.periods),\"rows\":\(request.rows)"
        text += ",\"capacity\":\(number(request.capacity)),\"random_share\":\(number(request.randomShare))"
        text += ",\"seed\":\(request.seed),\"history_rows\":\(request.historyRows)"
        text += ",\"controls_per_period\":\(request.controlsPerPeriod)"
        text += ",\"minimum_group\":\(FeedbackSimulation.minimumGroup),\"references\":{"
        text +=
            FeedbackSimulation.attributes.compactMap { attribute in
                references[attribute].map { JSONText.quoted(attribute) + ":" + JSONText.quoted($0) }
            }.joined(separator: ",") + "},\"arms\":["
        text +=
            arms.map { arm in
                "{\"random_share\":\(number(arm.randomShare)),\"periods\":["
                    + arm.periods.map { period in
                        "{\"period\":\(period.period),\"training_rows\":\(period.trainingRows)"
                            + ",\"controlled\":\(period.controlled),\"drawn\":\(period.drawn)"
                            + ",\"hit_rate\":\(number(period.hitRate))"
                            + ",\"targeted_hit_rate\":\(number(period.targetedHitRate))"
                            + ",\"drawn_hit_rate\":\(number(period.drawnHitRate))"
                            + ",\"prevalence\":\(number(period.prevalence)),\"auc\":\(number(period.auc))"
                            + ",\"groups\":["
                            + period.groups.map { group in
                                "{\"attribute\":\(JSONText.quoted(group.attribute))"
                                    + ",\"group\":\(JSONText.quoted(group.group))"
                                    + ",\"population_share\":\(number(group.populationShare))"
                                    + ",\"controlled_share\":\(number(group.controlledShare))"
                                    + ",\"drawn_share\":\(number(group.drawnShare))"
                                    + ",\"selection_rate\":\(number(group.selectionRate))"
                                    + ",\"selection_ratio\":\(number(group.selectionRatio))"
                                    + ",\"irregular_rate\":\(number(group.irregularRate))}"
                            }.joined(separator: ",") + "]}"
                    }.joined(separator: ",") + "]}"
            }.joined(separator: ",") + "]}\n"
        return text
    }
}
