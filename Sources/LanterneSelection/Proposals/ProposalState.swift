/// The working state of a day's proposals: wishes located by group and boarding house, who is proposed, and each
/// boarding house's contingent and positions.
struct ProposalState {
    let round: AdmissionRound
    /// Per group, the positions of its wishes in call order (ties in file order).
    var callOrder: [[Int]]
    /// Per group and wish, the boarding house ranking it, or -1.
    var houseOf: [[Int]]
    /// Per group and wish, whether it is proposed.
    var proposed: [[Bool]]
    /// Per boarding house, its wishes as (group, wish) in the file's order and by boarding rank.
    var houseWishes: [[(group: Int, wish: Int)]]
    var houseRanked: [[(group: Int, wish: Int)]]
    /// Per boarding house, the groups having wishes in it, increasing.
    var groupsOf: [[Int]]
    var contingent: [Int]
    var position: [Int]
    var maximumPosition: [Int]
    var freeBeds: [Int]

    init(_ round: AdmissionRound, file: String) throws {
        self.round = round
        func fail(_ detail: String) -> SelectionInputError { SelectionInputError(file: file, detail: detail) }
        guard (1...120).contains(round.day) else {
            throw fail("jour de campagne \(round.day) : il doit être entre 1 et 120")
        }
        var location: [AdmissionRound.WishID: (group: Int, wish: Int)] = [:]
        callOrder = []
        for (g, group) in round.groups.enumerated() {
            let name = "groupe \(group.committee)/\(group.enrolment)/\(group.formation)"
            var rankOf: [Int: Int] = [:]
            var candidateAt: [Int: Int] = [:]
            for (w, wish) in group.wishes.enumerated() {
                let candidate = wish.id.candidate
                guard wish.callRank >= 1 else {
                    throw fail("\(name), candidat \(candidate) : « ordreAppel » doit être au moins 1")
                }
                guard wish.id.formation == group.formation else {
                    throw fail("\(name), candidat \(candidate) : « G_TA_COD » diffère de celui du groupe")
                }
                if let other = candidateAt[wish.callRank], other != candidate {
                    throw fail(
                        "\(name) : les candidats \(other) et \(candidate) ont le même ordre d'appel \(wish.callRank)")
                }
                if let other = rankOf[candidate], other != wish.callRank {
                    throw fail("\(name), candidat \(candidate) : deux ordres d'appel (\(other) et \(wish.callRank))")
                }
                guard location[wish.id] == nil else {
                    throw fail("\(name), candidat \(candidate) : le même vœu figure deux fois")
                }
                candidateAt[wish.callRank] = candidate
                rankOf[candidate] = wish.callRank
                location[wish.id] = (g, w)
            }
            callOrder.append(
                group.wishes.indices.sorted {
                    (group.wishes[$0].callRank, $0) < (group.wishes[$1].callRank, $1)
                })
        }
        houseOf = round.groups.map { [Int](repeating: -1, count: $0.wishes.count) }
        proposed = round.groups.map { [Bool](repeating: false, count: $0.wishes.count) }
        houseWishes = []
        houseRanked = []
        groupsOf = []
        for (h, house) in round.boardingHouses.enumerated() {
            let name = "internat \(house.committee)/\(house.formation)"
            guard house.capacity >= 0 else { throw fail("\(name) : la capacité doit être positive ou nulle") }
            guard (0...100).contains(house.openingPercent) else {
                throw fail("\(name) : le pourcentage d'ouverture doit être entre 0 et 100")
            }
            var listed: [(group: Int, wish: Int)] = []
            var rankOf: [Int: Int] = [:]
            var candidateAt: [Int: Int] = [:]
            for id in house.wishes {
                guard let (g, w) = location[id] else {
                    throw fail("\(name), candidat \(id.candidate) : ce vœu n'est dans aucun groupe")
                }
                guard id.boarding else {
                    throw fail("\(name), candidat \(id.candidate) : un vœu sans demande d'internat")
                }
                guard houseOf[g][w] < 0 else {
                    throw fail("\(name), candidat \(id.candidate) : ce vœu est classé par deux internats")
                }
                let rank = round.groups[g].wishes[w].boardingRank
                guard rank >= 1 else {
                    throw fail("\(name), candidat \(id.candidate) : « rangInternat » doit être au moins 1")
                }
                if let other = candidateAt[rank], other != id.candidate {
                    throw fail("\(name) : les candidats \(other) et \(id.candidate) ont le même rang \(rank)")
                }
                if let other = rankOf[id.candidate], other != rank {
                    throw fail("\(name), candidat \(id.candidate) : deux rangs d'internat (\(other) et \(rank))")
                }
                if house.holders.contains(id.candidate) && round.groups[g].holders.contains(id.candidate) {
                    throw fail(
                        "\(name), candidat \(id.candidate) : il a déjà la place et le lit, ce vœu n'attend plus rien")
                }
                candidateAt[rank] = id.candidate
                rankOf[id.candidate] = rank
                houseOf[g][w] = h
                listed.append((g, w))
            }
            houseWishes.append(listed)
            let groups = round.groups
            houseRanked.append(
                listed.indices.sorted {
                    let left = groups[listed[$0].group].wishes[listed[$0].wish].boardingRank
                    let right = groups[listed[$1].group].wishes[listed[$1].wish].boardingRank
                    return (left, $0) < (right, $1)
                }.map { listed[$0] })
            groupsOf.append(Set(listed.map(\.group)).sorted())
        }
        contingent = []
        position = []
        maximumPosition = []
        freeBeds = []
        for (h, house) in round.boardingHouses.enumerated() {
            let waiting = Set(houseWishes[h].map { round.groups[$0.group].wishes[$0.wish].id.candidate })
                .subtracting(house.holders)
            let eligible = AdmissionProposals.eligibleBoarders(
                waiting: waiting.count + house.holders.count, capacity: house.capacity, day: round.day,
                percent: house.openingPercent)
            let quota = max(0, eligible - house.holders.count)
            // The boarding rank of the quota-th candidate still waiting for a bed.
            var counted = 0
            var lastRank = 0
            if quota > 0 {
                for (g, w) in houseRanked[h] where counted < quota {
                    let wish = round.groups[g].wishes[w]
                    if wish.boardingRank == lastRank || house.holders.contains(wish.id.candidate) { continue }
                    lastRank = wish.boardingRank
                    counted += 1
                }
            }
            contingent.append(quota)
            maximumPosition.append(lastRank)
            position.append(lastRank)
            freeBeds.append(max(0, house.capacity - house.holders.count))
        }
    }

    func wish(_ group: Int, _ index: Int) -> AdmissionRound.Wish { round.groups[group].wishes[index] }

    /// Whether the wish's candidate already holds a bed in the boarding house ranking it.
    func holdsBed(_ group: Int, _ index: Int) -> Bool {
        let house = houseOf[group][index]
        return house >= 0 && round.boardingHouses[house].holders.contains(wish(group, index).id.candidate)
    }

    /// Whether the wish's candidate already holds a place in the group.
    func holdsPlace(_ group: Int, _ index: Int) -> Bool {
        round.groups[group].holders.contains(wish(group, index).id.candidate)
    }

    /// Whether the boarding request holds the wish back today.
    func heldByBoarding(_ group: Int, _ index: Int) -> Bool {
        let house = houseOf[group][index]
        return house >= 0 && !holdsBed(group, index) && wish(group, index).boardingRank > position[house]
    }

    /// Recomputes a group's proposals: in call order, wishes not held back are proposed while places remain, within
    /// the limit rank, to holders of a place, and to the candidate just proposed (their other wish); a place is
    /// counted once per new candidate.
    mutating func propose(in group: Int) {
        let info = round.groups[group]
        var remaining = info.vacancies
        var last: Int? = nil
        for index in proposed[group].indices { proposed[group][index] = false }
        for index in callOrder[group] where !heldByBoarding(group, index) {
            let wish = info.wishes[index]
            let holder = holdsPlace(group, index)
            guard remaining > 0 || wish.callRank <= info.limitRank || holder || last == wish.id.candidate else {
                continue
            }
            proposed[group][index] = true
            if !holder && last != wish.id.candidate { remaining -= 1 }
            last = wish.id.candidate
        }
    }

    /// Lowers a boarding house's position when more new boarders are proposed than it has free beds: the position
    /// stops just before the first one who does not fit.
    /// - Returns: whether the position moved.
    mutating func lowerPositionIfFull(_ house: Int) -> Bool {
        var count = 0
        var last: Int? = nil
        for (g, w) in houseRanked[house] {
            let wish = self.wish(g, w)
            if wish.boardingRank > position[house] { return false }
            if wish.id.candidate == last || holdsBed(g, w) { continue }
            if proposed[g][w] || holdsPlace(g, w) {
                count += 1
                last = wish.id.candidate
                if count > freeBeds[house] {
                    position[house] = wish.boardingRank - 1
                    return true
                }
            }
        }
        return false
    }

    /// The outcome: waiting ranks per group (one rank per waiting candidate, in call order), the last rank called.
    func result(passes: Int) -> AdmissionResult {
        let groups = round.groups.indices.map { g -> AdmissionResult.GroupOutcome in
            let info = round.groups[g]
            var served = info.holders
            for index in info.wishes.indices where proposed[g][index] { served.insert(info.wishes[index].id.candidate) }
            var counter = 0
            var last: Int? = nil
            var lastCalled = 0
            let wishes = callOrder[g].map { index -> AdmissionResult.WishOutcome in
                let wish = info.wishes[index]
                if proposed[g][index] {
                    if !holdsPlace(g, index) { lastCalled = max(lastCalled, wish.callRank) }
                    return .init(wish: wish, proposed: true, waitingRank: 0, heldByBoarding: false)
                }
                if !served.contains(wish.id.candidate) && wish.id.candidate != last {
                    counter += 1
                    last = wish.id.candidate
                }
                return .init(
                    wish: wish, proposed: false, waitingRank: max(1, counter),
                    heldByBoarding: heldByBoarding(g, index))
            }
            let newcomers = Set(
                info.wishes.indices.filter { proposed[g][$0] && !holdsPlace(g, $0) }.map {
                    info.wishes[$0].id.candidate
                })
            return .init(wishes: wishes, lastCalledRank: lastCalled, placesLeft: newcomers.count < info.vacancies)
        }
        let houses = round.boardingHouses.indices.map { h -> AdmissionResult.BoardingOutcome in
            let listed = contingent[h] > 0 ? houseRanked[h] : houseWishes[h]
            let ids = listed.map { wish($0.group, $0.wish).id }
            let waiting = Set(ids.map(\.candidate)).subtracting(round.boardingHouses[h].holders).sorted()
            return .init(
                contingent: contingent[h], position: position[h], maximumPosition: maximumPosition[h], wishes: ids,
                waitingCandidates: waiting)
        }
        return AdmissionResult(groups: groups, boardingHouses: houses, passes: passes)
    }
}
