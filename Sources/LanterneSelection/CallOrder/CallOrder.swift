/// Parcoursup's call order (ordre d'appel): the jury's ranking reordered so that, on every prefix of the order, the
/// share of scholarship holders and the share of in-sector candidates reach their minimum rates while such candidates
/// remain, moving each candidate as little as possible. Integer arithmetic only, as in the official algorithm.
///
/// At each step the next candidate is the best ranked among those whose call keeps both rates; when no candidate can
/// keep both, the scholarship rate wins.
public enum CallOrder {
    /// The call order of a ranking group.
    /// - Parameters:
    ///   - candidates: the group, in any order.
    ///   - scholarshipRate: the minimum percentage of scholarship holders (qB), 0–100.
    ///   - inSectorRate: the minimum percentage of in-sector candidates (qR), 0–100.
    /// - Returns: the candidates in call order.
    /// - Throws: ``SelectionError`` for a rate outside 0–100, a rank below 1, a rank or a candidate given twice;
    ///   ``CallOrderProperties/Violation`` if the result breaks a property (it never should).
    public static func compute(_ candidates: [Candidate], scholarshipRate: Int, inSectorRate: Int) throws
        -> [Candidate]
    {
        for (field, value) in [
            ("tauxMinBoursiersPourcents", scholarshipRate), ("tauxMinDuSecteurPourcents", inSectorRate),
        ]
        where !(0...100).contains(value) {
            throw SelectionError(.rateOutOfRange(field: field, value: value))
        }
        let sorted = try rankOrder(candidates)
        try checkIdentifiers(sorted)
        // Four queues by kind, each in rank order: 0 scholarship and in-sector, 1 scholarship only, 2 in-sector only,
        // 3 neither.
        var queues: [[Candidate]] = [[], [], [], []]
        for candidate in sorted { queues[kind(candidate)].append(candidate) }
        var heads = [0, 0, 0, 0]
        var called = 0
        var scholarshipCalled = 0
        var inSectorCalled = 0
        var order: [Candidate] = []
        order.reserveCapacity(sorted.count)
        while called < sorted.count {
            let scholarshipLeft = heads[0] < queues[0].count || heads[1] < queues[1].count
            let inSectorLeft = heads[0] < queues[0].count || heads[2] < queues[2].count
            let needScholarship = scholarshipLeft && scholarshipCalled * 100 < scholarshipRate * (called + 1)
            let needInSector = inSectorLeft && inSectorCalled * 100 < inSectorRate * (called + 1)
            var best: Int? = nil
            for queue in 0..<4 where heads[queue] < queues[queue].count {
                let isScholarship = queue < 2
                let isInSector = queue == 0 || queue == 2
                guard (isScholarship || !needScholarship) && (isInSector || !needInSector) else { continue }
                if best == nil || queues[queue][heads[queue]].rank < queues[best!][heads[best!]].rank { best = queue }
            }
            // No candidate keeps both rates: the scholarship rate wins.
            let chosen = best ?? 1
            let candidate = queues[chosen][heads[chosen]]
            heads[chosen] += 1
            called += 1
            if candidate.scholarshipHolder { scholarshipCalled += 1 }
            if candidate.inSector { inSectorCalled += 1 }
            order.append(candidate)
        }
        try CallOrderProperties.check(order, scholarshipRate: scholarshipRate, inSectorRate: inSectorRate)
        return order
    }

    /// The candidates by rank; ranks below 1 or given twice are errors. Ranks up to four times the group's size (the
    /// usual case: 1 to n) are placed directly by rank, others sorted.
    private static func rankOrder(_ candidates: [Candidate]) throws -> [Candidate] {
        for candidate in candidates where candidate.rank < 1 {
            throw SelectionError(.nonPositiveRank(candidate: candidate.id, rank: candidate.rank))
        }
        let largest = candidates.reduce(0) { max($0, $1.rank) }
        func duplicate(_ rank: Int) -> SelectionError {
            let same = candidates.filter { $0.rank == rank }.map(\.id).sorted()
            return SelectionError(.duplicateRank(rank: rank, candidates: same))
        }
        if largest <= 4 * candidates.count + 16 {
            var slots = [Int32](repeating: -1, count: largest + 1)
            for (index, candidate) in candidates.enumerated() {
                guard slots[candidate.rank] < 0 else { throw duplicate(candidate.rank) }
                slots[candidate.rank] = Int32(index)
            }
            return slots.compactMap { $0 < 0 ? nil : candidates[Int($0)] }
        }
        let sorted = candidates.sorted { $0.rank < $1.rank }
        for index in sorted.indices.dropFirst() where sorted[index - 1].rank == sorted[index].rank {
            throw duplicate(sorted[index].rank)
        }
        return sorted
    }

    /// No candidate twice.
    private static func checkIdentifiers(_ candidates: [Candidate]) throws {
        var seen = Set<Int>(minimumCapacity: candidates.count)
        for candidate in candidates where !seen.insert(candidate.id).inserted {
            throw SelectionError(.duplicateCandidate(candidate.id))
        }
    }

    private static func kind(_ candidate: Candidate) -> Int {
        switch (candidate.scholarshipHolder, candidate.inSector) {
        case (true, true): 0
        case (true, false): 1
        case (false, true): 2
        case (false, false): 3
        }
    }
}
