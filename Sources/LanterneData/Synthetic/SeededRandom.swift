#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small, fast generator (SplitMix64) whose whole sequence is fixed by its seed.
///
/// Synthetic populations give every row its own generator, seeded from the population's seed and the row number,
/// so a row's values never depend on how rows are split between threads.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    /// - Parameter seed: any 64-bit value.
    public init(seed: UInt64) {
        state = seed
    }

    /// Creates the generator of one row of a population.
    /// - Parameters:
    ///   - seed: the population's seed.
    ///   - row: the row number.
    ///   - stream: a number separating independent uses of the same row.
    public init(seed: UInt64, row: Int, stream: UInt64 = 0) {
        state = SeededRandom.mix(seed &+ SeededRandom.mix(UInt64(truncatingIfNeeded: row) &+ stream &* 0x9E37_79B9))
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    /// - Parameter value: any 64-bit value.
    /// - Returns: the scrambled value.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    /// - Returns: the bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    /// - Returns: the number.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// `true` with probability `p`.
    /// - Parameter p: the probability.
    /// - Returns: the draw.
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// A standard normal draw (Box–Muller).
    /// - Returns: the draw.
    public mutating func normal() -> Double {
        let u1 = 1 - uniform()
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A log-normal draw with the given median and log-scale spread.
    /// - Parameters:
    ///   - median: the distribution's median.
    ///   - sigma: the standard deviation of its logarithm.
    /// - Returns: the draw.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// An index drawn with probability proportional to `weights`.
    /// - Parameter weights: non-negative weights, not all zero.
    /// - Returns: the chosen index.
    public mutating func pick(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = uniform() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// An index drawn from cumulative weights (ascending, the last one the total), by binary search.
    /// - Parameter cumulative: running sums of the weights.
    /// - Returns: the chosen index.
    public mutating func pick(cumulative: [Double]) -> Int {
        let target = uniform() * cumulative[cumulative.count - 1]
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// The logistic function, 1 / (1 + e^-x).
/// - Parameter x: a log-odds.
/// - Returns: the probability.
@inlinable
public func logistic(_ x: Double) -> Double {
    1 / (1 + exp(-x))
}
