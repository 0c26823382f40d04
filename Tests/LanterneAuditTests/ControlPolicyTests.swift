import LanterneAudit
import Testing

@Suite("Control policy: capacity or threshold, a share drawn at random")
struct ControlPolicyTests {
    let scores = [0.9, 0.1, 0.8, 0.7, 0.2, 0.3, 0.6, 0.5, 0.4, 0.05]

    @Test("Without a draw the capacity takes the highest scores, ties to the first case")
    func capacity() {
        let choice = ControlPolicy(rule: .capacity(3), randomShare: 0, seed: 1).choose(scores: scores)
        #expect(choice.proposed.indices.filter { choice.proposed[$0] } == [0, 2, 3])
        #expect(!choice.drawn.contains(true))
        #expect(choice.queue.sorted() == [0, 2, 3])
        let tied = ControlPolicy(rule: .capacity(2), randomShare: 0, seed: 1).choose(scores: [0.5, 0.7, 0.5, 0.5])
        #expect(tied.proposed == [true, true, false, false])
    }

    @Test("A threshold controls every score at or above it; the random share comes out of that number")
    func threshold() {
        let policy = ControlPolicy(rule: .threshold(0.5), randomShare: 0.25, seed: 3)
        #expect(policy.capacity(scores) == 5)
        let choice = policy.choose(scores: scores)
        #expect(choice.proposed.count { $0 } == 5)
        #expect(choice.drawn.count { $0 } == 1)
        // The four others are the four highest scores among the cases not drawn.
        let byScore = scores.indices.filter { !choice.drawn[$0] }.sorted { scores[$0] > scores[$1] }.prefix(4)
        #expect(Set(byScore) == Set(choice.proposed.indices.filter { choice.proposed[$0] && !choice.drawn[$0] }))
    }

    @Test(
        "The draw is uniform over the whole population: over 10,000 seeds each of 10 cases is drawn 1,000 ± 120 times")
    func uniform() {
        var counts = [Int](repeating: 0, count: 10)
        for seed in 0..<10_000 {
            let choice = ControlPolicy(rule: .capacity(4), randomShare: 0.25, seed: UInt64(seed)).choose(scores: scores)
            for index in choice.drawn.indices where choice.drawn[index] { counts[index] += 1 }
        }
        // Binomial(10,000, 0.1): standard deviation 30, so 4 deviations is ±120.
        #expect(counts.allSatisfy { abs($0 - 1000) <= 120 }, "\(counts)")
        // Cases with the lowest scores are drawn as often as the highest: the draw never looks at the score.
        #expect(abs(counts[9] - counts[0]) <= 170)
    }

    @Test("Drawn cases take no fixed place in the queue, and the same seed gives the same queue")
    func queue() {
        var firstPlaces = 0
        for seed in 0..<2_000 {
            let choice = ControlPolicy(rule: .capacity(4), randomShare: 0.25, seed: UInt64(seed)).choose(scores: scores)
            #expect(choice.queue.count == 4)
            if let first = choice.queue.first, choice.drawn[first] { firstPlaces += 1 }
        }
        // One case in four is drawn: it comes first in about a quarter of the queues (500 ± 4 × 19).
        #expect(abs(firstPlaces - 500) <= 80, "\(firstPlaces)")
        let policy = ControlPolicy(rule: .capacity(4), randomShare: 0.5, seed: 42)
        #expect(policy.choose(scores: scores, period: 2) == policy.choose(scores: scores, period: 2))
        #expect(policy.choose(scores: scores, period: 2) != policy.choose(scores: scores, period: 3))
    }
}

@Suite("Wilson's interval for a proportion")
struct ProportionIntervalTests {
    @Test("4 of 20 gives 0.0807 to 0.4160, 0 of 10 gives 0 to 0.2775, and no trial gives none (hand-computed)")
    func wilson() throws {
        let four = try #require(ProportionInterval(successes: 4, trials: 20))
        #expect(four.estimate == 0.2)
        #expect(abs(four.lower - 0.080_65) < 1e-4)
        #expect(abs(four.upper - 0.416_0) < 1e-4)
        let none = try #require(ProportionInterval(successes: 0, trials: 10))
        #expect(none.lower == 0)
        #expect(abs(none.upper - 0.277_5) < 1e-4)
        #expect(ProportionInterval(successes: 0, trials: 0) == nil)
        #expect(ProportionInterval(successes: 3, trials: 2) == nil)
    }
}
