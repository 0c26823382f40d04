import Foundation
import LanterneData
import LanterneExplain
import LanterneModels
import LanterneRegister
import Testing

@Suite("Notices: the CRPA mention and the four R311-3-1-2 items for one person")
struct NoticeComposerTests {
    /// revenus: −0.5 under 20 000 €, +1 from it; en_ligne: +0.3 when 0, −0.3 when 1; intercept −2.
    static let model = AdditiveModel(
        features: [ModelFeature(name: "revenus"), ModelFeature(name: "en_ligne")], intercept: -2,
        terms: [
            AdditiveTerm(name: "revenus", input: .feature(0), cuts: [20000], scores: [0, -0.5, 1]),
            AdditiveTerm(name: "en_ligne", input: .feature(1), cuts: [0.5], scores: [0, 0.3, -0.3]),
        ])
    static let schema = Schema(columns: [
        ColumnDescription(
            name: "revenus", role: .feature, type: .number, description: "Revenus déclarés (avant abattement)",
            source: "déclaration 2042", unit: "€", group: "revenus"),
        ColumnDescription(
            name: "en_ligne", role: .feature, type: .boolean, description: "Déclaration faite en ligne",
            source: "déclaration 2042", group: "déclaration"),
        ColumnDescription(name: "sexe", role: .protected, type: .category, description: "Sexe (F, M)"),
    ])
    static let card = AlgorithmCard(
        name: "Ciblage", administration: "DDFiP de démonstration", purpose: "choisir les dossiers à vérifier",
        legalBasis: "article L10 du LPF", decisionType: .support, humanOversight: "Un agent décide.",
        contact: .init(service: "SIP", address: "1 rue de l'Exemple", email: nil, url: nil, phone: nil),
        threshold: 0.3)

    static func notice(language: Language = .fr) -> Notice {
        let document = ModelDocument(model: model, origin: "test", schema: schema)
        let row: [Double] = [30000, 0]
        let observed = FeatureMatrix(rows: 3, features: 2, values: [0, 0, 30000, 0, 50000, 1])
        let search = CounterfactualSearch(
            model: model, domains: FeatureDomain.observed(in: observed, features: model.features, immutable: []))
        let contributions = row.withUnsafeBufferPointer { Explainer(model: model).contributions($0) }
        return NoticeComposer(
            card: card, document: document, version: String(repeating: "ab", count: 32), language: language
        )
        .notice(
            for: .init(
                id: "42", values: row, contributions: contributions,
                counterfactual: search.counterfactual(row, threshold: 0.3)),
            date: "29 novembre 2026")
    }

    @Test("The person's score, their effects by theme with their values, and the change that would have mattered")
    func effects() {
        let text = Self.notice().plainText()
        let nbsp = "\u{00A0}"
        // logit = −2 + 1 + 0.3 = −0.7: 33.2 %; base 11.9 %; after revenus (+1) 26.9 %.
        #expect(text.contains("Le score de votre dossier est de 33,2\(nbsp)%."))
        #expect(
            text.contains(
                "Les dossiers dont le score atteint 30\(nbsp)% sont proposés à un agent. Votre dossier est au-dessus de ce seuil."
            ))
        #expect(text.contains("Pour un dossier moyen, le score est de 11,9\(nbsp)%."))
        #expect(
            text.contains(
                "1. Revenus : le score monte de 11,9\(nbsp)% à 26,9\(nbsp)%. En cause : revenus déclarés (30\(nbsp)000\(nbsp)€)."
            ))
        #expect(
            text.contains(
                "2. Déclaration : le score monte de 26,9\(nbsp)% à 33,2\(nbsp)%. En cause : déclaration faite en ligne (non)."
            ))
        // Under 20 000 € the score would be logistic(−2.2) = 10 %: the nearest such value is 19 999 €.
        #expect(
            text.contains(
                "Avec « Revenus déclarés » à 19\(nbsp)999\(nbsp)€ au lieu de 30\(nbsp)000\(nbsp)€, le score aurait été de 10\(nbsp)% au lieu de 33,2\(nbsp)%, sous le seuil de 30\(nbsp)%."
            ))
    }

    @Test("The mention: purpose, the right and its article, whom to write to, the CADA's delays and address")
    func mention() {
        let text = Self.notice().plainText()
        #expect(
            text.contains("Un algorithme a été utilisé pour votre dossier. Il sert à choisir les dossiers à vérifier."))
        #expect(text.contains("C'est l'article L311-3-1 du code des relations entre le public et l'administration."))
        #expect(text.contains("écrivez à : SIP, 1 rue de l'Exemple."))
        #expect(text.contains("vous avez deux mois pour saisir la CADA"))
        #expect(text.contains("CADA, TSA 50730, 75334 Paris Cedex 07"))
    }

    @Test("The data with their values and source, the protected traits said unused, the steps of an additive model")
    func dataAndSteps() {
        let text = Self.notice().plainText()
        #expect(
            text.contains(
                "- Revenus déclarés : 30\u{00A0}000\u{00A0}€.\n- Déclaration faite en ligne : non.\nOrigine de ces données : déclaration 2042."
            ))
        #expect(text.contains("Le score ne tient pas compte de ces données : sexe."))
        #expect(text.contains("2. Chaque donnée donne des points selon sa valeur. Les points sont additionnés."))
        #expect(text.hasSuffix("Base légale : article L10 du LPF.\nVersion du modèle : abababababab.\n"))
    }

    @Test("HTML: French language, no script, a captioned table with header cells, escaped text")
    func html() {
        let page = Self.notice().html()
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        #expect(!page.contains("<script"))
        // No outside resource: nothing is loaded (the SVG namespace is a name, not a fetch).
        #expect(!page.contains("src=") && !page.contains("href=") && !page.contains("url("))
        #expect(page.contains("<caption>Vos données utilisées par l&#39;algorithme</caption>"))
        #expect(
            page.contains(
                "<th scope=\"col\">Donnée</th><th scope=\"col\">Votre valeur</th><th scope=\"col\">Origine</th>"))
        #expect(
            page.contains(
                "<tr><th scope=\"row\">Revenus déclarés</th><td>30\u{00A0}000\u{00A0}€</td><td>déclaration 2042</td></tr>"
            ))
    }

    @Test("English on request")
    func english() {
        let text = Self.notice(language: .en).plainText()
        #expect(text.hasPrefix("An algorithm was used for your case\n"))
        #expect(text.contains("The score of your case is 33.2%."))
    }
}
