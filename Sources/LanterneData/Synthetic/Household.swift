/// One synthetic tax household (foyer fiscal), with its hidden truth and its control history.
public struct Household: Sendable, Equatable {
    /// Family situation on the return.
    public enum Situation: String, Sendable, CaseIterable {
        case marie, pacse, celibataire, divorce, veuf
    }

    /// Nationality group of the first declarant.
    public enum Nationality: String, Sendable, CaseIterable {
        case francaise, ue, hors_ue
    }

    public var id: Int
    public var age: Int
    public var female: Bool
    public var situation: Situation
    public var children: Int
    public var singleParent: Bool
    public var parts: Double
    public var department: String
    public var region: Int
    public var rural: Bool
    public var priorityNeighbourhood: Bool
    public var nationality: Nationality
    public var disabilityCard: Bool
    public var filedOnline: Bool
    public var filedLate: Bool
    public var salaries: Int
    public var pensions: Int
    public var selfEmploymentIncome: Int
    public var microEntrepreneur: Bool
    public var rentalIncome: Int
    public var capitalIncome: Int
    public var actualExpenses: Bool
    public var maintenancePaid: Int
    public var homeHelpCredit: Int
    public var childcareCredit: Int
    public var donationReduction: Int
    public var referenceIncome: Int
    public var netTax: Int
    public var incomeChange: Double
    public var foreignAccounts: Bool
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
