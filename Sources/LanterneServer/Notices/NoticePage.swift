import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import LanterneRegister
import LanterneStore

/// The values of the notice page (`notice.mustache`): the decision and its reason, the notice as `lanterne notice`
/// writes it, the log receipt, the « Et si ? » form and the contest.
struct NoticePage {
    let opened: NoticeDesk.Opened
    let desk: NoticeDesk
    let language: Language

    /// The decision in words.
    static func outcome(_ outcome: DecisionOutcome, language: Language) -> String {
        switch (outcome, language) {
        case (.control, .fr): "Votre déclaration va être contrôlée."
        case (.noControl, .fr): "Votre déclaration ne sera pas contrôlée."
        case (.other, .fr): "Votre dossier est traité autrement qu'en contrôle."
        case (.control, .en): "Your return will be checked."
        case (.noControl, .en): "Your return will not be checked."
        case (.other, .en): "Your file is handled otherwise than by a check."
        }
    }

    /// The page's values, with the simulation's answer and the forms' problems when there are some.
    func values(
        simulation: (score: Double, threshold: Double, above: Bool)? = nil, changes: [String: String] = [:],
        simulationProblems: [String: String] = [:], contestProblems: [FormProblem] = [],
        contestForm: ContestForm? = nil, filed: ContestRecord? = nil, csrf: String
    ) -> [String: Any] {
        let fr = language == .fr
        let notice = desk.notice(opened, language: language)
        var values: [String: Any] = [
            "token": opened.token, "csrf": csrf, "title": notice.title,
            "decisionText": Self.outcome(opened.decision.outcome, language: language),
            "reason": opened.decision.reason,
            "decidedDate": PageWords.date(opened.decision.decidedAt, language: language),
            "noticeHTML": notice.htmlSections(),
            "logSequence": opened.decision.logSequence, "logHash": opened.decision.logHash,
            "algorithmID": opened.algorithm.id, "algorithmName": opened.algorithm.name,
            "randomDraw": opened.record.randomDraw,
        ]
        values["fields"] = fields(changes: changes, problems: simulationProblems)
        values["hasFields"] = !(values["fields"] as? [[String: Any]] ?? []).isEmpty
        if let simulation {
            values["simulation"] = [
                "score": ReadableNumber.percent(simulation.score, language: language),
                "threshold": ReadableNumber.percent(simulation.threshold, language: language),
                "verdict": simulation.above
                    ? (fr
                        ? "Avec ces données, le score atteint le seuil : le dossier aurait été proposé au contrôle."
                        : "With these data, the score reaches the threshold: the file would have been proposed for a check.")
                    : (fr
                        ? "Avec ces données, le score reste sous le seuil : le dossier n'aurait pas été proposé au contrôle par le score."
                        : "With these data, the score stays under the threshold: the score would not have proposed the file for a check.")
                    ,
            ]
        }
        if !simulationProblems.isEmpty {
            values["simulationErrors"] = simulationProblems.sorted { $0.key < $1.key }.map {
                ["field": $0.key, "message": $0.value]
            }
        }
        let contest = filed ?? opened.contest
        if let contest {
            var shown: [String: Any] = [
                "id": contest.id, "filedDate": PageWords.date(contest.createdAt, language: language),
                "dueDate": PageWords.date(contest.dueAt, language: language),
                "justFiled": filed != nil,
            ]
            if contest.status == "answered", let answer = contest.answer {
                shown["answered"] = [
                    "changed": contest.outcome == .changed, "answer": answer,
                    "date": PageWords.date(contest.answeredAt, language: language),
                ]
            } else if contest.dueAt < Timestamp.now() {
                shown["overdue"] = true
            }
            values["contest"] = shown
        } else {
            values["contestForm"] = [
                "message": contestForm?.message ?? "", "contact": contestForm?.contact ?? "",
                "limit": ContestForm.messageLimit,
            ]
            if !contestProblems.isEmpty {
                values["hasContestErrors"] = true
                values["contestErrors"] = contestProblems.map { ["field": $0.field, "message": $0.message(language)] }
                for problem in contestProblems { values["error_" + problem.field] = problem.message(language) }
            }
        }
        return values
    }

    /// The fields the person may change in « Et si ? »: the data the schema does not mark immutable or protected
    /// and that take more than one value in the period.
    func fields(changes: [String: String], problems: [String: String]) -> [[String: Any]] {
        let features = opened.features
        return features.indices.compactMap { index -> [String: Any]? in
            let domain = opened.domains[index]
            guard domain.actionable else { return nil }
            let feature = features[index]
            let column = opened.schema?.column(named: feature.name)
            var label = column?.shortLabel ?? feature.name
            if let unit = column?.unit { label += " (\(unit))" }
            var field: [String: Any] = ["name": feature.name, "label": label]
            if let problem = problems[feature.name] { field["error"] = problem }
            switch domain.values {
            case .levels(let codes):
                field["isSelect"] = true
                let current = changes[feature.name] ?? feature.levels?[Int(opened.row[index])] ?? ""
                field["options"] = codes.compactMap { code -> [String: Any]? in
                    guard let level = feature.levels?[Int(code)] else { return nil }
                    return [
                        "value": level, "label": column?.words(for: level, language: language) ?? level,
                        "selected": level == current,
                    ]
                }
            case .numbers(_, _, _, _) where column?.type == .boolean:
                field["isSelect"] = true
                let current = changes[feature.name] ?? (opened.row[index] == 1 ? "1" : "0")
                field["options"] = [("1", language == .fr ? "oui" : "yes"), ("0", language == .fr ? "non" : "no")].map {
                    ["value": $0.0, "label": $0.1, "selected": $0.0 == current]
                }
            case .numbers(let minimum, let maximum, _, _):
                let value = opened.row[index]
                field["value"] = changes[feature.name] ?? (value.isNaN ? "" : NumberFormatting.shortest(value))
                field["hint"] =
                    (language == .fr ? "de " : "from ")
                    + ReadableNumber.text(minimum, language: language, decimals: 0)
                    + (language == .fr ? " à " : " to ") + ReadableNumber.text(maximum, language: language, decimals: 0)
            case .none:
                return nil
            }
            return field
        }
    }
}
