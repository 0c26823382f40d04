/// One synthetic tax household (foyer fiscal), with its hidden truth and its control history.
public struct Household: Sendable, Equatable {
    /// Family situation on the return.
    public enum Situation: String, Sendable, CaseIterable {
        /// Married (joint return).
        case marie
        /// In a civil partnership (joint return).
        case pacse
        /// Single.
        case celibataire
        /// Divorced or separated.
        case divorce
        /// Widowed.
        case veuf
    }

    /// Nationality group of the first declarant.
    public enum Nationality: String, Sendable, CaseIterable {
        /// French.
        case francaise
        /// Another country of the European Union.
        case ue
        /// A country outside the European Union.
        case horsUE = "hors_ue"
    }

    /// The household's number in the file, from 1.
    public var id: Int
    /// The first declarant's age, in years.
    public var age: Int
    /// Whether the first declarant is a woman.
    public var female: Bool
    /// The family situation on the return.
    public var situation: Situation
    /// The number of dependent children.
    public var children: Int
    /// Whether a parent raises the children alone (case T).
    public var singleParent: Bool
    /// The number of parts of the family quotient.
    public var parts: Double
    /// The code of the département of residence.
    public var department: String
    /// The index of the region in the list of regions.
    public var region: Int
    /// Whether the commune is rural (INSEE density grid).
    public var rural: Bool
    /// Whether the household lives in a priority neighbourhood (QPV).
    public var priorityNeighbourhood: Bool
    /// The first declarant's nationality group.
    public var nationality: Nationality
    /// Whether a member holds a disability card.
    public var disabilityCard: Bool
    /// Whether the return was filed online rather than on paper.
    public var filedOnline: Bool
    /// Whether the return was filed after the deadline.
    public var filedLate: Bool
    /// Declared salaries, in euros.
    public var salaries: Int
    /// Declared pensions, in euros.
    public var pensions: Int
    /// Declared self-employment income (BIC, BNC, BA), in euros.
    public var selfEmploymentIncome: Int
    /// Whether the self-employment is under the micro-entrepreneur scheme.
    public var microEntrepreneur: Bool
    /// Declared rental income, in euros.
    public var rentalIncome: Int
    /// Declared capital income, in euros.
    public var capitalIncome: Int
    /// Whether actual professional expenses replace the 10 % deduction.
    public var actualExpenses: Bool
    /// Deducted maintenance payments, in euros.
    public var maintenancePaid: Int
    /// The tax credit for employing someone at home, in euros.
    public var homeHelpCredit: Int
    /// The tax credit for childcare, in euros.
    public var childcareCredit: Int
    /// The tax reduction for donations, in euros.
    public var donationReduction: Int
    /// The reference taxable income (revenu fiscal de référence), in euros.
    public var referenceIncome: Int
    /// The net tax after reductions and credits, in euros (negative for a refund).
    public var netTax: Int
    /// The relative change of declared income since last year (0.1 = +10 %).
    public var incomeChange: Double
    /// Whether a foreign account is declared (form 3916).
    public var foreignAccounts: Bool
    /// Corrective returns filed in the previous three years.
    public var pastCorrections: Int
    /// Hidden truth: whether the return under-declares (evaluation only).
    public var irregular: Bool
    /// Hidden truth: the under-declared amount in euros (0 when regular).
    public var undeclaredAmount: Int
    /// Whether the household was drawn at random for a control.
    public var randomDraw: Bool
    /// Whether the household was controlled (by targeting or by the random draw).
    public var controlled: Bool
    /// Whether the control found the irregularity; `nil` where no control took place.
    public var adjustment: Bool?

    /// Whether the household files jointly (married or PACS).
    public var couple: Bool { situation == .marie || situation == .pacse }
}
