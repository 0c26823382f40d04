/// Parcoursup's daily computation of admission proposals (2018 rules): each group calls its waiting wishes in call
/// order while places remain; a wish that asks for a boarding place is held back while its rank in the boarding
/// house is beyond the day's admission position; that position starts at the rank of the contingent-th waiting
/// boarder (the list opens wider day after day) and is lowered until the new boarders fit the free beds. Integer
/// arithmetic throughout; the result does not depend on the order of groups or boarding houses.
public enum AdmissionProposals {
    /// How many boarders may be called today: all of them when they fit the beds; otherwise the beds on day 1, then
    /// a share of the others growing over 30 days with the opening percentage, all of them from day 60.
    /// - Parameters:
    ///   - waiting: boarders waiting plus those already holding a bed (M).
    ///   - capacity: the beds (L).
    ///   - day: the day of the campaign (t).
    ///   - percent: the opening percentage (p).
    /// - Returns: the number of boarders eligible today (the « assiette »).
    public static func eligibleBoarders(waiting: Int, capacity: Int, day: Int, percent: Int) -> Int {
        if waiting <= capacity { return waiting }
        if day == 1 { return capacity }
        if day <= 30 { return capacity + ((waiting - capacity) * (day - 1) * percent / 100) / 30 }
        if day < 60 { return capacity + (waiting - capacity) * percent / 100 }
        return waiting
    }

    /// Computes the day's proposals.
    /// - Parameters:
    ///   - round: the groups, boarding houses and parameters of the day.
    ///   - file: the input's name, for messages.
    /// - Returns: the outcome, after checking the properties the official code verifies.
    /// - Throws: ``SelectionInputError`` naming the group, boarding house or wish at fault; ``SelectionError`` if a
    ///   property fails.
    public static func compute(_ round: AdmissionRound, file: String = "") throws -> AdmissionResult {
        var state = try ProposalState(round, file: file)
        var pending = Array(round.groups.indices)
        var passes = 0
        while !pending.isEmpty {
            for group in pending { state.propose(in: group) }
            var next = Set<Int>()
            for house in round.boardingHouses.indices where state.lowerPositionIfFull(house) {
                next.formUnion(state.groupsOf[house])
            }
            pending = next.sorted()
            passes += 1
        }
        let result = state.result(passes: passes)
        try ProposalProperties.check(state, file: file)
        return result
    }
}
