/// Synthetic French tax households (`lanterne synth foyers`).
///
/// Every distribution and both hidden processes are documented with their figures and formulas in
/// `docs/synthetic-populations.md`; the constants below are the ones that page cites.
public struct HouseholdPopulation: SyntheticPopulation {
    /// The number of rows.
    public let rows: Int
    /// The seed.
    public let seed: UInt64

    /// Creates the population.
    /// - Parameters:
    ///   - rows: how many households.
    ///   - seed: the seed; the same seed gives the same households.
    public init(rows: Int, seed: UInt64) {
        self.rows = rows
        self.seed = seed
    }

    /// Share of households drawn uniformly at random for a control.
    public static let randomDrawShare = 0.01
    /// Probability that a control finds an irregularity that exists.
    public static let detectionRate = 0.9

    /// The log-odds of a true irregularity: behaviour and opportunity only, never a protected trait.
    /// - Parameter h: the household (its observable features).
    /// - Returns: the log-odds.
    public static func irregularityLogit(_ h: Household) -> Double {
        var z = -3.5
        if h.selfEmploymentIncome > 0 { z += 1.1 }
        if h.microEntrepreneur { z += 0.4 }
        if h.rentalIncome > 0 { z += 0.8 }
        if h.foreignAccounts { z += 1.4 }
        if h.actualExpenses { z += 0.7 }
        if h.homeHelpCredit + h.childcareCredit + h.donationReduction > 2_000 { z += 0.6 }
        if h.filedLate { z += 0.9 }
        z += 0.6 * Double(min(h.pastCorrections, 3))
        if h.incomeChange < -0.3 { z += 1.0 }
        return z
    }

    /// The log-odds of a targeted control in the past: partly the real risk, partly the bias of past practice
    /// against single parents, priority neighbourhoods, non-EU nationals and paper filers.
    /// - Parameter h: the household, with its hidden irregularity.
    /// - Returns: the log-odds.
    public static func historicalControlLogit(_ h: Household) -> Double {
        var z = -4.0
        if h.irregular { z += 1.2 }
        if h.selfEmploymentIncome > 0 { z += 0.4 }
        if h.singleParent { z += 0.9 }
        if h.priorityNeighbourhood { z += 0.7 }
        if h.nationality == .horsUE { z += 0.8 }
        if !h.filedOnline { z += 0.6 }
        return z
    }

    /// Household `row`.
    /// - Parameter row: the row number.
    /// - Returns: the household.
    public func household(_ row: Int) -> Household {
        var r = SeededRandom(seed: seed, row: row)
        // Place: département, rural or urban, priority neighbourhood.
        let departmentIndex = r.pick(cumulative: Departments.cumulative)
        let department = Departments.all[departmentIndex]
        let rural = r.bernoulli(Departments.ruralShare[department.density])
        var qpvShare = 0.095
        switch department.code {
        case "93": qpvShare = 0.38
        case "75", "92", "94", "95", "69", "13", "59", "971", "972", "973", "974", "976": qpvShare = 0.16
        default: break
        }
        let qpv = !rural && r.bernoulli(qpvShare)

        // People: age, situation, children.
        let ageBand = r.pick([9, 16, 16, 17, 16, 15, 9, 5])
        let bandStarts = [18, 25, 35, 45, 55, 65, 75, 85]
        let bandWidths = [7, 10, 10, 10, 10, 10, 10, 11]
        let age = bandStarts[ageBand] + Int(r.uniform() * Double(bandWidths[ageBand]))
        let situationWeights: [Double] =
            switch age {
            case ..<30: [9, 10, 80, 1, 0]
            case 30..<50: [38, 9, 40, 12, 1]
            case 50..<65: [50, 4, 20, 20, 6]
            default: [40, 1, 12, 15, 32]
            }
        let situation = Household.Situation.allCases[r.pick(situationWeights)]
        let couple = situation == .marie || situation == .pacse
        let childChance: Double =
            switch age {
            case ..<25: couple ? 0.15 : 0.03
            case 25..<55: couple ? 0.68 : 0.21
            case 55..<65: couple ? 0.25 : 0.06
            default: 0.01
            }
        var children = 0
        if r.bernoulli(childChance) { children = 1 + r.pick([42, 38, 15, 4, 1]) }
        let singleParent = !couple && children > 0 && situation != .veuf
        let female: Bool = singleParent ? r.bernoulli(0.82) : r.bernoulli(couple ? 0.5 : 0.55)

        // Nationality and disability.
        var nonEU = 0.045
        if qpv { nonEU = 0.21 } else if department.code == "93" || department.code == "75" { nonEU = 0.13 }
        let nationality = Household.Nationality.allCases[r.pick([1 - nonEU - 0.023, 0.023, nonEU])]
        let disabilityCard = r.bernoulli(age < 50 ? 0.02 : age < 75 ? 0.05 : 0.10)

        // Incomes, per earner.
        let earners = couple ? 2 : 1
        var salaries = 0.0
        var pensions = 0.0
        for _ in 0..<earners {
            let working = age < 62 ? 0.84 : age < 67 ? 0.3 : 0.04
            if r.bernoulli(working) { salaries += r.logNormal(median: qpv ? 17_000 : 21_500, sigma: 0.55) }
            let retired = age >= 67 ? 0.97 : age >= 62 ? 0.6 : 0.02
            if r.bernoulli(retired) { pensions += r.logNormal(median: 18_000, sigma: 0.45) }
        }
        var selfEmployment = 0.0
        var micro = false
        if age < 70 && r.bernoulli(0.09) {
            micro = r.bernoulli(0.55)
            selfEmployment = micro ? r.logNormal(median: 8_000, sigma: 0.9) : r.logNormal(median: 33_000, sigma: 0.85)
        }
        let rentalChance = age < 35 ? 0.04 : age < 65 ? 0.12 : 0.16
        let rental = r.bernoulli(rentalChance) ? r.logNormal(median: 6_000, sigma: 0.9) : 0
        let earned = salaries + pensions + selfEmployment
        let capitalChance = min(0.7, 0.12 + earned / 250_000)
        let capital = r.bernoulli(capitalChance) ? r.logNormal(median: 400, sigma: 1.5) : 0
        let actualExpenses = salaries > 0 && r.bernoulli(salaries > 40_000 ? 0.12 : 0.06)
        let maintenance =
            (situation == .divorce && r.bernoulli(0.12)) ? r.logNormal(median: 3_000, sigma: 0.5) : 0

        // Parts (quotient familial).
        var parts = couple || (situation == .veuf && children > 0) ? 2.0 : 1.0
        for child in 0..<children { parts += child < 2 ? 0.5 : 1 }
        if singleParent { parts += 0.5 }
        if disabilityCard { parts += 0.5 }

        // Credits and reductions.
        let homeHelpChance = (age >= 70 ? 0.16 : 0.05) + min(0.1, earned / 800_000)
        let homeHelp = r.bernoulli(homeHelpChance) ? min(6_000, 0.5 * r.logNormal(median: 2_400, sigma: 0.8)) : 0
        let childcare =
            children > 0 && r.bernoulli(0.2) ? min(1_750 * Double(children), r.logNormal(median: 900, sigma: 0.6)) : 0
        let donationChance = min(0.45, 0.04 + earned / 400_000)
        let donation = r.bernoulli(donationChance) ? 0.66 * r.logNormal(median: 250, sigma: 1.0) : 0

        // Income after the standard deductions, and the tax.
        let salaryDeduction = actualExpenses ? 0.16 : 0.10
        let microAllowance = micro ? 0.5 : 0.0
        let taxable = max(
            0,
            salaries * (1 - salaryDeduction) + pensions * 0.9 + selfEmployment * (1 - microAllowance) + rental
                + capital - maintenance)
        let grossTax = IncomeTax.tax(taxableIncome: taxable, parts: parts, couple: couple)
        let reductions = min(grossTax, donation)
        let netTax = grossTax - reductions - homeHelp - childcare

        // Behaviour.
        var incomeChange = 0.02 + 0.12 * r.normal()
        if r.bernoulli(0.05) { incomeChange = r.bernoulli(0.5) ? -0.45 + 0.1 * r.normal() : 0.5 + 0.2 * r.normal() }
        incomeChange = max(-0.95, incomeChange)
        var onlineChance = age >= 75 ? 0.55 : age >= 65 ? 0.8 : 0.93
        if disabilityCard { onlineChance -= 0.1 }
        if rural { onlineChance -= 0.04 }
        let filedOnline = r.bernoulli(onlineChance)
        let filedLate = r.bernoulli(0.025)
        var foreignChance = 0.005 + min(0.03, capital / 200_000)
        if nationality != .francaise { foreignChance += 0.04 }
        let foreignAccounts = r.bernoulli(foreignChance)
        let corrections = r.bernoulli(0.08) ? 1 + r.pick([70, 22, 8]) : 0

        var household = Household(
            id: row + 1, age: age, female: female, situation: situation, children: children,
            singleParent: singleParent, parts: parts, department: department.code, region: department.region,
            rural: rural, priorityNeighbourhood: qpv, nationality: nationality, disabilityCard: disabilityCard,
            filedOnline: filedOnline, filedLate: filedLate, salaries: Int(salaries.rounded()),
            pensions: Int(pensions.rounded()), selfEmploymentIncome: Int(selfEmployment.rounded()),
            microEntrepreneur: micro, rentalIncome: Int(rental.rounded()), capitalIncome: Int(capital.rounded()),
            actualExpenses: actualExpenses, maintenancePaid: Int(maintenance.rounded()),
            homeHelpCredit: Int(homeHelp.rounded()), childcareCredit: Int(childcare.rounded()),
            donationReduction: Int(donation.rounded()), referenceIncome: Int(taxable.rounded()),
            netTax: Int(netTax.rounded()), incomeChange: incomeChange, foreignAccounts: foreignAccounts,
            pastCorrections: corrections, irregular: false, undeclaredAmount: 0, randomDraw: false,
            controlled: false, adjustment: nil)

        // Hidden process 1: the true irregularity and its amount.
        household.irregular = r.bernoulli(logistic(HouseholdPopulation.irregularityLogit(household)))
        if household.irregular {
            let opportunity =
                0.15 * selfEmployment + 0.3 * rental + 0.03 * salaries + (foreignAccounts ? 4_000 : 0) + 0.4 * homeHelp
            household.undeclaredAmount = Int(max(300, opportunity * r.logNormal(median: 1, sigma: 0.6)).rounded())
        }
        // Hidden process 2: who was controlled, by the random draw or by past targeting.
        household.randomDraw = r.bernoulli(HouseholdPopulation.randomDrawShare)
        let targeted = r.bernoulli(logistic(HouseholdPopulation.historicalControlLogit(household)))
        household.controlled = household.randomDraw || targeted
        let detected = r.bernoulli(HouseholdPopulation.detectionRate)
        if household.controlled { household.adjustment = household.irregular && detected }
        return household
    }

    /// Appends household `row` as one CSV line.
    /// - Parameters:
    ///   - row: the row number.
    ///   - buffer: the output bytes.
    public func appendRecord(_ row: Int, to buffer: inout [UInt8]) {
        let h = household(row)
        RecordLine.append(to: &buffer) { line in
            line.integer(h.id)
            line.integer(h.age)
            line.label(h.female ? "F" : "M")
            line.label(h.situation.rawValue)
            line.integer(h.children)
            line.flag(h.singleParent)
            line.decimal(h.parts, 1)
            line.label(h.department)
            line.label(Departments.regions[h.region])
            line.label(h.rural ? "rural" : "urbain")
            line.flag(h.priorityNeighbourhood)
            line.label(h.nationality.rawValue)
            line.flag(h.disabilityCard)
            line.flag(h.filedOnline)
            line.flag(h.filedLate)
            line.integer(h.salaries)
            line.integer(h.pensions)
            line.integer(h.selfEmploymentIncome)
            line.flag(h.microEntrepreneur)
            line.integer(h.rentalIncome)
            line.integer(h.capitalIncome)
            line.flag(h.actualExpenses)
            line.integer(h.maintenancePaid)
            line.integer(h.homeHelpCredit)
            line.integer(h.childcareCredit)
            line.integer(h.donationReduction)
            line.integer(h.referenceIncome)
            line.integer(h.netTax)
            line.decimal(h.incomeChange, 3)
            line.flag(h.foreignAccounts)
            line.integer(h.pastCorrections)
            line.flag(h.controlled)
            if let adjustment = h.adjustment { line.flag(adjustment) } else { line.missing() }
            line.flag(h.irregular)
            line.integer(h.undeclaredAmount)
            line.flag(h.randomDraw)
        }
    }

    /// The columns, in file order, with their French descriptions.
    public var schema: Schema { HouseholdPopulation.columns }

    static let columns = Schema(columns: [
        .synthetic("id_foyer", .id, .number, "Numéro du foyer fiscal dans le fichier"),
        .synthetic(
            "age", .feature, .number, "Âge du premier déclarant", unit: "ans", group: "situation personnelle",
            immutable: true),
        .synthetic(
            "sexe", .protected, .category, "Sexe du premier déclarant (F, M)", labels: CategoryWords.sexes),
        .synthetic(
            "situation_familiale", .feature, .category,
            "Situation de famille déclarée (marié, pacsé, célibataire, divorcé, veuf)", group: "famille",
            immutable: true, labels: CategoryWords.situations),
        .synthetic("nb_enfants", .feature, .number, "Nombre d'enfants à charge", group: "famille", immutable: true),
        .synthetic("parent_isole", .protected, .boolean, "Parent qui élève seul ses enfants (case T)"),
        .synthetic(
            "nb_parts", .feature, .number, "Nombre de parts du quotient familial", group: "famille", immutable: true),
        .synthetic(
            "departement", .feature, .category, "Département de résidence", group: "lieu de résidence", immutable: true),
        .synthetic(
            "region", .feature, .category, "Région de résidence", group: "lieu de résidence", immutable: true,
            labels: CategoryWords.regions),
        .synthetic(
            "zone", .feature, .category, "Commune urbaine ou rurale (grille de densité)", group: "lieu de résidence",
            immutable: true, labels: CategoryWords.zones),
        .synthetic("qpv", .protected, .boolean, "Réside dans un quartier prioritaire de la politique de la ville"),
        .synthetic(
            "nationalite", .protected, .category, "Nationalité du premier déclarant (française, UE, hors UE)",
            labels: CategoryWords.nationalities),
        .synthetic("carte_invalidite", .protected, .boolean, "Titulaire d'une carte d'invalidité"),
        .synthetic(
            "declaration_en_ligne", .feature, .boolean, "Déclaration faite en ligne (sinon sur papier)",
            group: "déclaration"),
        .synthetic(
            "declaration_tardive", .feature, .boolean, "Déclaration déposée après la date limite", group: "déclaration"),
        .synthetic("salaires", .feature, .number, "Salaires déclarés", unit: "€", group: "revenus"),
        .synthetic("pensions", .feature, .number, "Pensions et retraites déclarées", unit: "€", group: "revenus"),
        .synthetic(
            "revenus_independants", .feature, .number, "Revenus d'activité non salariée (BIC, BNC, BA)", unit: "€",
            group: "revenus"),
        .synthetic("micro_entrepreneur", .feature, .boolean, "Relève du régime micro-entrepreneur", group: "revenus"),
        .synthetic(
            "revenus_fonciers", .feature, .number, "Revenus fonciers (loyers) déclarés", unit: "€", group: "revenus"),
        .synthetic(
            "revenus_capitaux", .feature, .number, "Revenus de capitaux mobiliers déclarés", unit: "€", group: "revenus"
        ),
        .synthetic(
            "frais_reels", .feature, .boolean, "Option pour les frais réels au lieu de la déduction de 10 %",
            group: "déductions et crédits"),
        .synthetic(
            "pension_alimentaire_versee", .feature, .number, "Pensions alimentaires versées et déduites", unit: "€",
            group: "déductions et crédits"),
        .synthetic(
            "credit_emploi_domicile", .feature, .number, "Crédit d'impôt pour l'emploi d'un salarié à domicile",
            unit: "€", group: "déductions et crédits"),
        .synthetic(
            "credit_garde_enfants", .feature, .number, "Crédit d'impôt pour frais de garde des jeunes enfants",
            unit: "€", group: "déductions et crédits"),
        .synthetic(
            "reduction_dons", .feature, .number, "Réduction d'impôt pour dons", unit: "€",
            group: "déductions et crédits"),
        .synthetic(
            "revenu_fiscal_reference", .feature, .number, "Revenu fiscal de référence", unit: "€", group: "revenus"),
        .synthetic(
            "impot_net", .feature, .number, "Impôt net après réductions et crédits (négatif : remboursement)",
            unit: "€", group: "déductions et crédits"),
        .synthetic(
            "variation_revenu", .feature, .number,
            "Variation des revenus déclarés par rapport à l'année précédente (0,1 = +10 %)", group: "revenus"),
        .synthetic(
            "comptes_etranger", .feature, .boolean, "Déclare au moins un compte à l'étranger (formulaire 3916)",
            group: "patrimoine"),
        .synthetic(
            "rectifications_passees", .feature, .number,
            "Nombre de déclarations rectificatives les trois années précédentes", group: "déclaration", immutable: true),
        .synthetic("controle_passe", .ignore, .boolean, "Le foyer a été contrôlé (ciblage passé ou tirage aléatoire)"),
        .synthetic(
            "redressement", .label, .boolean,
            "Le contrôle a trouvé une irrégularité ; vide si le foyer n'a pas été contrôlé"),
        .synthetic(
            "irregularite_reelle", .ignore, .boolean,
            "Vérité cachée : la déclaration minore réellement les revenus (évaluation seulement)"),
        .synthetic(
            "montant_non_declare", .ignore, .number, "Vérité cachée : montant non déclaré (évaluation seulement)",
            unit: "€"),
        .synthetic(
            "tirage_aleatoire", .ignore, .boolean,
            "Le foyer a été tiré au sort pour un contrôle (échantillon sans biais)"),
    ])
}
