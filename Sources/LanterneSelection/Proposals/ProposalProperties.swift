import LanterneData

/// The properties every day of proposals must have, checked after each computation (a violation is an error):
///
/// - P1: a waiting wish that no boarding house holds back has no wish called after it proposed in its group.
/// - P2: in a group, a waiting boarder is never passed by a boarder of the same boarding house worse in both the
///   call order and the boarding ranking.
/// - P3: a candidate who holds a place and still waits for a bed is never passed, for a bed, by a worse boarder.
/// - P4: a group that proposed fewer new candidates than its vacancies holds back every waiting wish by boarding.
/// - P5: new boarders never exceed a boarding house's free beds, and its position never exceeds where it started.
enum ProposalProperties {
    /// A broken property.
    struct Violation: LocalizedMessage, Equatable {
        /// The property (P1 to P5).
        var property: String
        /// Where: the group or the boarding house.
        var place: String
        /// The file.
        var file: String

        func message(_ language: Language) -> String {
            let prefix = file.isEmpty ? "" : file + ": "
            return prefix
                + (language == .fr
                    ? "propositions : la propriété \(property) n'est pas respectée (\(place))"
                    : "proposals: property \(property) fails (\(place))")
        }
    }

    static func check(_ state: ProposalState, file: String) throws {
        let round = state.round
        for (g, group) in round.groups.enumerated() {
            let place = "groupe \(group.committee)/\(group.enrolment)/\(group.formation)"
            func fail(_ property: String) -> Violation { Violation(property: property, place: place, file: file) }
            let indices = group.wishes.indices
            // P1
            let firstWaiting =
                indices.filter { !state.proposed[g][$0] && state.houseOf[g][$0] < 0 }
                .map { group.wishes[$0].callRank }.min() ?? Int.max
            if indices.contains(where: {
                group.wishes[$0].callRank > firstWaiting && (state.proposed[g][$0] || state.holdsPlace(g, $0))
            }) {
                throw fail("P1")
            }
            // P2
            let waitingBoarders = indices.filter { !state.proposed[g][$0] && state.houseOf[g][$0] >= 0 }
            let passing = indices.filter {
                state.proposed[g][$0] && state.houseOf[g][$0] >= 0 && !state.holdsPlace(g, $0)
                    && !state.holdsBed(g, $0)
            }
            for waiting in waitingBoarders {
                let wish = group.wishes[waiting]
                if passing.contains(where: {
                    state.houseOf[g][$0] == state.houseOf[g][waiting] && group.wishes[$0].callRank > wish.callRank
                        && group.wishes[$0].boardingRank > wish.boardingRank
                }) {
                    throw fail("P2")
                }
            }
            // P4
            let newcomers = Set(
                indices.filter { state.proposed[g][$0] && !state.holdsPlace(g, $0) }.map {
                    group.wishes[$0].id.candidate
                })
            if newcomers.count < group.vacancies
                && indices.contains(where: { !state.proposed[g][$0] && !state.heldByBoarding(g, $0) })
            {
                throw fail("P4")
            }
        }
        for (h, house) in round.boardingHouses.enumerated() {
            let place = "internat \(house.committee)/\(house.formation)"
            func fail(_ property: String) -> Violation { Violation(property: property, place: place, file: file) }
            let listed = state.houseWishes[h]
            // P3
            let waitingHolders =
                listed.filter { !state.proposed[$0.group][$0.wish] && state.holdsPlace($0.group, $0.wish) }
                .map { state.wish($0.group, $0.wish).boardingRank }.min() ?? Int.max
            if listed.contains(where: {
                state.wish($0.group, $0.wish).boardingRank > waitingHolders && state.proposed[$0.group][$0.wish]
                    && !state.holdsBed($0.group, $0.wish)
            }) {
                throw fail("P3")
            }
            // P5
            let arrivals = Set(
                listed.filter { state.proposed[$0.group][$0.wish] && !state.holdsBed($0.group, $0.wish) }.map {
                    state.wish($0.group, $0.wish).id.candidate
                })
            if arrivals.count > state.freeBeds[h] || state.position[h] > state.maximumPosition[h] { throw fail("P5") }
        }
    }
}
