import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import LanterneRegister
import LanterneStore

/// A case as an agent or an auditor reads it: the data in words, the score and what raised or lowered it (the same
/// sentences as the person's notice), what would have changed the proposal. A drawn case looks like any other to
/// the agent; only the auditor sees the draw. With the « premier regard » policy, the score and its explanation
/// stay hidden until the agent has recorded a first judgement.
struct CaseView {
    let facts: NoticeDesk.CaseFacts
    let decision: DecisionRecord?
    let firstLookRequired: Bool
    let forAuditor: Bool
    let language: Language

    /// Whether the card asks agents for a first judgement before they see the score (`"first_look": true`).
    static func firstLookPolicy(_ card: String) -> Bool {
        let object = try? JSONSerialization.jsonObject(with: Data(card.utf8)) as? [String: Any]
        return object?["first_look"] as? Bool == true
    }

    var hidesScore: Bool { firstLookRequired && facts.record.firstLook == nil && decision == nil }

    /// The data rows: label, value in words, source.
    func data(_ desk: NoticeDesk) -> [[String]] {
        let notice = desk.notice(facts, date: Timestamp.now(), language: language)
        return notice.sections.first { $0.table != nil }?.table?.rows ?? []
    }

    /// The explanation (its introduction, then each effect, strongest first), its chart and the closing sentences
    /// with what would have changed the proposal: the words of the person's notice.
    func explanation(_ desk: NoticeDesk) -> (lines: [String], closing: [String], chart: String?) {
        let notice = desk.notice(facts, date: Timestamp.now(), language: language)
        guard notice.sections.count > 3 else { return ([], [], nil) }
        let section = notice.sections[3]
        return (section.paragraphs + section.steps, section.closing, section.chart)
    }

    /// The JSON answer, keys sorted.
    func json(_ desk: NoticeDesk) -> String {
        let q = JSONText.quoted
        func list(_ items: [String]) -> String { "[" + items.map(q).joined(separator: ",") + "]" }
        let record = facts.record
        var fields: [String] = [
            "\"algorithm\":{\"id\":\(q(facts.algorithm.id)),\"name\":\(q(facts.algorithm.name))}",
            "\"data\":["
                + data(desk).map { "{\"label\":\(q($0[0])),\"source\":\(q($0[2])),\"value\":\(q($0[1]))}" }
                .joined(separator: ",") + "]",
            "\"first_look\":\(record.firstLook.map(q) ?? "null")",
            "\"first_look_required\":\(hidesScore)",
            "\"id\":\(q(record.id))", "\"period\":\(q(record.period))", "\"reference\":\(q(record.reference))",
            "\"status\":\(q(record.status))",
        ]
        if hidesScore {
            fields += ["\"contributions\":null", "\"explanation\":null", "\"score\":null", "\"threshold\":null"]
        } else {
            let contributions = facts.row.withUnsafeBufferPointer { facts.model.explainer.contributions($0) }
            let names = facts.features.map(\.name)
            let parts = zip(names, contributions.values).sorted { $0.0 < $1.0 }
                .map { "\(q($0.0)):\(JSONText.number($0.1))" }
            let (lines, closing, _) = explanation(desk)
            fields.append("\"contributions\":{" + parts.joined(separator: ",") + "}")
            fields.append("\"explanation\":{\"closing\":\(list(closing)),\"lines\":\(list(lines))}")
            fields.append("\"score\":\(JSONText.number(logistic(contributions.total)))")
            fields.append("\"threshold\":\(JSONText.number(facts.threshold))")
        }
        if let decision {
            fields.append(
                "\"decision\":{\"agent\":\(q(decision.agent)),\"agrees\":\(decision.agrees),"
                    + "\"decided_at\":\(q(decision.decidedAt)),\"outcome\":\(q(decision.outcome.rawValue)),"
                    + "\"reason\":\(q(decision.reason)),\"reason_category\":\(q(decision.reasonCategory)),"
                    + "\"template_unchanged\":\(decision.templateUnchanged)}")
        } else {
            fields.append("\"decision\":null")
        }
        if forAuditor { fields.append("\"random_draw\":\(record.randomDraw)") }
        return "{" + fields.sorted().joined(separator: ",") + "}"
    }
}
