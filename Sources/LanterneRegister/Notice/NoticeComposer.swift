import LanterneCharts
import LanterneData
import LanterneExplain
import LanterneModels

/// Writes a person's notice: the explicit mention of CRPA R311-3-1-1, then the four items of R311-3-1-2 applied to
/// their case, in short sentences and everyday words.
public struct NoticeComposer: Sendable {
    /// The algorithm's card.
    public let card: AlgorithmCard
    /// The model file's content.
    public let document: ModelDocument
    /// The model's version id (its file's SHA-256).
    public let version: String
    /// The reader's language.
    public let language: Language

    /// Creates a composer.
    /// - Parameters:
    ///   - card: the algorithm's card.
    ///   - document: the model file's content.
    ///   - version: the model's version id.
    ///   - language: the reader's language.
    public init(card: AlgorithmCard, document: ModelDocument, version: String, language: Language = .fr) {
        self.card = card
        self.document = document
        self.version = version
        self.language = language
    }

    /// One case, as the notice needs it.
    public struct Case: Sendable {
        /// The case's identifier in the file.
        public var id: String
        /// Its values, in the model's feature order.
        public var values: [Double]
        /// Its exact contributions.
        public var contributions: Contributions
        /// What would have brought it under the card's threshold, if searched.
        public var counterfactual: Counterfactual?
        /// The most changes the counterfactual search allowed.
        public var maxChanges: Int

        /// Creates a case.
        public init(
            id: String, values: [Double], contributions: Contributions, counterfactual: Counterfactual? = nil,
            maxChanges: Int = 3
        ) {
            self.id = id
            self.values = values
            self.contributions = contributions
            self.counterfactual = counterfactual
            self.maxChanges = maxChanges
        }
    }

    /// The notice of one case.
    /// - Parameters:
    ///   - person: the case.
    ///   - date: the date written on the notice (« 29 novembre 2026 »).
    /// - Returns: the notice's content.
    public func notice(for person: Case, date: String) -> Notice {
        let words = NoticeWording(language: language)
        let model = document.model
        let score = logistic(person.contributions.total)
        return Notice(
            language: language, title: words.title,
            lead: [card.administration, words.caseLine(id: person.id, name: card.name), words.dateLine(date)],
            sections: [
                words.mention(card: card, caseID: person.id),
                words.role(card: card, score: score),
                dataSection(person, words: words),
                effectsSection(person, words: words),
                words.operations(card: card, kind: model.kind, trees: (model as? TreeEnsemble)?.trees.count),
            ],
            footer: words.footer(legalBasis: card.legalBasis, version: version))
    }

    /// How a person reads a feature: its description without the parenthesis, else its name.
    func label(_ feature: Int) -> String {
        let name = document.model.features[feature].name
        return document.schema?.column(named: name)?.shortLabel ?? name
    }

    func value(_ feature: Int, _ number: Double) -> String {
        let model = document.model
        return FeatureValueText.text(
            number, feature: model.features[feature],
            column: document.schema?.column(named: model.features[feature].name), language: language)
    }

    private func dataSection(_ person: Case, words: NoticeWording) -> Notice.Section {
        let features = document.model.features
        let rows = features.indices.map { index in
            [
                label(index), value(index, person.values[index]),
                document.schema?.column(named: features[index].name)?.source.nonEmpty ?? words.unknownSource,
            ]
        }
        let protected = (document.schema?.columns ?? []).filter { $0.role == .protected }.map(\.shortLabel)
        return words.data(count: features.count, rows: rows, unused: protected)
    }

    private func effectsSection(_ person: Case, words: NoticeWording) -> Notice.Section {
        let features = document.model.features
        var groups: [String: String] = [:]
        for (index, feature) in features.enumerated() {
            groups[feature.name] = document.schema?.column(named: feature.name)?.group ?? label(index)
        }
        let readable = ReadableContributions(
            person.contributions, names: features.map(\.name), groups: groups, top: 5, othersName: words.othersName)
        var lines: [String] = []
        for effect in readable.effects {
            // The features behind a theme, largest part first (two at most), with the person's values.
            let members = features.indices.filter { groups[features[$0].name] == effect.name }
                .filter { person.contributions.values[$0] != 0 }
                .sorted { abs(person.contributions.values[$0]) > abs(person.contributions.values[$1]) }
                .prefix(2)
                .map { (lowercasedFirst(label($0)), value($0, person.values[$0])) }
            lines.append(words.effect(effect, details: Array(members)))
        }
        var closing: [String] = []
        if let answer = person.counterfactual, answer.status != .notNeeded {
            closing.append(
                words.counterfactualIntro
                    + CounterfactualText.sentence(
                        answer, maxChanges: person.maxChanges, label: label, value: value, language: language))
        }
        var section = words.effects(
            base: readable.baseProbability, score: readable.probability, lines: lines, closing: closing)
        let language = self.language
        section.chart = BarChart(
            bars: readable.effects.map { effect in
                let points = (effect.to - effect.from) * 100
                let text = ReadableNumber.text(points, language: language, decimals: 1)
                return .init(
                    label: effect.name.prefix(1).uppercased() + effect.name.dropFirst(), value: points,
                    valueText: (points >= 0 ? "+" : "") + text + (language == .fr ? " pts" : " pts"))
            }, title: words.chartTitle, description: words.chartDescription(lines.count),
            tickText: { ReadableNumber.text($0, language: language, decimals: 1) }
        ).svg(id: "effets")
        return section
    }
}

/// `text` with its first letter in lower case (« Revenus fonciers » inside a sentence).
func lowercasedFirst(_ text: String) -> String {
    guard let first = text.first else { return text }
    let second = text.dropFirst().first
    // Keep acronyms (« RFR », « QPV ») as they are.
    if let second, second.isUppercase { return text }
    return first.lowercased() + text.dropFirst()
}

extension String {
    /// The string, or `nil` when empty.
    var nonEmpty: String? { isEmpty ? nil : self }
}
