import LanterneData

/// What `lanterne model show` prints: a model's kind, origin, features, size, parameters, training data and metrics.
public struct ModelSummary: Sendable {
    /// The model file's content.
    public let document: ModelDocument
    /// Its version id (SHA-256).
    public let version: String

    /// Creates a summary.
    /// - Parameters:
    ///   - document: the model file's content.
    ///   - version: its version id.
    public init(document: ModelDocument, version: String) {
        self.document = document
        self.version = version
    }

    /// A few words on the model's size: trees and leaves, terms and bins, or inputs.
    public var size: [String: Int] {
        switch document.kind {
        case .gbdt:
            let trees = document.trees?.trees ?? []
            return ["trees": trees.count, "leaves": trees.reduce(0) { $0 + $1.feature.filter { $0 < 0 }.count }]
        case .additive:
            let terms = document.additive?.terms ?? []
            return ["terms": terms.count, "bins": terms.reduce(0) { $0 + $1.scores.count }]
        case .logistic:
            return ["inputs": document.logistic?.inputs.count ?? 0]
        }
    }

    /// The summary as JSON, keys sorted.
    /// - Returns: the JSON text with a final line end.
    public func json() -> String {
        let features = document.model.features.map { JSONText.quoted($0.name) }.joined(separator: ",")
        let metrics = document.metrics.sorted { $0.key < $1.key }
            .map { "\(JSONText.quoted($0.key)):\(JSONText.number($0.value))" }.joined(separator: ",")
        let parameters = document.parameters.sorted { $0.key < $1.key }
            .map { "\(JSONText.quoted($0.key)):\(JSONText.quoted($0.value))" }.joined(separator: ",")
        let size = self.size.sorted { $0.key < $1.key }.map { "\(JSONText.quoted($0.key)):\($0.value)" }
            .joined(separator: ",")
        let predictsValue = document.model.output == .value
        var training = "null"
        if let summary = document.training {
            // A model that predicts a value has no positive cases.
            let positives = predictsValue ? "null" : String(summary.positives)
            training =
                "{\"positives\":\(positives),\"rows\":\(summary.rows),\"validation_rows\":\(summary.validationRows)}"
        }
        let calibration =
            document.calibration.map { bins in
                "["
                    + bins.map { bin in
                        "{\"count\":\(bin.count),\"lower\":\(JSONText.number(bin.lower)),"
                            + "\"mean_predicted\":\(JSONText.number(bin.meanPredicted)),"
                            + "\"observed_rate\":\(JSONText.number(bin.observedRate)),\"upper\":\(JSONText.number(bin.upper))}"
                    }.joined(separator: ",") + "]"
            } ?? "null"
        var scorecard = "null"
        if let logistic = document.logistic {
            let card = Scorecard(model: logistic)
            let lines = card.lines.map { line in
                var situation: String
                switch line.situation {
                case .perUnit(let mean): situation = "\"per_unit\",\"above\":\(JSONText.number(mean))"
                case .range(let from, let to, let pointsAtTo):
                    situation =
                        "\"range\",\"from\":\(JSONText.number(from)),\"to\":\(JSONText.number(to)),"
                        + "\"points_at_to\":\(JSONText.number(pointsAtTo))"
                case .given: situation = "\"given\""
                case .missing: situation = "\"missing\""
                case .level(let name): situation = "\"level\",\"level\":\(JSONText.quoted(name))"
                case .missingOrUnknownLevel: situation = "\"missing_or_unknown_level\""
                }
                return "{\"feature\":\(JSONText.quoted(line.feature)),\"points\":\(JSONText.number(line.points)),"
                    + "\"situation\":\(situation)}"
            }
            scorecard =
                "{\"base\":\(JSONText.number(card.basePoints)),\"lines\":[\(lines.joined(separator: ","))],"
                + "\"points_to_double_odds\":\(JSONText.number(card.pointsToDoubleOdds))}"
        }
        return "{\"calibration\":\(calibration),\"features\":[\(features)],"
            + "\"kind\":\(JSONText.quoted(document.kind.rawValue)),"
            + "\"label\":\(document.label.map(JSONText.quoted) ?? "null"),\"metrics\":{\(metrics)},"
            + "\"origin\":\(JSONText.quoted(document.origin)),\"parameters\":{\(parameters)},"
            + "\"predicts\":\(predictsValue ? "\"value\"" : "\"log_odds\""),\"scorecard\":\(scorecard),"
            + "\"size\":{\(size)},"
            + "\"training\":\(training),\"version\":\(JSONText.quoted(version))}\n"
    }

    /// The summary as text for a person.
    /// - Parameter language: French or English.
    /// - Returns: lines of text.
    public func text(_ language: Language) -> String {
        let fr = language == .fr
        let kindName: String =
            switch document.kind {
            case .logistic: fr ? "régression logistique" : "logistic regression"
            case .gbdt: fr ? "arbres de décision boostés" : "gradient-boosted trees"
            case .additive: fr ? "modèle additif" : "additive model"
            }
        var lines = [
            (fr ? "Modèle : " : "Model: ") + kindName,
            (fr ? "Version (SHA-256) : " : "Version (SHA-256): ") + version,
            (fr ? "Origine : " : "Origin: ") + document.origin,
        ]
        if let label = document.label { lines.append((fr ? "Cible : " : "Label: ") + label) }
        let sizeText = size.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append((fr ? "Taille : " : "Size: ") + sizeText)
        let features = document.model.features.map(\.name)
        lines.append(
            (fr ? "Variables (\(features.count)) : " : "Features (\(features.count)): ")
                + features.joined(separator: ", "))
        if !document.parameters.isEmpty {
            let text = document.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: " ")
            lines.append((fr ? "Paramètres : " : "Parameters: ") + text)
        }
        lines.append(
            document.model.output == .value
                ? (fr
                    ? "Prédit : une valeur (objectif squared-error, erreur quadratique)"
                    : "Predicts: a value (squared-error objective)")
                : (fr
                    ? "Prédit : la probabilité d'une issue oui/non (log-odds)"
                    : "Predicts: the probability of a yes/no outcome (log-odds)"))
        if let training = document.training, document.model.output == .value {
            lines.append(
                fr
                    ? "Entraînement : \(training.rows) lignes ; validation : \(training.validationRows) lignes"
                    : "Training: \(training.rows) rows; validation: \(training.validationRows) rows")
        } else if let training = document.training {
            lines.append(
                fr
                    ? "Entraînement : \(training.rows) lignes dont \(training.positives) positives ; validation : \(training.validationRows) lignes"
                    : "Training: \(training.rows) rows, \(training.positives) positive; validation: \(training.validationRows) rows"
            )
        }
        if let logistic = document.logistic {
            let card = Scorecard(model: logistic)
            func points(_ value: Double) -> String { NumberFormatting.shortest((value * 10).rounded() / 10) }
            lines.append(
                fr
                    ? "Grille de points : base \(points(card.basePoints)) ; +\(points(card.pointsToDoubleOdds)) points doublent la cote"
                    : "Scorecard: base \(points(card.basePoints)); +\(points(card.pointsToDoubleOdds)) points double the odds"
            )
            for line in card.lines {
                let situation: String
                switch line.situation {
                case .perUnit(let mean):
                    let from = NumberFormatting.shortest((mean * 1_000).rounded() / 1_000)
                    situation = fr ? "par unité au-dessus de \(from)" : "per unit above \(from)"
                case .range(let from, let to, let pointsAtTo):
                    func value(_ x: Double) -> String { NumberFormatting.shortest((x * 1_000).rounded() / 1_000) }
                    lines.append(
                        "    "
                            + (fr
                                ? "de \(value(from)) à \(value(to)) : de \(points(line.points)) à \(points(pointsAtTo))"
                                : "from \(value(from)) to \(value(to)): from \(points(line.points)) to \(points(pointsAtTo))")
                    )
                    continue
                case .given: situation = fr ? "valeur renseignée" : "value given"
                case .missing: situation = fr ? "valeur manquante" : "missing value"
                case .level(let name): situation = name
                case .missingOrUnknownLevel:
                    situation = fr ? "valeur manquante ou inconnue" : "missing or unknown value"
                }
                // Points per unit can be small (an age in years): three decimals there.
                var value = points(line.points)
                if case .perUnit = line.situation {
                    value = NumberFormatting.shortest((line.points * 1_000).rounded() / 1_000)
                }
                lines.append("  \(line.feature) — \(situation) : \(value)")
            }
        }
        for (name, value) in document.metrics.sorted(by: { $0.key < $1.key }) {
            lines.append(
                (fr ? "Mesure " : "Metric ")
                    + "\(name) : \(NumberFormatting.shortest((value * 10_000).rounded() / 10_000))")
        }
        if let calibration = document.calibration, !calibration.isEmpty {
            func percent(_ value: Double) -> String { NumberFormatting.shortest((value * 1_000).rounded() / 10) + " %" }
            lines.append(
                fr
                    ? "Calibrage sur la validation (probabilité prédite ; cas ; moyenne prédite ; taux observé) :"
                    : "Calibration on the validation rows (predicted probability; cases; mean predicted; observed rate):"
            )
            for bin in calibration {
                lines.append(
                    "  \(percent(bin.lower))–\(percent(bin.upper)) ; \(bin.count) ; \(percent(bin.meanPredicted)) ; "
                        + percent(bin.observedRate))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
