#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Synthetic French firms with a failure-within-18-months outcome (`lanterne synth entreprises`).
///
/// Sizes and sectors follow INSEE's counts, the failure process is documented with its formula in
/// `docs/synthetic-populations.md`.
public struct FirmPopulation: SyntheticPopulation {
    /// The number of rows.
    public let rows: Int
    /// The seed.
    public let seed: UInt64

    /// Creates the population.
    /// - Parameters:
    ///   - rows: how many firms.
    ///   - seed: the seed.
    public init(rows: Int, seed: UInt64) {
        self.rows = rows
        self.seed = seed
    }

    static let sectors = [
        "industrie", "construction", "commerce", "transport", "hebergement_restauration", "information_communication",
        "services_entreprises", "services_menages",
    ]
    /// Shares of firms by sector, close to INSEE's 2021 split of legal units (a modelling choice where INSEE gives
    /// no figure), and the sector's extra failure log-odds.
    static let sectorWeights: [Double] = [6, 12, 17, 4, 7, 4, 25, 25]
    static let sectorRisk: [Double] = [0, 0.45, 0.2, 0.25, 0.5, -0.1, -0.1, 0]

    /// The log-odds that a firm fails within 18 months.
    /// - Parameters:
    ///   - sector: the sector index.
    ///   - ageYears: the firm's age.
    ///   - employees: its headcount.
    ///   - profitability: net result over turnover.
    ///   - debtRatio: financial debt over equity.
    ///   - liquidity: current assets over short-term liabilities.
    ///   - socialDebt: overdue social contributions (€).
    ///   - paymentIncidents: payment incidents in the last 12 months.
    ///   - partialActivity: whether the firm used short-time work.
    ///   - clientDays: days of credit given to customers.
    /// - Returns: the log-odds.
    public static func failureLogit(
        sector: Int, ageYears: Double, employees: Int, profitability: Double, debtRatio: Double, liquidity: Double,
        socialDebt: Double, paymentIncidents: Int, partialActivity: Bool, clientDays: Double
    ) -> Double {
        var z = -4.6 + sectorRisk[sector]
        if ageYears < 3 { z += 0.8 } else if ageYears < 5 { z += 0.4 }
        z -= 0.35 * log10(Double(employees) + 1)
        z -= 6 * max(-0.3, min(0.3, profitability))
        z += 0.35 * min(debtRatio, 5)
        z -= 0.6 * min(liquidity, 3)
        if socialDebt > 0 { z += 1.3 }
        z += 0.7 * Double(min(paymentIncidents, 4))
        if partialActivity { z += 0.3 }
        if clientDays > 90 { z += 0.3 }
        return z
    }

    /// Appends firm `row` as one CSV line.
    /// - Parameters:
    ///   - row: the row number.
    ///   - buffer: the output bytes.
    public func appendRecord(_ row: Int, to buffer: inout [UInt8]) {
        var r = SeededRandom(seed: seed, row: row, stream: 2)
        let sector = r.pick(FirmPopulation.sectorWeights)
        let sizeClass = r.pick([73, 21.9, 3.9, 1.05, 0.15])
        let employees: Int =
            switch sizeClass {
            case 0: 0
            case 1: 1 + Int(r.uniform() * 9)
            case 2: 10 + Int(r.uniform() * 40)
            case 3: 50 + Int(r.logNormal(median: 80, sigma: 0.6)).clamped(to: 0...199)
            default: 250 + Int(r.logNormal(median: 600, sigma: 1.0))
            }
        let category =
            employees < 10 ? "micro" : employees < 250 ? "pme" : employees < 5_000 ? "eti" : "ge"
        let ageYears = min(80, r.logNormal(median: 7, sigma: 0.9))
        let region = Departments.all[r.pick(cumulative: Departments.cumulative)].region
        let turnoverPerHead = r.logNormal(median: 110_000, sigma: 0.6)
        let turnover = max(5_000, Double(max(employees, 1)) * turnoverPerHead * (employees == 0 ? 0.5 : 1))
        let profitability = 0.03 + 0.08 * r.normal() - (ageYears < 3 ? 0.03 : 0)
        let debtRatio = max(0, r.logNormal(median: 0.8, sigma: 0.8))
        let liquidity = max(0.1, r.logNormal(median: 1.3, sigma: 0.4))
        let clientDays = max(0, r.logNormal(median: 45, sigma: 0.5))
        let stressed = profitability < -0.02 || liquidity < 0.8
        let socialDebt = r.bernoulli(stressed ? 0.18 : 0.04) ? r.logNormal(median: 6_000, sigma: 1.0) : 0
        let incidents = r.bernoulli(stressed ? 0.2 : 0.05) ? 1 + r.pick([60, 25, 10, 5]) : 0
        let partial = employees > 0 && r.bernoulli(stressed ? 0.06 : 0.01)
        let z = FirmPopulation.failureLogit(
            sector: sector, ageYears: ageYears, employees: employees, profitability: profitability,
            debtRatio: debtRatio, liquidity: liquidity, socialDebt: socialDebt, paymentIncidents: incidents,
            partialActivity: partial, clientDays: clientDays)
        let failed = r.bernoulli(logistic(z))
        RecordLine.append(to: &buffer) { line in
            line.integer(row + 1)
            line.label(FirmPopulation.sectors[sector])
            line.label(category)
            line.integer(employees)
            line.decimal(ageYears, 1)
            line.label(Departments.regions[region])
            line.integer(Int(turnover.rounded()))
            line.decimal(profitability, 3)
            line.decimal(debtRatio, 2)
            line.decimal(liquidity, 2)
            line.integer(Int(clientDays.rounded()))
            line.integer(Int(socialDebt.rounded()))
            line.integer(incidents)
            line.flag(partial)
            line.flag(failed)
        }
    }

    /// The columns, in file order, with their French descriptions.
    public var schema: Schema { FirmPopulation.columns }

    static let columns = Schema(columns: [
        .synthetic("id_entreprise", .id, .number, "Numéro de l'entreprise dans le fichier"),
        .synthetic("secteur", .feature, .category, "Secteur d'activité", labels: CategoryWords.sectors),
        .synthetic(
            "taille", .feature, .category, "Catégorie d'entreprise (micro, PME, ETI, GE)", labels: CategoryWords.sizes),
        .synthetic("effectif", .feature, .number, "Nombre de salariés", unit: "salariés"),
        .synthetic("age_entreprise", .feature, .number, "Ancienneté de l'entreprise", unit: "ans"),
        .synthetic("region", .feature, .category, "Région du siège", labels: CategoryWords.regions),
        .synthetic("chiffre_affaires", .feature, .number, "Chiffre d'affaires annuel", unit: "€"),
        .synthetic("rentabilite", .feature, .number, "Résultat net rapporté au chiffre d'affaires (0,05 = 5 %)"),
        .synthetic("endettement", .feature, .number, "Dettes financières rapportées aux capitaux propres"),
        .synthetic("liquidite", .feature, .number, "Actif circulant rapporté aux dettes à court terme"),
        .synthetic("delai_clients", .feature, .number, "Délai moyen de paiement des clients", unit: "jours"),
        .synthetic("dette_sociale", .feature, .number, "Cotisations sociales impayées à l'Urssaf", unit: "€"),
        .synthetic("incidents_paiement", .feature, .number, "Incidents de paiement sur 12 mois"),
        .synthetic("activite_partielle", .feature, .boolean, "A eu recours à l'activité partielle dans l'année"),
        .synthetic("defaillance_18_mois", .label, .boolean, "Ouverture d'une procédure collective dans les 18 mois"),
    ])
}

extension Comparable {
    /// The value limited to `range`.
    func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
