/// What a question is before any search: empty, in another language, about the person's own file, or a question
/// for the base.
enum QuestionScreen {
    enum Kind: Equatable {
        case empty
        case otherLanguage
        case personalFile
        case question
    }

    /// Words frequent in English, Spanish, German, Italian and Portuguese questions and rare in French ones.
    private static let foreign: Set<String> = [
        "the", "is", "my", "how", "what", "when", "where", "why", "do", "does", "can", "tax", "taxes", "pay", "and",
        "with", "have", "you", "your", "please", "el", "los", "las", "mi", "como", "cuando", "donde", "por", "para",
        "impuestos", "pagar", "tengo", "es", "der", "die", "das", "ich", "wie", "wann", "steuer", "steuern", "und",
        "mein", "meine", "ist", "nicht", "habe", "kann", "mio", "come", "quando", "tasse", "pagare", "sono",
        "meu", "minha", "voce", "imposto", "impostos", "obrigado", "gracias", "thanks", "hello", "hi",
    ]

    private static let french: Set<String> = [
        "je", "j", "tu", "il", "on", "nous", "vous", "le", "la", "les", "de", "des", "du", "un", "une", "est", "et",
        "mon", "ma", "mes", "pour", "que", "qui", "quoi", "comment", "quand", "pourquoi", "impots", "impot", "taxe",
        "ai", "suis", "pas", "ne", "faut", "dois", "peux", "avec", "sur", "dans", "au", "aux", "ce", "ca", "c",
    ]

    /// Sequences of words that ask about the state of one's own file or one's own amount.
    private static let personal: [[String]] = [
        ["ou", "en", "est"], ["ou", "en", "sont"], ["ou", "ca", "en", "est"], ["bien", "ete", "recue"],
        ["bien", "ete", "recu"], ["bien", "recu", "ma"], ["bien", "recu", "mon"], ["bien", "arrive"],
        ["bien", "arrivee"], ["pris", "en", "compte", "ma"], ["quel", "est", "mon", "montant"],
        ["quel", "sera", "mon"], ["quel", "est", "le", "montant", "de", "mon"], ["montant", "de", "mon", "impot"],
        ["combien", "je", "vais", "payer"], ["combien", "vais", "je", "payer"], ["combien", "je", "dois", "payer"],
        ["combien", "dois", "je", "payer"], ["combien", "je", "vais", "recevoir"],
        ["combien", "vais", "je", "recevoir"],
        ["combien", "je", "vais", "toucher"], ["combien", "je", "dois"], ["combien", "on", "va", "payer"],
        ["combien", "on", "doit"], ["combien", "vais", "je", "toucher"], ["mon", "dossier", "avance"],
        ["avez", "vous", "recu"], ["vous", "avez", "recu"], ["statut", "de", "ma"], ["statut", "de", "mon"],
        ["suivi", "de", "ma"], ["suivi", "de", "mon"], ["quand", "vais", "je", "etre", "rembourse"],
        ["toujours", "pas", "ete", "rembourse"], ["toujours", "pas", "recu", "mon"], ["ma", "reclamation", "en"],
        ["regarder", "mon", "dossier"], ["verifier", "mon", "dossier"], ["consulter", "mon", "dossier"],
        ["acces", "a", "mon", "dossier"], ["acces", "a", "mes"], ["mon", "solde"], ["mon", "taux", "actuel"],
        ["pourquoi", "mon", "impot", "a"], ["pourquoi", "mon", "taux", "a"], ["pourquoi", "j", "ai", "recu"],
        ["pourquoi", "je", "paie"], ["pourquoi", "je", "paye"], ["calculer", "mon", "impot"],
        ["calcule", "mon", "impot"], ["calculez", "mon"], ["donne", "moi", "mon"], ["donne", "moi", "ma"],
        ["donnez", "moi", "mon"], ["donnez", "moi", "ma"], ["je", "paie", "combien"], ["je", "paye", "combien"],
        ["dans", "ton", "systeme"], ["dans", "votre", "systeme"], ["dans", "vos", "fichiers"],
        ["a", "t", "il", "ete"], ["a", "t", "elle", "ete"], ["ont", "ils", "ete"],
        ["est", "ce", "que", "j", "ai", "paye"],
        ["est", "ce", "que", "j", "ai", "bien"], ["combien", "je", "vais", "etre"],
        // Asking someone to look at one's case, or whether one's own document or request is right or accepted.
        ["va", "me", "rappeler"], ["vont", "me", "rappeler"], ["vous", "pouvez", "regarder"],
        ["pouvez", "vous", "regarder"], ["vous", "pouvez", "verifier"], ["pouvez", "vous", "verifier"],
        ["est", "il", "juste"], ["est", "elle", "juste"], ["est", "il", "correct"], ["est", "elle", "correcte"],
        ["bien", "ete", "pris"], ["bien", "ete", "prise"], ["dans", "mon", "calcul"], ["a", "ete", "acceptee"],
        ["a", "ete", "accepte"], ["a", "ete", "traitee"], ["a", "ete", "traite"],
    ]

    static func kind(_ question: String) -> Kind {
        let folded = FrenchFolding.fold(question).replacingOccurrences(of: "'", with: " ")
        let words = folded.split(separator: " ").map(String.init)
        guard words.contains(where: { $0.contains(where: \.isLetter) }) else { return .empty }
        // Letters of other scripts (Arabic, Cyrillic, Chinese...) with no Latin word: another language.
        let latin = words.filter { $0.unicodeScalars.allSatisfy { $0.isASCII } && $0.contains(where: \.isLetter) }
        if latin.isEmpty { return .otherLanguage }
        let foreignCount = latin.filter { foreign.contains($0) }.count
        let frenchCount = latin.filter { french.contains($0) }.count
        if foreignCount >= 2 && foreignCount > frenchCount { return .otherLanguage }
        for pattern in personal where contains(words, pattern) { return .personalFile }
        return .question
    }

    private static func contains(_ words: [String], _ pattern: [String]) -> Bool {
        guard words.count >= pattern.count else { return false }
        for start in 0...(words.count - pattern.count) where words[start] == pattern[0] {
            if Array(words[start..<(start + pattern.count)]) == pattern { return true }
        }
        return false
    }
}
