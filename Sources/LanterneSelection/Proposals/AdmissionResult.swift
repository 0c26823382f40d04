/// What a day of admission proposals gives: for every waiting wish, a proposal or its place on the waiting list; for
/// every boarding house, how far down its ranking beds are offered today.
public struct AdmissionResult: Sendable, Equatable {
    /// One wish's outcome.
    public struct WishOutcome: Sendable, Equatable {
        /// The wish.
        public var wish: AdmissionRound.Wish
        /// Whether it gets a proposal today.
        public var proposed: Bool
        /// Its rank on the group's waiting list (0 when proposed).
        public var waitingRank: Int
        /// Whether its boarding request held it back: its rank in the boarding house is beyond today's admission
        /// position.
        public var heldByBoarding: Bool
    }

    /// One group's outcome.
    public struct GroupOutcome: Sendable, Equatable {
        /// The wishes, in call order.
        public var wishes: [WishOutcome]
        /// The largest call rank proposed today to a candidate who did not already hold a place (0 if none).
        public var lastCalledRank: Int
        /// Whether places were left after today's proposals (the group could not fill them).
        public var placesLeft: Bool = false

        /// Whether the boarding house, not the places, is what keeps this waiting wish from a proposal today: the
        /// group had places left, or called someone after it.
        public func heldOnlyByBoarding(_ outcome: WishOutcome) -> Bool {
            outcome.heldByBoarding && (placesLeft || outcome.wish.callRank < lastCalledRank)
        }
    }

    /// One boarding house's outcome.
    public struct BoardingOutcome: Sendable, Equatable {
        /// How many waiting candidates may be offered a bed today, from the date-dependent widening of the list.
        public var contingent: Int
        /// The boarding rank up to which beds are offered today.
        public var position: Int
        /// The boarding rank of the contingent-th waiting candidate: where the position started.
        public var maximumPosition: Int
        /// Its wishes: by boarding rank when the contingent was positive, in the file's order otherwise.
        public var wishes: [AdmissionRound.WishID]
        /// The candidates waiting for a bed here, in increasing order.
        public var waitingCandidates: [Int]
    }

    /// The groups, in the round's order.
    public var groups: [GroupOutcome]
    /// The boarding houses, in the round's order.
    public var boardingHouses: [BoardingOutcome]
    /// How many times the groups' proposals were computed before no boarding position moved.
    public var passes: Int
}
