import Foundation

/// Two-proportion z-tests of each group against the reference group, with Holm's correction across the groups of an
/// attribute (so that testing many groups does not make a difference appear by chance).
public enum ProportionTests {
    /// The two-sided p-value of the pooled two-proportion z-test of `a / n` against `b / m`.
    /// - Returns: the p-value, or `nil` when a sample is empty or the pooled share is 0 or 1.
    public static func pValue(_ a: Int, _ n: Int, _ b: Int, _ m: Int) -> Double? {
        guard n > 0, m > 0 else { return nil }
        let pooled = Double(a + b) / Double(n + m)
        guard pooled > 0, pooled < 1 else { return nil }
        let error = (pooled * (1 - pooled) * (1 / Double(n) + 1 / Double(m))).squareRoot()
        let z = (Double(a) / Double(n) - Double(b) / Double(m)) / error
        return erfc(abs(z) / 2.0.squareRoot())
    }

    /// Holm's step-down adjustment of p-values.
    /// - Parameter values: the p-values.
    /// - Returns: the adjusted p-values, in the same order.
    public static func holm(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        var adjusted = [Double](repeating: 1, count: values.count)
        var running = 0.0
        for (step, index) in order.enumerated() {
            running = max(running, min(1, Double(values.count - step) * values[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// The counts behind a rate: its numerator and denominator.
    /// - Parameters:
    ///   - counts: a group's confusion counts.
    ///   - rate: `selection_rate`, `fpr` or `fnr`.
    /// - Returns: (numerator, denominator), or `nil` for another rate.
    public static func fraction(_ counts: ConfusionCounts, _ rate: String) -> (Int, Int)? {
        switch rate {
        case "selection_rate": (counts.truePositives + counts.falsePositives, counts.count)
        case "fpr": (counts.falsePositives, counts.falsePositives + counts.trueNegatives)
        case "fnr": (counts.falseNegatives, counts.falseNegatives + counts.truePositives)
        default: nil
        }
    }

    /// The rates tested.
    public static let rates = ["selection_rate", "fpr", "fnr"]

    /// For each published group other than the reference, and each tested rate: the p-value and Holm's adjusted one.
    /// - Parameter audit: the audit.
    /// - Returns: group value → rate → (p, adjusted p).
    public static func tests(_ audit: GroupAudit) -> [String: [String: (p: Double, holm: Double)]] {
        guard let reference = audit.groups.first(where: { $0.value == audit.reference }) else { return [:] }
        var result: [String: [String: (p: Double, holm: Double)]] = [:]
        for rate in rates {
            var names: [String] = []
            var values: [Double] = []
            for group in audit.groups where !group.suppressed && group.value != reference.value {
                guard let (a, n) = fraction(group.counts, rate), let (b, m) = fraction(reference.counts, rate),
                    let p = pValue(a, n, b, m)
                else { continue }
                names.append(group.value)
                values.append(p)
            }
            for (name, (p, adjusted)) in zip(names, zip(values, holm(values))) {
                result[name, default: [:]][rate] = (p, adjusted)
            }
        }
        return result
    }
}
