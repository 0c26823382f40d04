/// Words that carry no topic: articles, pronouns, auxiliaries, politeness. Negations (ne, pas, sans, aucun, jamais,
/// rien, ni, non) are kept: « sans internet » and « pas imposable » depend on them.
enum FrenchStopWords {
    static let words: Set<String> = [
        "a", "ai", "as", "au", "aux", "avec", "avez", "avoir", "avons", "ayant", "bah", "ben", "bjr", "bonjour",
        "bonsoir", "c", "ca", "ce", "ceci", "cela", "celle", "celui", "ces", "cet", "cette", "chez", "comme",
        "comment", "d", "dans", "de", "des", "dois", "doit", "donc", "du", "elle", "elles", "en", "es", "est", "et",
        "etc", "etre", "eu", "fait", "faire", "faut", "hello", "il", "ils", "j", "je", "l", "la", "le", "les",
        "leur", "leurs", "lui", "m", "ma", "madame", "mais", "me", "merci", "mes", "moi", "mon", "monsieur", "n",
        "nos", "notre", "nous", "on", "ont", "ou", "par", "peu", "peut", "peux", "pour", "pouvez", "pouvoir",
        "quand", "que", "quel", "quelle", "quelles", "quels", "qui", "quoi", "s", "sa", "salut", "se", "ses", "si",
        "slt", "son", "sont", "stp", "suis", "sur", "svp", "t", "ta", "te", "tes", "toi", "ton", "tu", "un", "une",
        "vos", "votre", "vous", "y", "voila", "voudrais", "veux", "aimerais", "savoir", "est-ce", "bien", "tres",
        "aussi", "alors", "deja", "encore", "toujours", "vraiment", "juste", "svp", "cordialement", "oui", "ok",
        "qu", "quelqu", "estce", "etait", "sera", "serait", "va", "vais", "vont", "aller", "avait", "ete", "sommes",
        "etes", "sais", "sait", "ceux", "dont", "tout", "tous", "toute", "toutes", "autre", "autres", "meme",
        // SMS spellings of the words above (« koi », « jsp », « chui »...).
        "koi", "kwa", "ke", "ki", "jsp", "chui", "jsuis", "jpeux", "jdois", "jai", "jveux", "pr", "ds", "tjrs", "tjs",
        "bcp", "mm", "keske", "kesk", "kan", "qd", "dc", "cc", "pcq", "psk", "jme", "jvais", "ya", "yaura",
    ]
}
