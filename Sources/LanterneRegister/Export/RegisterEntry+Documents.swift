import LanterneData

extension RegisterEntry {
    /// Lanterne's own register entry as JSON: the card's parts, the data used, how it decides, the model in service
    /// and the latest audit's gates.
    /// - Returns: indented JSON ending with a newline.
    public func jsonText() -> String {
        func dataObject(_ item: DataItem) -> OrderedJSON {
            .object([
                ("name", .string(item.name)), ("description", .string(item.description)),
                ("source", .optional(item.source)), ("unit", .optional(item.unit)),
            ])
        }
        var fields: [(String, OrderedJSON)] = [
            ("name", .string(card.name)), ("administration", .string(card.administration)),
            ("purpose", .string(card.purpose)), ("legal_basis", .string(card.legalBasis)),
            ("decision_type", .string(card.decisionType.rawValue)), ("human_oversight", .string(card.humanOversight)),
            (
                "contact",
                .object(
                    [("service", .string(card.contact.service))]
                        + [
                            ("address", card.contact.address), ("email", card.contact.email),
                            ("url", card.contact.url), ("phone", card.contact.phone),
                        ].compactMap { key, value in value.map { (key, OrderedJSON.string($0)) } })
            ),
            ("threshold", .optional(card.threshold)),
            ("data", .array(data.map(dataObject))),
            ("protected_data_audited", .array(protected.map(dataObject))),
            ("data_sources", .array(sources.map(OrderedJSON.string))),
            ("decision_steps", .array(decisionSteps.map(OrderedJSON.string))),
            (
                "weights",
                .array(
                    weights.map {
                        .object([("data", .string($0.label)), ("share", .number(($0.share * 1e4).rounded() / 1e4))])
                    })
            ),
            (
                "model",
                .object([
                    ("version", .string(version)), ("kind", .string(kind.rawValue)), ("origin", .string(origin)),
                    ("label", .optional(label)), ("training_rows", trainingRows.map(OrderedJSON.integer) ?? .null),
                    ("auc", .optional(auc)),
                ])
            ),
        ]
        if let audit {
            fields.append(
                (
                    "audit",
                    .object([
                        ("rows", .integer(audit.rows)), ("gates_passed", .bool(audit.gatesPassed)),
                        (
                            "gates",
                            .array(
                                audit.gates.map {
                                    .object([
                                        ("name", .string($0.name)), ("metric", .string($0.metric)),
                                        ("passed", .bool($0.passed)), ("value", .optional($0.value)),
                                        ("min", .optional($0.minimum)), ("max", .optional($0.maximum)),
                                    ])
                                })
                        ),
                        (
                            "four_fifths",
                            .array(
                                audit.fourFifths.map {
                                    .object([("attribute", .string($0.attribute)), ("passed", .bool($0.passed))])
                                })
                        ),
                        ("findings", .array(audit.findings.prefix(5).map(OrderedJSON.string))),
                    ])
                ))
        } else {
            fields.append(("audit", .null))
        }
        fields.append(("cada", .string(AlgorithmCard.cadaAddress + " — " + AlgorithmCard.cadaWebsite)))
        return OrderedJSON.object(fields).text() + "\n"
    }

    /// Lanterne's own register entry as Markdown, in the language of the entry.
    /// - Returns: the Markdown text ending with a newline.
    public func markdownText() -> String {
        let fr = language == .fr
        var lines = ["# \(card.name)", "", card.administration, "", fr ? "## À quoi il sert" : "## What it is for", ""]
        lines.append(purposeSentence)
        lines += ["", fr ? "## Base légale" : "## Legal basis", "", ExportText.sentence(card.legalBasis)]
        lines += ["", fr ? "## Type de décision" : "## Kind of decision", "", ExportText.sentence(decisionTypeText)]
        lines += ["", fr ? "## Rôle des personnes" : "## Role of people", "", card.humanOversight]
        lines += ["", fr ? "## Données utilisées" : "## Data used", ""]
        lines.append(fr ? "| Donnée | Description | Source | Unité |" : "| Datum | Description | Source | Unit |")
        lines.append("| --- | --- | --- | --- |")
        for item in data {
            lines.append(
                "| \(ExportText.cell(item.name)) | \(ExportText.cell(item.description)) | "
                    + "\(ExportText.cell(item.source ?? "—")) | \(ExportText.cell(item.unit ?? "—")) |")
        }
        if !protected.isEmpty {
            lines += [
                "",
                (fr
                    ? "Données protégées, jamais lues par le modèle, seulement comparées dans l'audit : "
                    : "Protected data, never read by the model, only compared in the audit: ")
                    + protected.map(\.description).joined(separator: " ; ") + ".",
            ]
        }
        if !card.dataSources.isEmpty {
            lines += [
                "", (fr ? "Autres sources : " : "Other sources: ") + card.dataSources.joined(separator: " ; ") + ".",
            ]
        }
        lines += ["", fr ? "## Comment il décide" : "## How it decides", ""]
        lines += decisionSteps.enumerated().map { "\($0.offset + 1). \($0.element)" }
        lines += ["", (fr ? "Poids de chaque donnée : " : "Weight of each datum: ") + weightsLine]
        lines += ["", fr ? "## Modèle en service" : "## Model in service", ""]
        lines.append((fr ? "- Type : " : "- Kind: ") + kindText)
        lines.append((fr ? "- Version : `" : "- Version: `") + version + "`")
        if let trainingRows {
            lines.append((fr ? "- Dossiers d'apprentissage : " : "- Training cases: ") + "\(trainingRows)")
        }
        if let auc {
            lines.append(
                "- AUC" + (fr ? " (validation) : " : " (validation): ")
                    + ReadableNumber.text(auc, language: language, decimals: 3))
        }
        lines += ["", fr ? "## Dernier audit" : "## Latest audit", "", auditSummary]
        if let audit, !audit.gates.isEmpty {
            lines += [
                "",
                fr ? "| Porte | Mesure | Valeur | Bornes | Résultat |" : "| Gate | Metric | Value | Bounds | Result |",
                "| --- | --- | --- | --- | --- |",
            ]
            for gate in audit.gates {
                let value = gate.value.map { ReadableNumber.text($0, language: language, decimals: 3) } ?? "—"
                let bounds =
                    [
                        gate.minimum.map { "≥ " + ReadableNumber.text($0, language: language, decimals: 3) },
                        gate.maximum.map { "≤ " + ReadableNumber.text($0, language: language, decimals: 3) },
                    ]
                    .compactMap { $0 }.joined(separator: ", ")
                let result = gate.passed ? (fr ? "passée" : "passed") : (fr ? "échouée" : "failed")
                lines.append(
                    "| \(ExportText.cell(gate.name)) | \(ExportText.cell(gate.metric)) | \(value) | "
                        + "\(bounds.isEmpty ? "—" : bounds) | \(result) |")
            }
        }
        lines += ["", "## Contact", "", contactLine, "", appealsText]
        return lines.joined(separator: "\n") + "\n"
    }
}
