import LanterneSelection
import PropertyBased
import Testing

@Suite("Call order properties on random groups")
struct CallOrderPropertyTests {
    /// A candidate's kind as a number: bit 0 scholarship holder, bit 1 in sector.
    static let kinds = Gen.int(in: 0...3).array(of: 1...300)

    @Test("Every random group gets a call order with properties P1 to P5, a permutation of the group")
    func randomGroups() async {
        await propertyCheck(count: 400, input: Self.kinds, Gen.int(in: 0...100), Gen.int(in: 0...100)) {
            kinds, scholarshipRate, inSectorRate in
            let candidates = kinds.enumerated().map { index, kind in
                // Ranks are shuffled against ids so that nothing relies on their being equal.
                Candidate(
                    id: (index * 7919) % 100_003, rank: index + 1, scholarshipHolder: kind & 1 == 1,
                    inSector: kind & 2 == 2)
            }
            let order = try? CallOrder.compute(
                candidates, scholarshipRate: scholarshipRate, inSectorRate: inSectorRate)
            #expect(order != nil)
            #expect(Set(order ?? []) == Set(candidates))
        }
    }

    @Test("The checker catches a broken order: two scholarship holders swapped (P1), a quota missed (P2)")
    func violations() {
        let a = Candidate(id: 1, rank: 1, scholarshipHolder: true, inSector: false)
        let b = Candidate(id: 2, rank: 2, scholarshipHolder: true, inSector: false)
        let c = Candidate(id: 3, rank: 3, scholarshipHolder: false, inSector: false)
        #expect(throws: CallOrderProperties.Violation(property: "P1", position: 2, candidate: 1)) {
            try CallOrderProperties.check([b, a, c], scholarshipRate: 0, inSectorRate: 0)
        }
        let d = Candidate(id: 4, rank: 4, scholarshipHolder: true, inSector: false)
        #expect(throws: CallOrderProperties.Violation(property: "P2", position: 1, candidate: 3)) {
            try CallOrderProperties.check([c, d], scholarshipRate: 50, inSectorRate: 0)
        }
    }
}
