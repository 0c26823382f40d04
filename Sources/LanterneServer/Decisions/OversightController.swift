import Foundation
import Hummingbird
import LanterneAudit
import LanterneData
import LanterneModels
import LanterneStore

/// `GET /api/v1/oversight` for auditors: the oversight of automation bias per agent and month, recomputed from the
/// stored decisions at each request, with the alerts and the overdue contests; `?format=csv` for a spreadsheet.
struct OversightController: Sendable {
    let store: Store
    let alertLevel: Double

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.get("oversight", use: report)
    }

    /// The stored decisions as the oversight reads them; with `words`, the groups as people read them (the
    /// schema's labels; the JSON and CSV keep the codes).
    static func decisions(_ store: Store, words: Bool = false) async throws -> [Oversight.Decision] {
        var schemas: [String: Schema?] = [:]
        var decisions: [Oversight.Decision] = []
        for item in try await store.cases.decisions() {
            var groups: [String: String] = [:]
            if let object = try? JSONSerialization.jsonObject(with: Data(item.case.protected.utf8)) as? [String: Any] {
                for (key, value) in object { groups[key] = "\(value)" }
            }
            if words {
                let sha = item.case.modelSHA256
                if schemas[sha] == nil {
                    let file = try await store.algorithms.model(sha256: sha)?.file ?? ""
                    schemas[sha] = try? ModelFile.decode(Array(file.utf8), file: "model").document.schema
                }
                if let schema = schemas[sha] ?? nil {
                    var named: [String: String] = [:]
                    for (attribute, code) in groups {
                        let column = schema.column(named: attribute)
                        named[column?.shortLabel ?? attribute] = column?.words(for: code) ?? code
                    }
                    groups = named
                }
            }
            decisions.append(
                Oversight.Decision(
                    agent: item.decision.agent, month: String(item.decision.decidedAt.prefix(7)),
                    agrees: item.decision.agrees, randomDraw: item.case.randomDraw,
                    seconds: item.decision.secondsToDecide, templateUnchanged: item.decision.templateUnchanged,
                    groups: groups))
        }
        return decisions
    }

    @Sendable func report(_ request: Request, context: LanterneContext) async throws -> Response {
        _ = try context.require(.auditor)
        let lines = Oversight(alertLevel: alertLevel).lines(try await Self.decisions(store))
        let overdue = try await store.contests.all().filter { $0.status == "open" && $0.dueAt < Timestamp.now() }
        let format = request.uri.queryParameters.get("format") ?? "json"
        switch format {
        case "csv":
            return Response(
                status: .ok,
                headers: [
                    .contentType: "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"supervision.csv\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: OversightText.csv(lines))))
        case "json":
            return JSONBody.text(OversightText.json(lines, alertLevel: alertLevel, overdue: overdue))
        default:
            throw APIError(
                .badRequest, code: "unknown_format", french: "format « \(format) » inconnu (json, csv)",
                english: "unknown format “\(format)” (json, csv)")
        }
    }
}

/// The oversight's lines as JSON and CSV.
enum OversightText {
    static func json(_ lines: [Oversight.Line], alertLevel: Double, overdue: [ContestRecord]) -> String {
        let q = JSONText.quoted
        let n = JSONText.number
        let rows = lines.map { line -> String in
            let groups = line.groups.map {
                "{\"attribute\":\(q($0.attribute)),\"decisions\":\($0.decisions),\"group\":\(q($0.group)),"
                    + "\"overrides\":\($0.overrides)}"
            }
            return "{\"agent\":\(q(line.agent)),\"agreement\":\(n(line.agreementRate)),\"alert\":\(line.alert),"
                + "\"decisions\":\(line.decisions),\"drawn_agreement\":\(line.drawnAgreementRate.map(n) ?? "null"),"
                + "\"drawn_decisions\":\(line.drawnDecisions),"
                + "\"median_seconds\":\(line.medianSeconds.map(n) ?? "null"),\"month\":\(q(line.month)),"
                + "\"overrides_by_group\":[" + groups.joined(separator: ",") + "],"
                + "\"unchanged_templates\":\(line.unchangedTemplates)}"
        }
        let alerts = lines.filter(\.alert).map { line in
            q(
                "\(line.agent), \(line.month) : \(ReadableNumber.percent(line.agreementRate, language: .fr)) "
                    + "des décisions suivent la proposition de l'algorithme (seuil d'alerte "
                    + "\(ReadableNumber.percent(alertLevel, language: .fr, decimals: 0))) ; le contrôle humain est "
                    + "peut-être devenu une formalité (AI Act, article 14, paragraphe 4, point b)")
        }
        let late = overdue.map {
            "{\"deciding_agent\":\(q($0.decidingAgent)),\"due\":\(q($0.dueAt)),\"id\":\(q($0.id))}"
        }
        return "{\"alert_level\":\(n(alertLevel)),\"alerts\":[" + alerts.joined(separator: ",") + "],"
            + "\"lines\":[" + rows.joined(separator: ",") + "],\"overdue_contests\":[" + late.joined(separator: ",")
            + "]}"
    }

    static func csv(_ lines: [Oversight.Line]) -> String {
        var text =
            "agent,month,decisions,agreement,drawn_decisions,drawn_agreement,median_seconds,unchanged_templates,alert\n"
        for line in lines {
            let fields = [
                line.agent, line.month, String(line.decisions), NumberFormatting.shortest(line.agreementRate),
                String(line.drawnDecisions), line.drawnAgreementRate.map(NumberFormatting.shortest) ?? "",
                line.medianSeconds.map(NumberFormatting.shortest) ?? "", String(line.unchangedTemplates),
                line.alert ? "1" : "0",
            ]
            var bytes: [UInt8] = []
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                CSVWriter().appendField(field, to: &bytes)
            }
            text += String(decoding: bytes, as: UTF8.self) + "\n"
        }
        return text
    }
}
