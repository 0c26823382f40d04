/// The words people read for the category codes of the synthetic populations, written into their schemas' `labels`.
enum CategoryWords {
    static let sexes = ["F": "femme", "M": "homme"]

    static let situations = [
        "marie": "marié(e)", "pacse": "pacsé(e)", "celibataire": "célibataire", "divorce": "divorcé(e)",
        "veuf": "veuf ou veuve",
    ]

    static let zones = ["urbain": "commune urbaine", "rural": "commune rurale"]

    static let nationalities = [
        "francaise": "française", "ue": "d'un autre pays de l'Union européenne",
        "hors_ue": "d'un pays hors de l'Union européenne",
    ]

    static let regions = [
        "auvergne_rhone_alpes": "Auvergne-Rhône-Alpes", "bourgogne_franche_comte": "Bourgogne-Franche-Comté",
        "bretagne": "Bretagne", "centre_val_de_loire": "Centre-Val de Loire", "corse": "Corse",
        "grand_est": "Grand Est",
        "hauts_de_france": "Hauts-de-France", "ile_de_france": "Île-de-France", "normandie": "Normandie",
        "nouvelle_aquitaine": "Nouvelle-Aquitaine", "occitanie": "Occitanie", "pays_de_la_loire": "Pays de la Loire",
        "provence_alpes_cote_d_azur": "Provence-Alpes-Côte d'Azur", "outre_mer": "outre-mer",
    ]

    static let sectors = [
        "industrie": "industrie", "construction": "construction", "commerce": "commerce", "transport": "transport",
        "hebergement_restauration": "hébergement et restauration",
        "information_communication": "information et communication",
        "services_entreprises": "services aux entreprises", "services_menages": "services aux ménages",
    ]

    static let sizes = [
        "micro": "microentreprise", "pme": "petite ou moyenne entreprise (PME)",
        "eti": "entreprise de taille intermédiaire (ETI)", "ge": "grande entreprise",
    ]

    static let tracks = ["general": "général", "technologique": "technologique", "professionnel": "professionnel"]

    static let schools = ["public": "lycée public", "prive": "lycée privé"]

    static let opinions = [
        "tres_favorable": "très favorable", "favorable": "favorable", "assez_favorable": "assez favorable",
        "peu_demontre": "peu démontré",
    ]
}
