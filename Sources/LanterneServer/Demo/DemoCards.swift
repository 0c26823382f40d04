import LanterneRegister

/// The cards of the demonstration's algorithms: what each is for, its legal basis, how people take part and whom
/// to write to. The administrations and addresses are fictitious (`.invalid` domains).
enum DemoCards {
    private static func contact(_ service: String, _ address: String) -> AlgorithmCard.Contact {
        AlgorithmCard.Contact(
            service: service, address: address, email: "algorithmes@demo-lanterne.invalid", url: nil, phone: nil)
    }

    /// The targeting of tax checks on a synthetic population of households.
    static let targeting = AlgorithmCard(
        name: "Ciblage des contrôles sur pièces (démonstration)",
        administration: "Direction départementale des finances publiques de démonstration",
        purpose:
            "proposer aux agents les déclarations de revenus à examiner en premier, parmi celles qui risquent le plus d'être inexactes",
        legalBasis:
            "article L10 du livre des procédures fiscales (contrôle des déclarations) ; article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .support,
        humanOversight:
            "Un agent lit chaque dossier proposé et décide seul s'il faut un contrôle ; il écrit la raison de sa décision. Une part des contrôles est tirée au sort, sans le score, pour mesurer ce que le modèle manque.",
        contact: contact(
            "Service des impôts des particuliers de démonstration", "1 rue de l'Exemple, 00000 Ville-Exemple"),
        dataSources: ["déclarations de revenus (population synthétique)", "résultats des contrôles passés"]
    ).jsonText()

    /// The prediction of firms in difficulty.
    static let firms = AlgorithmCard(
        name: "Signalement des entreprises en difficulté (démonstration)",
        administration:
            "Commissaire aux restructurations et à la prévention des difficultés des entreprises (démonstration)",
        purpose:
            "signaler aux agents les entreprises qui risquent une défaillance dans les dix-huit mois, pour leur proposer un accompagnement",
        legalBasis:
            "article L611-2 du code de commerce (prévention des difficultés) ; article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .support,
        humanOversight:
            "Le score ne déclenche rien seul : un agent examine la situation de l'entreprise, prend contact avec son dirigeant et note ce qu'il décide et pourquoi.",
        contact: contact(
            "Cellule de prévention des difficultés de démonstration", "2 place de l'Exemple, 00000 Ville-Exemple"),
        dataSources: ["comptes annuels et déclarations sociales (population synthétique)"]
    ).jsonText()

    /// The order in which a programme calls its candidates (Parcoursup).
    static let selection = AlgorithmCard(
        name: "Ordre d'appel des candidats d'une formation (Parcoursup, démonstration)",
        administration: "Formation de démonstration d'un établissement d'enseignement supérieur",
        purpose:
            "calculer l'ordre d'appel des candidats à partir du classement de la commission, en respectant les taux minimaux de boursiers et de candidats du secteur",
        legalBasis:
            "article L612-3 du code de l'éducation ; article D612-1-16 du code de l'éducation (taux minimaux) ; article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .automated,
        humanOversight:
            "La commission d'examen des vœux classe les candidats ; l'algorithme ne fait qu'appliquer les taux minimaux à ce classement. Tout candidat peut demander les critères et leur mise en œuvre.",
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
            "répondre aux questions générales sur l'impôt en citant les textes officiels, et proposer à chaque réponse de parler à une personne",
        legalBasis: "article L311-3-1 du code des relations entre le public et l'administration",
        decisionType: .support,
        humanOversight:
            "L'assistant ne prend aucune décision et ne lit aucun dossier personnel ; chaque réponse propose un rappel par un agent. Les identifiants écrits dans une question sont masqués avant toute lecture.",
        contact: contact("Centre de contact de démonstration", "4 rue de l'Exemple, 00000 Ville-Exemple"),
        dataSources: ["textes officiels publics (base de connaissances de Lanterne)"]
    ).jsonText()
}
