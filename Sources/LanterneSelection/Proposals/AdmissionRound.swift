/// One day of Parcoursup's admission proposals: the admission groups with their waiting wishes in call order, the
/// boarding houses (internats) with their own ranking, and what the files of the day do not say (the day of the
/// campaign, each boarding house's beds and opening percentage, who already holds a bed or a place).
public struct AdmissionRound: Sendable, Equatable {
    /// A wish's identity: a candidate, a formation, with or without a boarding request.
    public struct WishID: Sendable, Hashable, Comparable {
        /// The candidate (`G_CN_COD`).
        public var candidate: Int
        /// The admission formation (`G_TA_COD`).
        public var formation: Int
        /// Whether a boarding place is requested (`I_RH_COD`).
        public var boarding: Bool

        /// Creates an identity.
        public init(candidate: Int, formation: Int, boarding: Bool) {
            self.candidate = candidate
            self.formation = formation
            self.boarding = boarding
        }

        /// Orders by candidate, formation, then without boarding first.
        public static func < (lhs: WishID, rhs: WishID) -> Bool {
            (lhs.candidate, lhs.formation, lhs.boarding ? 1 : 0) < (rhs.candidate, rhs.formation, rhs.boarding ? 1 : 0)
        }
    }

    /// A waiting wish.
    public struct Wish: Sendable, Equatable {
        /// Its identity.
        public var id: WishID
        /// Its rank in the group's call order (1 is called first).
        public var callRank: Int
        /// Its rank in the boarding house's ranking, 0 when no boarding house ranks it.
        public var boardingRank: Int

        /// Creates a wish.
        public init(id: WishID, callRank: Int, boardingRank: Int) {
            self.id = id
            self.callRank = callRank
            self.boardingRank = boardingRank
        }
    }

    /// An admission group: one ranking committee, one formation.
    public struct Group: Sendable, Equatable {
        /// The ranking committee (`C_GP_COD`).
        public var committee: Int
        /// The enrolment formation (`G_TI_COD`).
        public var enrolment: Int
        /// The admission formation (`G_TA_COD`).
        public var formation: Int
        /// Places still vacant today (may be zero or less).
        public var vacancies: Int
        /// Every wish called at or before this rank gets a proposal, places or not (0: no such rule).
        public var limitRank: Int
        /// The waiting wishes.
        public var wishes: [Wish]
        /// Candidates who already hold a place in this group (and still wait for a boarding place).
        public var holders: Set<Int>

        /// Creates a group.
        public init(
            committee: Int, enrolment: Int, formation: Int, vacancies: Int, limitRank: Int, wishes: [Wish],
            holders: Set<Int> = []
        ) {
            self.committee = committee
            self.enrolment = enrolment
            self.formation = formation
            self.vacancies = vacancies
            self.limitRank = limitRank
            self.wishes = wishes
            self.holders = holders
        }
    }

    /// A boarding house with its own ranking.
    public struct BoardingHouse: Sendable, Equatable {
        /// Its committee (`C_GI_COD`).
        public var committee: Int
        /// Its formation (`G_TA_COD`, 0 when shared by several formations).
        public var formation: Int
        /// Its beds.
        public var capacity: Int
        /// The head's opening percentage (0–100): how fast the list opens beyond the beds as days pass.
        public var openingPercent: Int
        /// Candidates who already hold a bed here.
        public var holders: Set<Int>
        /// The wishes it ranks, in the file's order.
        public var wishes: [WishID]

        /// Creates a boarding house.
        public init(
            committee: Int, formation: Int, capacity: Int, openingPercent: Int, holders: Set<Int> = [],
            wishes: [WishID]
        ) {
            self.committee = committee
            self.formation = formation
            self.capacity = capacity
            self.openingPercent = openingPercent
            self.holders = holders
            self.wishes = wishes
        }
    }

    /// The day of the admission phase (1 is the first).
    public var day: Int
    /// The admission groups.
    public var groups: [Group]
    /// The boarding houses.
    public var boardingHouses: [BoardingHouse]

    /// Creates a round.
    public init(day: Int, groups: [Group], boardingHouses: [BoardingHouse]) {
        self.day = day
        self.groups = groups
        self.boardingHouses = boardingHouses
    }
}
