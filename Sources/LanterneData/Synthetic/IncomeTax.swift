/// French income tax of one household (impôt sur le revenu), with the 2025 scale that applies to 2024 incomes.
///
/// Implemented: the progressive scale applied to income per part (quotient familial), the discount for small taxes
/// (décote). Left out, and said so in the documentation: the cap on the benefit of extra parts (plafonnement), the
/// exceptional contribution on high incomes, special rates.
public enum IncomeTax {
    /// Lower bounds of the brackets (€ per part) and their rates, revenus 2024.
    static let brackets: [(from: Double, rate: Double)] = [
        (0, 0), (11_497, 0.11), (29_315, 0.30), (83_823, 0.41), (180_294, 0.45),
    ]

    /// The gross tax before credits: scale on income per part, times parts, minus the décote.
    /// - Parameters:
    ///   - taxableIncome: the net taxable income (€).
    ///   - parts: the number of parts.
    ///   - couple: whether the household files jointly (changes the décote).
    /// - Returns: the tax in euros, rounded down.
    public static func tax(taxableIncome: Double, parts: Double, couple: Bool) -> Double {
        guard taxableIncome > 0, parts > 0 else { return 0 }
        let perPart = taxableIncome / parts
        var taxPerPart = 0.0
        for (index, bracket) in brackets.enumerated() where perPart > bracket.from {
            let upper = index + 1 < brackets.count ? brackets[index + 1].from : Double.infinity
            taxPerPart += (min(perPart, upper) - bracket.from) * bracket.rate
        }
        var tax = taxPerPart * parts
        let (ceiling, base) = couple ? (3_191.0, 1_444.0) : (1_929.0, 873.0)
        if tax < ceiling { tax = max(0, tax - (base - 0.4525 * tax)) }
        return tax.rounded(.down)
    }
}
