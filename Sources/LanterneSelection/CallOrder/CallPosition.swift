import LanterneData

/// Where one candidate stands in the call order, and why: the candidates ranked after them by the jury but called
/// before them because of a minimum rate, and those they passed themselves.
public struct CallPosition: Sendable, Equatable {
    /// The candidate.
    public var candidate: Candidate
    /// The jury's rank.
    public var rank: Int { candidate.rank }
    /// The position in the call order, from 1.
    public var position: Int
    /// Candidates ranked after this one but called before, who are scholarship holders.
    public var passedByScholarshipHolders: Int
    /// Candidates ranked after this one but called before, who are in sector and not scholarship holders.
    public var passedByInSector: Int
    /// Candidates ranked before this one but called after.
    public var passed: Int

    /// The position of one candidate of an order (linear in the group's size).
    /// - Parameters:
    ///   - id: the candidate's identifier.
    ///   - order: a call order.
    /// - Returns: the position, or `nil` when the candidate is not in the order.
    public static func position(of id: Int, in order: [Candidate]) -> CallPosition? {
        guard let index = order.firstIndex(where: { $0.id == id }) else { return nil }
        return position(at: index, in: order)
    }

    private static func position(at index: Int, in order: [Candidate]) -> CallPosition {
        let candidate = order[index]
        var byScholarship = 0
        var byInSector = 0
        for earlier in order[..<index] where earlier.rank > candidate.rank {
            if earlier.scholarshipHolder { byScholarship += 1 } else { byInSector += 1 }
        }
        let passed = order[(index + 1)...].filter { $0.rank < candidate.rank }.count
        return CallPosition(
            candidate: candidate, position: index + 1, passedByScholarshipHolders: byScholarship,
            passedByInSector: byInSector, passed: passed)
    }

    /// The position of every candidate of an order (quadratic: for groups of a few thousand).
    /// - Parameter order: a call order.
    /// - Returns: one position per candidate, in call order.
    public static func positions(in order: [Candidate]) -> [CallPosition] {
        order.indices.map { position(at: $0, in: order) }
    }

    /// The explanation a candidate reads.
    /// - Parameters:
    ///   - scholarshipRate: qB.
    ///   - inSectorRate: qR.
    ///   - groupRank: the candidate's place among the group's candidates when ranks have gaps (defaults to the rank).
    ///   - language: the reader's language.
    /// - Returns: a few short sentences.
    public func explanation(scholarshipRate: Int, inSectorRate: Int, language: Language = .fr) -> String {
        let fr = language == .fr
        var sentences = [
            fr
                ? "Votre rang dans le classement du jury est \(rank)."
                : "Your rank in the jury's ranking is \(rank)."
        ]
        if passedByScholarshipHolders > 0 {
            sentences.append(
                fr
                    ? "Le taux minimum de \(scholarshipRate) % de boursiers a fait passer \(passedByScholarshipHolders) "
                        + "boursier\(passedByScholarshipHolders > 1 ? "s" : "") devant vous."
                    : "The minimum rate of \(scholarshipRate)% of scholarship holders moved "
                        + "\(passedByScholarshipHolders) of them ahead of you.")
        }
        if passedByInSector > 0 {
            sentences.append(
                fr
                    ? "Le taux minimum de \(inSectorRate) % de candidats du secteur a fait passer \(passedByInSector) "
                        + "candidat\(passedByInSector > 1 ? "s" : "") du secteur devant vous."
                    : "The minimum rate of \(inSectorRate)% of in-sector candidates moved \(passedByInSector) of "
                        + "them ahead of you.")
        }
        if passed > 0 {
            sentences.append(
                fr
                    ? "Ces taux vous ont fait passer devant \(passed) candidat\(passed > 1 ? "s" : "") mieux "
                        + "classé\(passed > 1 ? "s" : "")."
                    : "These rates moved you ahead of \(passed) better-ranked candidate\(passed > 1 ? "s" : "").")
        }
        sentences.append(fr ? "Votre rang d'appel est \(position)." : "Your call position is \(position).")
        return sentences.joined(separator: " ")
    }
}
