import Foundation
import LanterneData
import Testing

@testable import LanterneModels

@Suite("Binning's sort of the sampled values")
struct FeatureBinningSortTests {
    @Test("The radix sort orders numbers as sort() does", arguments: [0, 1, 2, 7, 1_000, 50_000])
    func sameOrder(count: Int) {
        var random = SeededRandom(seed: UInt64(count) + 5)
        let specials: [Double] = [
            0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1, -1,
        ]
        var values: [Double] = []
        for i in 0..<count {
            switch i % 5 {
            case 0: values.append(random.normal() * 1e6)
            case 1: values.append(Double(Int(random.uniform() * 20)))  // integers: many ties, shared low bytes
            case 2: values.append(specials[Int(random.uniform() * Double(specials.count))])
            case 3: values.append(-random.uniform() * 1e-300)
            default: values.append(random.uniform())
            }
        }
        var sorted = values
        FeatureBinning.radixSort(&sorted)
        let expected = values.sorted()
        // Equal as numbers at every position (−0 and +0 compare equal and may come in either order).
        #expect(sorted.count == expected.count)
        #expect(zip(sorted, expected).allSatisfy { $0 == $1 })
        // Never −0 after +0: the order of the bits.
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.bitPattern == $1.bitPattern || $0 <= $1 })
    }

    @Test("The bins of a feature are those chosen from a plain sort")
    func sameBins() {
        var random = SeededRandom(seed: 12)
        let rows = 5_000
        var values: [Double] = []
        for _ in 0..<rows {
            values += [
                random.normal(), Double(Int(random.uniform() * 6)),
                random.uniform() < 0.1 ? .nan : exp(random.normal()),
            ]
        }
        let matrix = FeatureMatrix(rows: rows, features: 3, values: values)
        let binning = FeatureBinning(
            matrix: matrix, features: (0..<3).map { ModelFeature(name: "x\($0)") }, maxBins: 255)
        for feature in 0..<3 {
            let column = stride(from: feature, to: values.count, by: 3).map { values[$0] }.filter { !$0.isNaN }.sorted()
            // The bounds are midpoints between consecutive distinct values (or equal-count cuts between them).
            let distinct = Set(column)
            #expect(
                binning.upperBounds[feature].dropFirst().dropLast().allSatisfy { bound in
                    column.contains { $0 < bound } && column.contains { $0 > bound } && !distinct.contains(bound)
                })
        }
        // Binning row by row agrees with the bin of each value.
        let rowBins = binning.binnedByRow(matrix, threads: 2)
        for row in stride(from: 0, to: rows, by: 97) {
            for feature in 0..<3 {
                #expect(rowBins[row * 3 + feature] == binning.bin(values[row * 3 + feature], feature: feature))
            }
        }
    }
}
