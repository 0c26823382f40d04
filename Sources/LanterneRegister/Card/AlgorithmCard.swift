import Foundation
import LanterneData

/// The public description of one algorithm: what it is for, on what legal basis, how people take part, whom to
/// contact. Registers are built from it, and so is each person's notice.
public struct AlgorithmCard: Sendable, Equatable {
    /// Whether the algorithm decides or helps a person decide.
    public enum DecisionType: String, Sendable, Equatable, CaseIterable {
        /// The algorithm proposes; an agent decides (aide à la décision).
        case support
        /// The algorithm decides by itself (décision automatisée).
        case automated
    }

    /// Whom to write to.
    public struct Contact: Sendable, Equatable {
        /// The service's name.
        public var service: String
        /// Its postal address.
        public var address: String?
        /// Its e-mail address.
        public var email: String?
        /// A web page or form.
        public var url: String?
        /// A phone number.
        public var phone: String?

        /// Creates a contact; at least one of `address`, `email` and `url` is expected.
        /// - Parameters:
        ///   - service: the service's name.
        ///   - address: its postal address.
        ///   - email: its e-mail address.
        ///   - url: a web page or form.
        ///   - phone: a phone number.
        public init(service: String, address: String?, email: String?, url: String?, phone: String?) {
            self.service = service
            self.address = address
            self.email = email
            self.url = url
            self.phone = phone
        }
    }

    /// The algorithm's name.
    public var name: String
    /// The administration that runs it.
    public var administration: String
    /// What it is for, as the end of « Ce traitement sert à … ».
    public var purpose: String
    /// The text that allows it (law, decree, article).
    public var legalBasis: String
    /// Decision support or automated decision.
    public var decisionType: DecisionType
    /// How people take part: who looks at what, who decides, how to ask for a review.
    public var humanOversight: String
    /// Whom to write to for the rules and their application.
    public var contact: Contact
    /// The probability above which a case is proposed (or decided), if the service uses a threshold.
    public var threshold: Double?
    /// The operations performed, one short sentence each; when absent, notices describe the model's own steps.
    public var operations: [String]?
    /// The data sources beyond what the schema says (for registers).
    public var dataSources: [String]
    /// What the registers and the impact assessment ask that only the steward knows (JSON `assessment`).
    public var assessment = ImpactNotes()

    /// Creates a card.
    /// - Parameters:
    ///   - name: the algorithm's name.
    ///   - administration: who runs it.
    ///   - purpose: what it is for.
    ///   - legalBasis: the legal text.
    ///   - decisionType: support or automated.
    ///   - humanOversight: how people take part.
    ///   - contact: whom to write to.
    ///   - threshold: the decision threshold, if any.
    ///   - operations: the operations, if described by hand.
    ///   - dataSources: extra data sources.
    public init(
        name: String, administration: String, purpose: String, legalBasis: String, decisionType: DecisionType,
        humanOversight: String, contact: Contact, threshold: Double? = nil, operations: [String]? = nil,
        dataSources: [String] = []
    ) {
        self.name = name
        self.administration = administration
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.decisionType = decisionType
        self.humanOversight = humanOversight
        self.contact = contact
        self.threshold = threshold
        self.operations = operations
        self.dataSources = dataSources
    }

    /// The CADA's postal address (annuaire de service-public.fr), the body a person can turn to when the administration
    /// does not answer.
    public static let cadaAddress = "CADA, TSA 50730, 75334 Paris Cedex 07"
    /// The CADA's website.
    public static let cadaWebsite = "https://www.cada.fr"
}
