import LanterneData

/// Which cases of a period are proposed for control: a capacity (or every score at or above a threshold), of which a
/// share is drawn uniformly from the whole population with a recorded seed and the rest taken by score.
///
/// The random draw is what keeps the loop honest: its cases are chosen without the model, so their outcomes give the
/// true rate of irregularity and an audit that the model's own choices cannot bias. The queue mixes both kinds in
/// an order drawn from the same seed, so a drawn case's place does not give it away.
public struct ControlPolicy: Sendable, Equatable {
    /// How many cases are controlled.
    public enum Rule: Sendable, Equatable {
        /// A fixed number of controls per period.
        case capacity(Int)
        /// Every case whose score is at or above the threshold (the random share comes out of that number).
        case threshold(Double)
    }

    /// The rule.
    public var rule: Rule
    /// The share of the controls drawn at random, from 0 to 1.
    public var randomShare: Double
    /// The draw's seed, recorded with the period.
    public var seed: UInt64

    /// Creates a policy.
    /// - Parameters:
    ///   - rule: a capacity or a threshold.
    ///   - randomShare: the share drawn at random (10 % in the demonstration).
    ///   - seed: the draw's seed.
    public init(rule: Rule, randomShare: Double, seed: UInt64) {
        self.rule = rule
        self.randomShare = min(1, max(0, randomShare))
        self.seed = seed
    }

    /// The random stream the draw uses, shared with the feedback-loop simulation.
    static let drawStream: UInt64 = 13

    /// The policy's choice for one period.
    public struct Choice: Sendable, Equatable {
        /// Whether each case is proposed for control.
        public var proposed: [Bool]
        /// Whether each case was drawn at random.
        public var drawn: [Bool]
        /// The proposed cases in queue order (indices into the scores).
        public var queue: [Int]
    }

    /// How many controls a period of these scores gets.
    public func capacity(_ scores: [Double]) -> Int {
        switch rule {
        case .capacity(let count): min(max(0, count), scores.count)
        case .threshold(let threshold): scores.count { $0 >= threshold }
        }
    }

    /// Chooses the cases of one period.
    /// - Parameters:
    ///   - scores: every case's score.
    ///   - period: the period's number (each period draws anew from the same seed).
    /// - Returns: the proposed cases, the drawn ones among them, and the queue.
    public func choose(scores: [Double], period: Int = 0) -> Choice {
        let count = scores.count
        let capacity = capacity(scores)
        let drawnCount = min(count, Int((Double(capacity) * randomShare).rounded()))
        var drawn = [Bool](repeating: false, count: count)
        var order = Array(0..<count)
        var random = SeededRandom(seed: seed, row: period, stream: Self.drawStream)
        for i in 0..<drawnCount {
            let j = i + Int(random.next() % UInt64(count - i))
            order.swapAt(i, j)
            drawn[order[i]] = true
        }
        var proposed = drawn
        let ranked = (0..<count).sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var left = capacity - drawnCount
        for row in ranked where left > 0 && !drawn[row] {
            proposed[row] = true
            left -= 1
        }
        // The queue: the proposed cases in an order drawn from the seed (Fisher–Yates on a second stream).
        var queue = (0..<count).filter { proposed[$0] }
        var shuffle = SeededRandom(seed: seed, row: period, stream: Self.drawStream + 1)
        if queue.count > 1 {
            for i in stride(from: queue.count - 1, to: 0, by: -1) {
                queue.swapAt(i, Int(shuffle.next() % UInt64(i + 1)))
            }
        }
        return Choice(proposed: proposed, drawn: drawn, queue: queue)
    }
}
