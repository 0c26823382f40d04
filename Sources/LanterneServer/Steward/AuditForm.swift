import Foundation
import LanterneAudit
import LanterneData

/// The steward's audit and control-period forms, read into the same requests as the API's: the audit's data file,
/// label, protected attributes, decision rule, bootstrap and gates (chosen among the usual ones, or a policy file),
/// and a period's name and control policy.
enum AuditForm {
    /// The gates a steward can tick, as `lanterne audit --policy` reads them.
    static let presets: [(value: String, label: String, gate: [String: JSONValue])] = [
        (
            "selection",
            "Taux de sélection : chaque groupe entre 0,8 et 1,25 fois celui du groupe de référence (règle des quatre cinquièmes)",
            [
                "name": .string("taux de sélection (4/5)"), "metric": .string("ratio.selection_rate"),
                "min": .number(0.8), "max": .number(1.25),
            ]
        ),
        (
            "fpr", "Faux positifs : chaque groupe entre 0,8 et 1,25 fois le taux du groupe de référence",
            [
                "name": .string("faux positifs"), "metric": .string("ratio.fpr"), "min": .number(0.8),
                "max": .number(1.25),
            ]
        ),
        (
            "proxy", "Substituts : aucune donnée lue ne révèle un attribut protégé au-delà de 0,75",
            ["name": .string("substituts"), "metric": .string("proxy"), "max": .number(0.75)]
        ),
    ]

    /// The audit request from the form.
    /// - Throws: ``FormProblem`` naming the field.
    static func request(_ form: MultipartForm) throws -> AuditJobRequest {
        guard let data = form.file("data") else { throw StewardPageValues.missingFile("data", "Données d'audit (CSV)") }
        guard let label = form.text("label") else {
            throw FormProblem.missing("label", "Colonne du résultat observé", "Observed outcome column")
        }
        let protected = list(form.text("protected"))
        guard !protected.isEmpty else {
            throw FormProblem.missing("protected", "Attributs protégés", "Protected attributes")
        }
        var body = AuditJobRequest(data: data.text, label: label, protected: protected)
        let value = try number(form.text("rule_value"), field: "rule_value", label: "Valeur de la règle")
        switch form.text("rule") {
        case "top_percent": body.topPercent = value
        case "top_k":
            guard value == value.rounded(), value >= 0 else {
                throw FormProblem(
                    field: "rule_value", code: "invalid_field",
                    french: "Valeur de la règle : un nombre entier de dossiers est attendu",
                    english: "Rule value: a whole number of cases is expected")
            }
            body.topK = Int(value)
        case "threshold": body.threshold = value
        default:
            throw FormProblem(
                field: "rule", code: "missing_field", french: "Règle de décision : choisissez-en une",
                english: "Decision rule: choose one")
        }
        if let text = form.text("bootstrap") {
            guard let draws = Int(text) else {
                throw FormProblem(
                    field: "bootstrap", code: "invalid_field",
                    french: "Tirages du bootstrap : un nombre entier est attendu (0 à 10 000)",
                    english: "Bootstrap draws: a whole number is expected (0 to 10,000)")
            }
            body.bootstrap = draws
        }
        body.seed = try seed(form.text("seed"))
        body.modelSHA256 = form.text("model_sha256")
        body.randomDraw = form.text("random_draw")
        let proxies = list(form.text("proxies"))
        if !proxies.isEmpty { body.proxies = proxies }
        if let policy = form.file("policy") {
            guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(policy.bytes)) else {
                throw FormProblem(
                    field: "policy", code: "audit_policy",
                    french: "Fichier de contrôles : un objet JSON {\"gates\": [...]} est attendu",
                    english: "Gates file: a JSON object {\"gates\": [...]} is expected")
            }
            body.policy = value
        } else {
            let chosen = form.parts.filter { $0.name == "gates" }.map(\.text)
            let gates = presets.filter { chosen.contains($0.value) }.map { JSONValue.object($0.gate) }
            if !gates.isEmpty { body.policy = .object(["gates": .array(gates)]) }
        }
        return body
    }

    /// A period's name and control policy from the form.
    /// - Throws: ``FormProblem`` or ``APIError`` 422 naming the field.
    static func period(_ form: MultipartForm) throws -> (String, ControlPolicy) {
        let period = try StewardDesk.checkedPeriod(form.text("period"))
        var fields: [String: String] = [:]
        let value = form.text("rule_value")?.replacingOccurrences(of: ",", with: ".")
        switch form.text("rule") {
        case "capacity": fields["capacity"] = value ?? ""
        case "threshold": fields["threshold"] = value ?? ""
        default:
            throw FormProblem(
                field: "rule", code: "missing_field", french: "Règle de contrôle : choisissez une capacité ou un seuil",
                english: "Control rule: choose a capacity or a threshold")
        }
        if let share = form.text("random_share") {
            // The page asks for a percentage.
            let percent = try number(share, field: "random_share", label: "Part tirée au hasard")
            fields["random_share"] = String(percent / 100)
        }
        fields["seed"] = form.text("seed") ?? ""
        return (period, try PeriodsController.policy(fields))
    }

    /// `a, b; c` → `["a", "b", "c"]`.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split { $0 == "," || $0 == ";" || $0.isNewline }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    private static func number(_ text: String?, field: String, label: String) throws -> Double {
        guard let text, let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
            throw FormProblem(
                field: field, code: "invalid_field", french: "\(label) : un nombre est attendu",
                english: "\(field): a number is expected")
        }
        return value
    }

    private static func seed(_ text: String?) throws -> UInt64 {
        guard let text else { return 1 }
        guard let seed = UInt64(text) else {
            throw FormProblem(
                field: "seed", code: "invalid_field", french: "Graine : un entier positif est attendu",
                english: "Seed: a non-negative integer is expected")
        }
        return seed
    }
}
