import LanterneData

/// Several days of admission proposals for one group called in its call order, with the candidates' answers drawn
/// day by day: each proposal is accepted or declined, some waiting candidates withdraw (they took a place
/// elsewhere), and the next day starts from what is left. A demonstration of how the waiting list moves, not a
/// model of real behaviour; every draw comes from the seed, the candidate and the day.
public struct AdmissionCampaign: Sendable {
    /// How the campaign runs.
    public struct Settings: Sendable, Equatable {
        /// Places in the formation.
        public var places: Int
        /// Days simulated.
        public var days: Int
        /// Share of proposals accepted, in percent.
        public var acceptPercent: Int
        /// Share of waiting candidates who withdraw each day, in percent.
        public var withdrawPercent: Int
        /// Beds of the boarding house (0: none).
        public var beds: Int
        /// Share of candidates asking for a bed, in percent.
        public var boardingPercent: Int
        /// The boarding house's opening percentage.
        public var openingPercent: Int
        /// The seed of the draws.
        public var seed: UInt64

        /// Creates settings.
        public init(
            places: Int, days: Int, acceptPercent: Int = 60, withdrawPercent: Int = 5, beds: Int = 0,
            boardingPercent: Int = 0, openingPercent: Int = 100, seed: UInt64 = 1
        ) {
            self.places = places
            self.days = days
            self.acceptPercent = acceptPercent
            self.withdrawPercent = withdrawPercent
            self.beds = beds
            self.boardingPercent = boardingPercent
            self.openingPercent = openingPercent
            self.seed = seed
        }
    }

    /// One day: its input, its outcome, and the answers given that evening.
    public struct Day: Sendable, Equatable {
        /// The day's input.
        public var round: AdmissionRound
        /// The day's proposals.
        public var result: AdmissionResult
        /// Candidates who accepted their proposal.
        public var accepted: [Int]
        /// Candidates who declined it.
        public var declined: [Int]
        /// Waiting candidates who withdrew.
        public var withdrawn: [Int]
    }

    /// The days, in order.
    public var days: [Day]
    /// The settings.
    public var settings: Settings

    /// Runs the campaign.
    /// - Parameters:
    ///   - order: the candidates in call order.
    ///   - settings: places, days, answers, boarding house.
    /// - Throws: ``SelectionInputError`` for settings out of range.
    public init(order: [Candidate], settings: Settings) throws {
        func fail(_ detail: String) -> SelectionInputError { SelectionInputError(file: "campagne", detail: detail) }
        guard settings.places >= 0, (1...120).contains(settings.days), settings.beds >= 0 else {
            throw fail("il faut des places ≥ 0, de 1 à 120 jours et des lits ≥ 0")
        }
        for (name, value) in [
            ("acceptation", settings.acceptPercent), ("désistement", settings.withdrawPercent),
            ("part d'internes", settings.boardingPercent), ("ouverture", settings.openingPercent),
        ] where !(0...100).contains(value) {
            throw fail("« \(name) » vaut \(value) : un pourcentage de 0 à 100")
        }
        self.settings = settings
        func draw(_ candidate: Int, _ day: Int, _ stream: UInt64) -> Int {
            var random = SeededRandom(seed: settings.seed, row: candidate, stream: stream &* 1_000 &+ UInt64(day))
            return Int(random.next() % 100)
        }
        // Who asks for a bed, and the boarding house's ranking: the jury's order among them.
        let boarders =
            settings.beds > 0 ? Set(order.map(\.id).filter { draw($0, 0, 1) < settings.boardingPercent }) : []
        let boardingRank = Dictionary(
            uniqueKeysWithValues: order.filter { boarders.contains($0.id) }.sorted { $0.rank < $1.rank }.enumerated()
                .map { ($1.id, $0 + 1) })
        var waiting = order.enumerated().map { position, candidate in
            AdmissionRound.Wish(
                id: .init(candidate: candidate.id, formation: 1, boarding: boarders.contains(candidate.id)),
                callRank: position + 1, boardingRank: boardingRank[candidate.id] ?? 0)
        }
        var acceptedCount = 0
        var bedHolders = Set<Int>()
        var days: [Day] = []
        for day in 1...settings.days {
            let group = AdmissionRound.Group(
                committee: 1, enrolment: 1, formation: 1, vacancies: settings.places - acceptedCount, limitRank: 0,
                wishes: waiting)
            let houses =
                settings.beds > 0
                ? [
                    AdmissionRound.BoardingHouse(
                        committee: 1, formation: 1, capacity: settings.beds, openingPercent: settings.openingPercent,
                        holders: bedHolders, wishes: waiting.filter { $0.boardingRank > 0 }.map(\.id))
                ] : []
            let round = AdmissionRound(day: day, groups: [group], boardingHouses: houses)
            let result = try AdmissionProposals.compute(round, file: "campagne, jour \(day)")
            var accepted: [Int] = []
            var declined: [Int] = []
            var withdrawn: [Int] = []
            var leaving = Set<Int>()
            for outcome in result.groups[0].wishes {
                let candidate = outcome.wish.id.candidate
                if outcome.proposed {
                    if draw(candidate, day, 2) < settings.acceptPercent {
                        accepted.append(candidate)
                        if outcome.wish.boardingRank > 0 { bedHolders.insert(candidate) }
                    } else {
                        declined.append(candidate)
                    }
                    leaving.insert(candidate)
                } else if draw(candidate, day, 3) < settings.withdrawPercent {
                    withdrawn.append(candidate)
                    leaving.insert(candidate)
                }
            }
            acceptedCount += accepted.count
            waiting.removeAll { leaving.contains($0.id.candidate) }
            days.append(Day(round: round, result: result, accepted: accepted, declined: declined, withdrawn: withdrawn))
        }
        self.days = days
    }
}

extension AdmissionCampaign {
    /// A candidate's days, in plain words: how far the group called each day, their place on the waiting list, the
    /// day of their proposal and the simulated answer.
    /// - Parameters:
    ///   - candidate: the candidate.
    ///   - language: the reader's language.
    /// - Returns: one sentence per day while the candidate is in the campaign.
    public func days(of candidate: Int, language: Language = .fr) -> [String] {
        let fr = language == .fr
        var sentences: [String] = []
        for day in days {
            let group = day.result.groups[0]
            guard let outcome = group.wishes.first(where: { $0.wish.id.candidate == candidate }) else { break }
            let number = day.round.day
            let called =
                group.lastCalledRank > 0
                ? (fr
                    ? "le dernier rang appelé est \(group.lastCalledRank)"
                    : "the last rank called is \(group.lastCalledRank)")
                : (fr ? "aucune nouvelle proposition" : "no new proposal")
            var sentence = (fr ? "Jour \(number) : " : "Day \(number): ") + called
            if outcome.proposed {
                let answer =
                    day.accepted.contains(candidate)
                    ? (fr ? "vous l'acceptez" : "you accept it") : (fr ? "vous la refusez" : "you decline it")
                sentence +=
                    fr
                    ? " ; vous recevez une proposition, et dans cette simulation \(answer)."
                    : "; you receive a proposal, and in this simulation \(answer)."
            } else {
                let rank = outcome.waitingRank
                sentence +=
                    fr
                    ? " ; vous êtes \(rank)\(rank == 1 ? "er" : "e") sur la liste d'attente"
                    : "; you are number \(rank) on the waiting list"
                if group.heldOnlyByBoarding(outcome) {
                    sentence += fr ? ", retenu par le classement de l'internat" : ", held back by the boarding ranking"
                }
                if day.withdrawn.contains(candidate) {
                    sentence += fr ? ", puis vous vous désistez" : ", then you withdraw"
                }
                sentence += "."
            }
            sentences.append(sentence)
        }
        return sentences
    }
}
