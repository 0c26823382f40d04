import LanterneRegister

/// The cards of the demonstration's algorithms: what each is for, its legal basis, how people take part and whom
/// to write to. The administrations and addresses are fictitious (`.invalid` domains).
enum DemoCards {
    private static func contact(_ service: String, _ address: String) -> AlgorithmCard.Contact {
        AlgorithmCard.Contact(
            service: service, address: address, email: "algorithmes@demo-lanterne.invalid", url: nil, phone: nil)
    }

    /// The targeting of tax checks on a synthetic population of households, with some impact notes written (the
    /// others stay « à compléter » in the exports, as a steward would find them).
    static let targeting: String = {
        var card = targetingCard
        card.assessment.periodOfUse =
            "Une période de contrôle par mois. Chaque mois, le modèle note tous les foyers de la période."
        card.assessment.personsAffected =
            "Les foyers qui déclarent leurs revenus dans le département. Chaque dossier reçoit un score."
        card.assessment.suspension =
            "Le chef du service arrête l'outil si un audit montre un écart entre groupes. Il le dit sur la fiche publique."
        return card.jsonText()
    }()

    private static let targetingCard = AlgorithmCard(
        name: "Ciblage des contrôles sur pièces (démonstration)",
        administration: "Direction départementale des finances publiques de démonstration",
        purpose:
            "montrer aux agents les déclarations à vérifier en premier",
        legalBasis:
            "article L10 du livre des procédures fiscales (contrôle des déclarations) ; article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .support,
        humanOversight:
            "Un agent lit chaque dossier proposé. Il décide seul s'il faut un contrôle. Il écrit pourquoi. Une part des contrôles est tirée au sort, sans le score. Elle montre ce que le score ne voit pas.",
        contact: contact(
            "Service des impôts des particuliers de démonstration", "1 rue de l'Exemple, 00000 Ville-Exemple"),
        dataSources: ["déclarations de revenus (population synthétique)", "résultats des contrôles passés"]
    )

    /// The prediction of firms in difficulty.
    static let firms = AlgorithmCard(
        name: "Signalement des entreprises en difficulté (démonstration)",
        administration:
            "Commissaire aux restructurations et à la prévention des difficultés des entreprises (démonstration)",
        purpose:
            "montrer aux agents les entreprises qui risquent de fermer, pour leur offrir de l'aide",
        legalBasis:
            "article L611-2 du code de commerce (prévention des difficultés) ; article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .support,
        humanOversight:
            "Le score ne fait rien seul. Un agent lit le dossier de l'entreprise. Il parle avec son chef. Il note ce qu'il décide, et pourquoi.",
        contact: contact(
            "Cellule de prévention des difficultés de démonstration", "2 place de l'Exemple, 00000 Ville-Exemple"),
        dataSources: ["comptes annuels et déclarations sociales (population synthétique)"]
    ).jsonText()

    /// The order in which a programme calls its candidates (Parcoursup).
    static let selection = AlgorithmCard(
        name: "Ordre d'appel des candidats d'une formation (Parcoursup, démonstration)",
        administration: "Formation de démonstration d'un établissement d'enseignement supérieur",
        purpose:
            "fixer l'ordre d'appel selon le rang de la commission et les taux de la loi",
        legalBasis:
            "article L612-3 du code de l'éducation ; article D612-1-16 du code de l'éducation (taux minimaux) ; article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .automated,
        humanOversight:
            "La commission classe les candidats. Le calcul ne fait que suivre les taux fixés. Tout candidat peut demander les règles et ce qu'elles ont donné pour lui.",
        contact: contact("Secrétariat de la formation de démonstration", "3 avenue de l'Exemple, 00000 Ville-Exemple"),
        operations: [
            "Les candidats sont pris dans l'ordre du classement de la commission.",
            "Quand le taux minimal de boursiers n'est pas atteint parmi les appelés, le boursier le mieux classé remonte.",
            "Le même principe s'applique au taux minimal de candidats du secteur.",
        ]
    ).jsonText()

    /// The assistant for tax questions.
    static let assistant = AlgorithmCard(
        name: "Assistant des questions fiscales (démonstration)",
        administration: "Direction générale des finances publiques (démonstration)",
        purpose:
            "répondre aux questions sur l'impôt, avec sa source, et mener vers une personne",
        legalBasis: "article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .support,
        humanOversight:
            "L'assistant ne décide rien. Il ne lit pas votre dossier. À chaque réponse, il propose qu'un agent vous rappelle. Les numéros écrits dans une question sont cachés avant tout.",
        contact: contact("Centre de contact de démonstration", "4 rue de l'Exemple, 00000 Ville-Exemple"),
        dataSources: ["textes officiels publics (base de connaissances de Lanterne)"]
    ).jsonText()
}
