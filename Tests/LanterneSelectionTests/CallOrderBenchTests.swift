import LanterneSelection
import Testing

@Suite("The call order bench on seeded random groups")
struct CallOrderBenchTests {
    @Test("The same seed draws the same groups; every candidate of 3 groups of 2,000 gets a place, on 1 or 2 threads")
    func seededGroups() {
        let first = CallOrderBench.randomGroups(3, candidates: 2_000, seed: 7)
        let again = CallOrderBench.randomGroups(3, candidates: 2_000, seed: 7)
        #expect(first.map(\.candidates) == again.map(\.candidates))
        #expect(first.map(\.candidates) != CallOrderBench.randomGroups(3, candidates: 2_000, seed: 8).map(\.candidates))
        // Ranks are a permutation of 1...2000; the rates vary with the group's number.
        #expect(first[0].candidates.map(\.rank).sorted() == Array(1...2_000))
        #expect(first.map(\.scholarshipRate) == [20, 21, 22])
        #expect(first.map(\.inSectorRate) == [30, 31, 32])
        let holders = first[0].candidates.filter(\.scholarshipHolder).count
        #expect(abs(Double(holders) / 2_000 - 0.25) < 0.04)
        for threads in [1, 2] {
            let bench = CallOrderBench(groups: 3, candidates: 2_000, seed: 7, threads: threads)
            #expect(bench.ordered == 6_000)
            #expect(bench.failed == 0)
            #expect(
                bench.json.hasPrefix(
                    #"{"groups":3,"candidates_per_group":2000,"threads":\#(threads),"ordered":6000,"failed":0,"seconds":"#
                ))
        }
    }
}
