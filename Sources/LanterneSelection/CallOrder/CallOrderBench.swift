import LanterneData

/// The call order computed on seeded random groups, timed: what `lanterne select bench` prints for scripts/bench/.
public struct CallOrderBench: Sendable {
    /// Groups computed.
    public var groups: Int
    /// Candidates in each group.
    public var candidatesPerGroup: Int
    /// Threads used.
    public var threads: Int
    /// Candidates placed in a call order, over every group.
    public var ordered: Int
    /// Groups whose call order failed.
    public var failed: Int
    /// Seconds for the computation alone (drawing the groups excluded).
    public var seconds: Double

    /// Random groups: ranks shuffled, a quarter of scholarship holders and two fifths from the sector, the minimum
    /// rates varying from group to group; the same seed gives the same groups.
    /// - Parameters:
    ///   - groups: how many groups.
    ///   - candidates: candidates per group.
    ///   - seed: the seed of the draws.
    /// - Returns: the groups.
    public static func randomGroups(_ groups: Int, candidates: Int, seed: UInt64) -> [RankingGroup] {
        var random = SeededRandom(seed: seed)
        return (0..<groups).map { group in
            var ranks = Array(1...max(1, candidates))
            for i in stride(from: ranks.count - 1, to: 0, by: -1) {
                ranks.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            let members = ranks.enumerated().map { index, rank in
                let draw = random.next()
                return Candidate(
                    id: index + 1, rank: rank, scholarshipHolder: draw % 100 < 25, inSector: (draw / 100) % 100 < 40)
            }
            return RankingGroup(
                name: String(group), scholarshipRate: 20 + group % 10, inSectorRate: 30 + group % 20,
                candidates: members)
        }
    }

    /// Draws the groups, then times their call orders on `threads` threads.
    /// - Parameters:
    ///   - groups: how many groups.
    ///   - candidates: candidates per group.
    ///   - seed: the seed of the draws.
    ///   - threads: threads for the computation.
    public init(groups: Int, candidates: Int, seed: UInt64, threads: Int) {
        let work = Self.randomGroups(groups, candidates: candidates, seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        let results = ForkJoin.map(chunks: work.count, threads: threads) { index in
            let group = work[index]
            let order = try? CallOrder.compute(
                group.candidates, scholarshipRate: group.scholarshipRate, inSectorRate: group.inSectorRate)
            return order?.count ?? -1
        }
        let elapsed = clock.now - start
        self.groups = groups
        candidatesPerGroup = candidates
        self.threads = threads
        ordered = results.reduce(0) { $0 + max(0, $1) }
        failed = results.filter { $0 < 0 }.count
        seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// The measure as one line of JSON.
    public var json: String {
        "{\"groups\":\(groups),\"candidates_per_group\":\(candidatesPerGroup),\"threads\":\(threads),"
            + "\"ordered\":\(ordered),\"failed\":\(failed),\"seconds\":\(JSONText.number(seconds))}"
    }
}
