/// A linear map from data values to positions, with round tick values.
public struct Scale: Sendable, Equatable {
    /// The smallest value shown.
    public var lower: Double
    /// The largest value shown.
    public var upper: Double
    /// The position of `lower`.
    public var start: Double
    /// The position of `upper`.
    public var end: Double

    /// Creates a scale; an empty interval is widened by one unit on each side.
    /// - Parameters:
    ///   - lower: the smallest value shown.
    ///   - upper: the largest value shown.
    ///   - start: the position of `lower`.
    ///   - end: the position of `upper`.
    public init(lower: Double, upper: Double, start: Double, end: Double) {
        if upper > lower {
            self.lower = lower
            self.upper = upper
        } else {
            self.lower = lower - 1
            self.upper = upper + 1
        }
        self.start = start
        self.end = end
    }

    /// The position of `value`.
    public func position(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// About `count` round values inside the interval (steps of 1, 2 or 5 times a power of ten).
    /// - Parameter count: the wished number of ticks.
    /// - Returns: the tick values, ascending.
    public func ticks(_ count: Int = 5) -> [Double] {
        let raw = (upper - lower) / Double(max(1, count))
        var power = 1.0
        while power * 10 <= raw { power *= 10 }
        while power > raw { power /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? power * 10
        var ticks: [Double] = []
        var value = (lower / step).rounded(.up) * step
        while value <= upper + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}
