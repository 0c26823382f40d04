/// The ways to reach a person at the tax administration, given with every reply.
public enum HumanChannels {
    /// The channels, in French.
    public static let french =
        "Pour parler à une personne : la messagerie sécurisée de votre espace particulier sur impots.gouv.fr ; "
        + "le 0809 401 401 (service gratuit + prix d'un appel), du lundi au vendredi de 8 h 30 à 19 h ; votre "
        + "service des impôts des particuliers, avec ou sans rendez-vous ; ou une France services près de chez "
        + "vous. Vous pouvez aussi demander à être rappelé."

    /// The sentence added to an answer from an article whose facts were confirmed only from secondary sources
    /// (`status: à vérifier`).
    /// - Parameter url: the official page to check on.
    static func unverified(_ url: String) -> String {
        "Attention : ces informations n'ont pas encore été confirmées sur la page officielle. Vérifiez-les sur "
            + url + " avant de vous en servir."
    }

    /// The fixed sentences of the assistant (never an answer: answers come from the base).
    static func sentence(_ reason: Reply.Reason) -> String {
        switch reason {
        case .personalFile:
            return "Je ne vois pas votre dossier : je ne peux pas vous donner votre montant ni suivre votre "
                + "démarche. Un agent peut le faire, par la messagerie sécurisée ou par téléphone."
        case .otherLanguage:
            return "Je réponds seulement en français. Une personne peut vous aider : voici comment la joindre."
        case .notUnderstood:
            return "Je n'ai pas compris la question. Pouvez-vous la poser autrement, avec quelques mots sur votre "
                + "démarche ?"
        case .lowConfidence:
            return "Je ne suis pas sûr de la réponse. Est-ce l'un de ces sujets ?"
        case .outOfScope:
            return "Je ne trouve pas de réponse sûre à cette question dans les fiches des impôts. Une personne peut "
                + "vous aider."
        case .empty:
            return "Posez votre question en quelques mots, par exemple : « Quand dois-je déclarer mes revenus ? »"
        }
    }
}
