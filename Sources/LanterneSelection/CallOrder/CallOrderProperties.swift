import LanterneData

/// The properties every call order must have, checked after each computation: a violation is an error, never
/// silent.
///
/// - P1: within each kind (scholarship holder or not, in sector or not), candidates keep the jury's order.
/// - P2: on every prefix of the order, scholarship holders make at least the minimum share, unless all of them are
///   already called.
/// - P3: the same for in-sector candidates when no scholarship rate competes with it (with both rates, the
///   scholarship rate has priority and P3 may yield).
/// - P4: an in-sector scholarship holder is never overtaken: everyone called before them is ranked better.
/// - P5: without minimum rates, the call order is the jury's ranking.
public enum CallOrderProperties {
    /// A broken property.
    public struct Violation: LocalizedMessage, Equatable {
        /// The property's name (P1 to P5).
        public var property: String
        /// The position in the call order (from 1) where it breaks.
        public var position: Int
        /// The candidate there.
        public var candidate: Int

        /// Creates a violation.
        public init(property: String, position: Int, candidate: Int) {
            self.property = property
            self.position = position
            self.candidate = candidate
        }

        /// The message.
        public func message(_ language: Language) -> String {
            language == .fr
                ? "ordre d'appel : la propriété \(property) n'est pas respectée en position \(position) (candidat \(candidate))"
                : "call order: property \(property) fails at position \(position) (candidate \(candidate))"
        }
    }

    /// Checks a call order.
    /// - Parameters:
    ///   - order: the candidates in call order.
    ///   - scholarshipRate: qB.
    ///   - inSectorRate: qR.
    /// - Throws: the first ``Violation`` found.
    public static func check(_ order: [Candidate], scholarshipRate: Int, inSectorRate: Int) throws {
        let totalScholarship = order.filter(\.scholarshipHolder).count
        let totalInSector = order.filter(\.inSector).count
        var lastRank = [Int](repeating: 0, count: 4)
        var scholarship = 0
        var inSector = 0
        var bestWorse = 0  // the worst rank called so far
        for (index, candidate) in order.enumerated() {
            let position = index + 1
            func fail(_ property: String) -> Violation {
                Violation(property: property, position: position, candidate: candidate.id)
            }
            let kind = (candidate.scholarshipHolder ? 0 : 2) + (candidate.inSector ? 0 : 1)
            guard candidate.rank > lastRank[kind] else { throw fail("P1") }
            lastRank[kind] = candidate.rank
            if candidate.scholarshipHolder && candidate.inSector && bestWorse > candidate.rank { throw fail("P4") }
            bestWorse = max(bestWorse, candidate.rank)
            if candidate.scholarshipHolder { scholarship += 1 }
            if candidate.inSector { inSector += 1 }
            guard scholarship * 100 >= scholarshipRate * position || scholarship == totalScholarship else {
                throw fail("P2")
            }
            guard scholarshipRate > 0 || inSector * 100 >= inSectorRate * position || inSector == totalInSector else {
                throw fail("P3")
            }
            if scholarshipRate == 0 && inSectorRate == 0 && index > 0 && order[index - 1].rank > candidate.rank {
                throw fail("P5")
            }
        }
    }
}
