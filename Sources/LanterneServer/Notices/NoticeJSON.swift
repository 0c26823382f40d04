import LanterneData
import LanterneExplain
import LanterneModels
import LanterneRegister

/// `GET /api/v1/notices/{token}`: the decision, its reason, the notice's parts (the explicit mention and the four
/// items of R311-3-1-2) and the log receipt, keys sorted.
enum NoticeJSON {
    static func text(_ opened: NoticeDesk.Opened, notice: Notice) -> String {
        let q = JSONText.quoted
        func list(_ items: [String]) -> String { "[" + items.map(q).joined(separator: ",") + "]" }
        let sections = notice.sections.map { section -> String in
            var fields = ["\"closing\":\(list(section.closing))", "\"heading\":\(q(section.heading))"]
            fields.append("\"paragraphs\":\(list(section.paragraphs))")
            fields.append("\"steps\":\(list(section.steps))")
            if let table = section.table {
                let rows = "[" + table.rows.map(list).joined(separator: ",") + "]"
                fields.append(
                    "\"table\":{\"caption\":\(q(table.caption)),\"header\":\(list(table.header)),\"rows\":\(rows)}")
            } else {
                fields.append("\"table\":null")
            }
            return "{" + fields.joined(separator: ",") + "}"
        }
        let decision = opened.decision
        let logit = opened.row.withUnsafeBufferPointer { opened.model.explainer.contributions($0) }.total
        var contest = "null"
        if let filed = opened.contest {
            contest =
                "{\"answer\":\(filed.answer.map(q) ?? "null"),\"answered_at\":\(filed.answeredAt.map(q) ?? "null"),"
                + "\"due\":\(q(filed.dueAt)),\"filed_at\":\(q(filed.createdAt)),\"id\":\(q(filed.id)),"
                + "\"outcome\":\(filed.outcome.map { q($0.rawValue) } ?? "null"),\"status\":\(q(filed.status))}"
        }
        return "{\"algorithm\":{\"id\":\(q(opened.algorithm.id)),\"name\":\(q(opened.algorithm.name))},"
            + "\"contest\":\(contest),"
            + "\"decision\":{\"decided_at\":\(q(decision.decidedAt)),\"outcome\":\(q(decision.outcome.rawValue)),"
            + "\"reason\":\(q(decision.reason)),\"reason_category\":\(q(decision.reasonCategory))},"
            + "\"footer\":\(list(notice.footer)),\"items\":[" + sections.joined(separator: ",") + "],"
            + "\"lead\":\(list(notice.lead)),"
            + "\"log_receipt\":{\"hash\":\(q(decision.logHash)),\"sequence\":\(decision.logSequence)},"
            + "\"model_sha256\":\(q(opened.record.modelSHA256)),\"random_draw\":\(opened.record.randomDraw),"
            + "\"reference\":\(q(opened.record.reference)),\"score\":\(JSONText.number(logistic(logit))),"
            + "\"threshold\":\(JSONText.number(opened.threshold)),\"title\":\(q(notice.title))}"
    }
}
