import Foundation
import LanterneData
import LanterneModels

/// One algorithm's register entry, derived from what is stored and never typed twice: the steward's card (purpose,
/// legal basis, human oversight, contact), the model file in service (its version, kind, features and their schema
/// descriptions and sources, its weights) and, when given, the latest audit's gates and findings. Every export
/// format (``RegisterFormat``) is written from it.
public struct RegisterEntry: Sendable {
    /// One datum the model reads, or that the audit compares groups on.
    public struct DataItem: Sendable, Equatable {
        /// The column name.
        public var name: String
        /// What it means (the schema's description, or the name when the schema says nothing).
        public var description: String
        /// Where it comes from, when the schema says.
        public var source: String?
        /// Its unit, if any.
        public var unit: String?

        /// Creates an item.
        public init(name: String, description: String, source: String? = nil, unit: String? = nil) {
            self.name = name
            self.description = description
            self.source = source
            self.unit = unit
        }
    }

    /// The share of one datum in the model's total weight.
    public struct Weight: Sendable, Equatable {
        /// What the datum is (its description).
        public var label: String
        /// Its share, between 0 and 1; the shares add up to 1.
        public var share: Double

        /// Creates a weight.
        public init(label: String, share: Double) {
            self.label = label
            self.share = share
        }
    }

    /// The steward's card.
    public var card: AlgorithmCard
    /// The model's version (the SHA-256 of its file).
    public var version: String
    /// The model's kind.
    public var kind: ModelKind
    /// Where the model comes from (`lanterne train …`, `import xgboost …`).
    public var origin: String
    /// The outcome the model predicts, when known.
    public var label: String?
    /// The data the model reads, in its feature order.
    public var data: [DataItem]
    /// The protected data of the schema: never an input, only compared across in the audit.
    public var protected: [DataItem]
    /// The training rows, when Lanterne trained the model.
    public var trainingRows: Int?
    /// The validation AUC, when known.
    public var auc: Double?
    /// The number of trees of a tree model.
    public var treeCount: Int?
    /// The relative weight of each datum, largest first (logistic and additive models; empty for trees, whose
    /// importance needs data: `lanterne explain --global`).
    public var weights: [Weight]
    /// The latest audit, if given.
    public var audit: AuditDigest?
    /// The language of the texts.
    public var language: Language

    /// Derives the entry.
    /// - Parameters:
    ///   - card: the steward's card.
    ///   - document: the model file in service.
    ///   - version: its version.
    ///   - audit: its latest audit, if any.
    ///   - language: the language of the texts.
    public init(
        card: AlgorithmCard, document: ModelDocument, version: String, audit: AuditDigest?, language: Language
    ) {
        self.card = card
        self.version = version
        self.audit = audit
        self.language = language
        let model = document.model
        kind = model.kind
        origin = document.origin
        label = document.label
        let schema = document.schema
        func item(_ name: String) -> DataItem {
            let column = schema?.column(named: name)
            let description = column?.description.trimmingCharacters(in: .whitespaces) ?? ""
            let source = column?.source.trimmingCharacters(in: .whitespaces) ?? ""
            return DataItem(
                name: name, description: description.isEmpty ? name : description,
                source: source.isEmpty ? nil : source, unit: column?.unit)
        }
        data = model.features.map { item($0.name) }
        protected = (schema?.names(with: .protected) ?? []).map(item)
        trainingRows = document.training?.rows
        auc = document.metrics["auc"]
        treeCount = (model as? TreeEnsemble)?.trees.count
        var raw = [Double](repeating: 0, count: model.features.count)
        if let logistic = model as? LogisticModel {
            for input in logistic.inputs { raw[input.feature] += abs(input.weight) }
        } else if let additive = model as? AdditiveModel {
            for term in additive.terms {
                raw[term.input.featureIndex] += (term.scores.max() ?? 0) - (term.scores.min() ?? 0)
            }
        }
        let total = raw.reduce(0, +)
        weights =
            total > 0
            ? zip(data, raw).filter { $0.1 > 0 }.map { Weight(label: $0.0.description, share: $0.1 / total) }
                .sorted { $0.share > $1.share } : []
    }

    private var fr: Bool { language == .fr }

    /// A clearly marked placeholder for what the card does not hold.
    /// - Parameters:
    ///   - french: what is missing, in French.
    ///   - english: what is missing, in English.
    /// - Returns: the placeholder, starting with « [non renseigné » or “[not provided”.
    public func placeholder(_ french: String, _ english: String) -> String {
        ExportText.placeholder(french, english, language)
    }

    /// Whether `text` is (or holds) a placeholder.
    /// - Parameter text: any exported text.
    /// - Returns: whether the steward still has to complete it.
    public static func isPlaceholder(_ text: String) -> Bool {
        ExportText.placeholderStarts.contains { text.contains($0) }
    }

    /// « Ce traitement sert à … » / “This processing is used to …”.
    public var purposeSentence: String {
        ExportText.sentence(fr ? "Ce traitement sert à \(card.purpose)" : "This processing is used to \(card.purpose)")
    }

    /// Decision support or automated decision, in words.
    public var decisionTypeText: String {
        switch (card.decisionType, fr) {
        case (.support, true): "aide à la décision : l'algorithme propose, un agent décide"
        case (.support, false): "decision support: the algorithm proposes, an agent decides"
        case (.automated, true): "décision automatisée : l'algorithme décide seul"
        case (.automated, false): "automated decision: the algorithm decides by itself"
        }
    }

    /// The model's kind, in words.
    public var kindText: String {
        switch (kind, fr) {
        case (.logistic, true): "régression logistique (grille de points)"
        case (.logistic, false): "logistic regression (points scorecard)"
        case (.gbdt, true): "arbres de décision boostés (\(treeCount ?? 0) arbres)"
        case (.gbdt, false): "gradient-boosted decision trees (\(treeCount ?? 0) trees)"
        case (.additive, true): "modèle additif (une courbe de points par donnée)"
        case (.additive, false): "additive model (one points curve per datum)"
        }
    }

    /// Every data source named by the schema or the card, each once, in order.
    public var sources: [String] {
        var seen = Set<String>()
        return (data.compactMap(\.source) + card.dataSources).filter { seen.insert($0).inserted }
    }

    /// The steps of the computation: the card's own when the steward wrote them, else the model's.
    public var decisionSteps: [String] {
        if let operations = card.operations { return operations }
        var steps: [String] = []
        let threshold = card.threshold.map { ReadableNumber.percent($0, language: language) }
        if fr {
            steps.append("Le traitement lit \(data.count) données de chaque dossier. Une donnée qui manque est notée.")
            switch kind {
            case .logistic: steps.append("Chaque donnée reçoit un poids. Les poids sont additionnés.")
            case .gbdt:
                steps.append(
                    "\(treeCount ?? 0) arbres de décision posent des questions simples sur les données. Chaque "
                        + "réponse ajoute ou retire des points.")
            case .additive: steps.append("Chaque donnée donne des points selon sa valeur. Les points sont additionnés.")
            }
            steps.append("Le total devient un score entre 0 et 100 %.")
            if let threshold {
                steps.append(
                    card.decisionType == .support
                        ? "Les dossiers dont le score atteint \(threshold) sont proposés à un agent."
                        : "Les dossiers dont le score atteint \(threshold) sont retenus.")
            }
            if card.decisionType == .support {
                steps.append("Un agent lit chaque dossier proposé. Il décide et écrit pourquoi.")
            }
        } else {
            steps.append("The processing reads \(data.count) data items of each case. A missing item is noted.")
            switch kind {
            case .logistic: steps.append("Each item gets a weight. The weights are added up.")
            case .gbdt:
                steps.append(
                    "\(treeCount ?? 0) decision trees ask simple questions about the data. Each answer adds or "
                        + "removes points.")
            case .additive: steps.append("Each item gives points according to its value. The points are added up.")
            }
            steps.append("The total becomes a score between 0 and 100%.")
            if let threshold {
                steps.append(
                    card.decisionType == .support
                        ? "Cases whose score reaches \(threshold) are proposed to an agent."
                        : "Cases whose score reaches \(threshold) are selected.")
            }
            if card.decisionType == .support {
                steps.append("An agent reads each proposed case, decides and writes why.")
            }
        }
        return steps
    }

    /// The data read, as one line, grouped by source: « Revenus déclarés, Salaires (source : déclaration 2042) ; … ».
    public var dataLine: String {
        var groups: [(source: String?, items: [String])] = []
        for item in data {
            if let index = groups.firstIndex(where: { $0.source == item.source }) {
                groups[index].items.append(item.description)
            } else {
                groups.append((item.source, [item.description]))
            }
        }
        return groups.map { group in
            let items = group.items.joined(separator: ", ")
            return group.source.map { fr ? "\(items) (source : \($0))" : "\(items) (source: \($0))" } ?? items
        }.joined(separator: " ; ")
    }

    /// The weights as one line: « Revenus déclarés 62 % ; … », or a pointer to the global explanation for trees.
    public var weightsLine: String {
        guard !weights.isEmpty else {
            return fr
                ? "Importance de chaque donnée calculée sur des données : lanterne explain --global."
                : "Importance of each datum computed on data: lanterne explain --global."
        }
        return weights.map { "\($0.label) \(ReadableNumber.percent($0.share, language: language, decimals: 0))" }
            .joined(separator: " ; ")
    }

    /// The audit in a few sentences: rows, gates, four-fifths checks, first findings; a placeholder without audit.
    public var auditSummary: String {
        guard let audit else {
            return placeholder(
                "aucun audit joint (lanterne audit --model … --json)",
                "no audit given (lanterne audit --model … --json)")
        }
        var parts: [String] = []
        let failed = audit.gates.filter { !$0.passed }.map(\.name)
        if fr {
            parts.append("Audit d'équité sur \(audit.rows) dossiers.")
            parts.append(
                audit.gates.isEmpty
                    ? "Aucune porte de déploiement fixée."
                    : failed.isEmpty
                        ? "Les \(audit.gates.count) portes de déploiement sont passées."
                        : "Portes échouées : \(failed.joined(separator: ", ")).")
            let unfair = audit.fourFifths.filter { !$0.passed }.map(\.attribute)
            if !audit.fourFifths.isEmpty {
                parts.append(
                    unfair.isEmpty
                        ? "La règle des quatre cinquièmes est respectée."
                        : "La règle des quatre cinquièmes n'est pas respectée pour : \(unfair.joined(separator: ", "))."
                )
            }
        } else {
            parts.append("Fairness audit on \(audit.rows) cases.")
            parts.append(
                audit.gates.isEmpty
                    ? "No deployment gate set."
                    : failed.isEmpty
                        ? "All \(audit.gates.count) deployment gates passed."
                        : "Failed gates: \(failed.joined(separator: ", ")).")
            let unfair = audit.fourFifths.filter { !$0.passed }.map(\.attribute)
            if !audit.fourFifths.isEmpty {
                parts.append(
                    unfair.isEmpty
                        ? "The four-fifths rule holds."
                        : "The four-fifths rule fails for: \(unfair.joined(separator: ", ")).")
            }
        }
        parts += audit.findings.prefix(2)
        return parts.joined(separator: " ")
    }

    /// The contact as one line: service, address, e-mail, web page, phone.
    public var contactLine: String {
        [card.contact.service, card.contact.address, card.contact.email, card.contact.url, card.contact.phone]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// How to obtain the rules and contest, with the CADA.
    public var appealsText: String {
        fr
            ? "Toute personne peut demander les règles du traitement et leur application à son dossier (article "
                + "L311-3-1 du CRPA) : \(contactLine). Sans réponse sous un mois, elle peut saisir la CADA "
                + "(\(AlgorithmCard.cadaAddress), \(AlgorithmCard.cadaWebsite)) dans les deux mois. La décision "
                + "peut être contestée auprès du service puis devant le juge administratif."
            : "Anyone can ask for the rules of the processing and how they applied to their case (article L311-3-1 "
                + "of the French CRPA): \(contactLine). Without an answer within a month, they can refer the matter "
                + "to the CADA (\(AlgorithmCard.cadaAddress), \(AlgorithmCard.cadaWebsite)) within two months. The "
                + "decision can be contested with the service, then before the administrative court."
    }
}
