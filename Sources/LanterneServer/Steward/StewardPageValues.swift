import Foundation
import LanterneData
import LanterneModels
import LanterneRegister
import LanterneStore

/// What the steward's algorithm page shows, read from the store: each version with its metrics and latest audit,
/// the audits' jobs, the control periods, what the registers and the impact assessment still lack, and the card's
/// form.
struct StewardPageValues {
    let store: Store
    let desk: StewardDesk

    /// The message after a form's work, by the `fait` query value of the redirection.
    static let notices: [String: String] = [
        "fiche": "La fiche est enregistrée ; le registre, les avis et les exports la lisent dès maintenant.",
        "version": "La nouvelle version est enregistrée. Auditez-la avant de la publier.",
        "audit":
            "L'audit est lancé ; il figure dans « Audits lancés » ci-dessous. Actualisez la page pour suivre son avancement.",
        "periode": "La période est enregistrée ; ses dossiers proposés sont dans la file des agents.",
        "publication": "La version est publiée ; la fiche publique la montre.",
    ]

    static func missingFile(_ field: String, _ label: String) -> FormProblem {
        FormProblem(
            field: field, code: "missing_field", french: "\(label) : choisissez un fichier",
            english: "\(field): choose a file")
    }

    /// The text fields of a multipart form, to show again what was typed after a refusal.
    static func typed(_ form: MultipartForm, _ names: [String]) -> [String: String] {
        var values: [String: String] = [:]
        for name in names { if let text = form.text(name) { values[name] = text } }
        return values
    }

    /// The card's form: its fields with their values and the problem beside the field at fault.
    static func cardFields(_ values: [String: String], problem: FormProblem?) -> [String: Any] {
        func rows(_ fields: [CardForm.Field]) -> [[String: Any]] {
            fields.map { field in
                var row: [String: Any] = [
                    "name": field.name, "label": field.label, "long": field.long, "value": values[field.name] ?? "",
                ]
                if let hint = field.hint { row["hint"] = hint }
                if let problem, problem.field == field.name { row["problem"] = problem.message(.fr) }
                return row
            }
        }
        var result: [String: Any] = [
            "cardFields": rows(CardForm.cardFields), "noteFields": rows(CardForm.noteFields),
            "decisionSupport": values["decision_type"] != "automated",
            "decisionAutomated": values["decision_type"] == "automated", "firstLook": values["first_look"] == "oui",
        ]
        if let problem {
            result["cardProblem"] = problem.message(.fr)
            if problem.field == "decision_type" { result["decisionProblem"] = problem.message(.fr) }
            if ["algorithm_name", "kind"].contains(problem.field) { result["newProblem_" + problem.field] = true }
        }
        return result
    }

    /// Everything the algorithm's page shows.
    func algorithm(_ record: AlgorithmRecord) async throws -> [String: Any] {
        let versions = try await store.algorithms.versions(of: record.id)
        var rows: [[String: Any]] = []
        var latestDocument: ModelDocument? = nil
        for version in versions.reversed() {
            guard let stored = try await store.algorithms.model(sha256: version.sha256) else { continue }
            let document = try await desk.models.model(stored.sha256).document
            if latestDocument == nil { latestDocument = document }
            let audit = try await store.algorithms.latestAudit(of: record.id, version: version.sha256)
            rows.append([
                "sha": version.sha256, "short": String(version.sha256.prefix(12)), "number": version.number,
                "date": PageWords.date(version.createdAt), "kind": PageWords.modelKind(document.kind),
                "origin": document.origin, "current": version.sha256 == record.publishedSHA256,
                "rows": document.training.map { ReadableNumber.text(Double($0.rows), language: .fr, decimals: 0) }
                    ?? "—",
                "auc": document.metrics["auc"].map { ReadableNumber.text($0, language: .fr, decimals: 3) } ?? "—",
                "logLoss": document.metrics["log_loss"].map { ReadableNumber.text($0, language: .fr, decimals: 4) }
                    ?? "—",
                "audit": audit.map { $0.gatesPassed ? "contrôles réussis" : "un contrôle au moins a échoué" }
                    ?? "pas encore audité",
                "auditFailed": audit.map { !$0.gatesPassed } ?? false,
            ])
        }
        var values: [String: Any] = [
            "id": record.id, "name": record.name, "kind": PageWords.kind(record.kind.rawValue),
            "status": PageWords.status(record.status.rawValue), "versions": rows, "hasVersions": !rows.isEmpty,
            "published": record.publishedSHA256 != nil, "isModelKind": [.ciblage, .prediction].contains(record.kind),
            "ruleKinds": [
                ["value": "top_percent", "label": "les meilleurs scores, en pourcentage de la population"],
                ["value": "top_k", "label": "un nombre de dossiers aux meilleurs scores"],
                ["value": "threshold", "label": "les scores à partir d'un seuil (entre 0 et 1)"],
            ],
            "gates": AuditForm.presets.map { ["value": $0.value, "label": $0.label] },
            "modelKinds": [
                ["value": "logistic", "label": "régression logistique (une grille de points lisible)"],
                ["value": "additive", "label": "modèle additif (une courbe par donnée)"],
                ["value": "gbdt", "label": "arbres de décision boostés"],
            ],
        ]
        if let latestDocument {
            values["features"] = latestDocument.model.features.map(\.name).joined(separator: ", ")
            if let label = latestDocument.label { values["modelLabel"] = label }
        }
        let sha = record.publishedSHA256 ?? versions.last?.sha256
        if let sha, let audit = try await store.algorithms.latestAudit(of: record.id, version: sha),
            let digest = try? AuditDigest.decode(Data(audit.report.utf8), file: "audit")
        {
            values["latestAudit"] = [
                "number": versions.first { $0.sha256 == sha }?.number ?? 0,
                "passed": digest.gatesPassed,
                "gates": digest.gates.map { gate -> [String: Any] in
                    func number(_ value: Double) -> String { ReadableNumber.text(value, language: .fr, decimals: 2) }
                    let bounds =
                        switch (gate.minimum, gate.maximum) {
                        case (let low?, let high?): "attendu entre \(number(low)) et \(number(high))"
                        case (let low?, nil): "attendu au moins \(number(low))"
                        case (nil, let high?): "attendu au plus \(number(high))"
                        case (nil, nil): ""
                        }
                    return [
                        "name": gate.name, "passed": gate.passed,
                        "value": gate.value.map { number($0) + (bounds.isEmpty ? "" : " (\(bounds))") } ?? bounds,
                    ]
                },
                "findings": Array(digest.findings.prefix(5)),
            ]
        }
        let jobs = try await store.jobs.recent(of: record.id)
        values["hasJobs"] = !jobs.isEmpty
        values["jobs"] = jobs.map { job -> [String: Any] in
            var row: [String: Any] = [
                "id": job.id, "kind": job.kind == "audit" ? "audit" : "scores d'une population",
                "version": versions.first { $0.sha256 == job.modelSHA256 }.map { "version \($0.number)" } ?? "",
                "status": Self.jobStatus[job.status] ?? job.status.rawValue, "created": PageWords.date(job.createdAt),
                "rows": ReadableNumber.text(Double(job.rows), language: .fr, decimals: 0),
                "done": job.status == .done,
            ]
            if let error = job.error { row["error"] = error }
            return row
        }
        let periods = try await store.cases.periods(algorithmID: record.id)
        values["hasPeriods"] = !periods.isEmpty
        values["periods"] = periods.map { period -> [String: Any] in
            [
                "period": period.period, "cases": period.cases, "proposed": period.proposed,
                "drawn": period.drawn, "decided": period.decided,
            ]
        }
        values.merge(try await completeness(record, sha: sha)) { $1 }
        return values
    }

    static let jobStatus: [Job.Status: String] = [
        .queued: "en attente", .running: "en cours", .done: "terminé", .failed: "échoué",
    ]

    /// What the exports still lack: the empty impact notes by their labels, and each export's placeholders.
    private func completeness(_ record: AlgorithmRecord, sha: String?) async throws -> [String: Any] {
        let notes = CardForm.values(record.card)
        let empty = CardForm.noteFields.filter { (notes[$0.name] ?? "").isEmpty }.map(\.label)
        var values: [String: Any] = ["emptyNotes": empty, "hasEmptyNotes": !empty.isEmpty]
        guard let sha,
            let entry = try? await RegisterEntries(store: store).derived(record, version: sha, language: .fr)
        else { return values }
        let marker = "[non renseigné"
        values["hasExports"] = true
        values["exports"] = [
            (RegisterFormat.fria, "Analyse d'impact sur les droits fondamentaux (AI Act, article 27)"),
            (RegisterFormat.atrs, "Registre britannique (ATRS)"), (RegisterFormat.nl, "Registre néerlandais"),
        ].map { format, label -> [String: Any] in
            let text = RegisterExport.text(entry, format: format)
            let count = text.components(separatedBy: marker).count - 1
            return [
                "label": label, "count": count, "complete": count == 0,
                "missing": count == 1 ? "1 passage à compléter" : "\(count) passages à compléter",
            ]
        }
        return values
    }
}
