/// A candidate in a ranking group: the jury's rank and the two traits the quotas look at.
public struct Candidate: Sendable, Equatable, Hashable {
    /// The candidate's identifier.
    public var id: Int
    /// The rank the jury gave (1 is first).
    public var rank: Int
    /// Whether the candidate holds a need-based grant (boursier).
    public var scholarshipHolder: Bool
    /// Whether the candidate comes from the programme's own area (du secteur).
    public var inSector: Bool

    /// Creates a candidate.
    public init(id: Int, rank: Int, scholarshipHolder: Bool, inSector: Bool) {
        self.id = id
        self.rank = rank
        self.scholarshipHolder = scholarshipHolder
        self.inSector = inSector
    }
}
