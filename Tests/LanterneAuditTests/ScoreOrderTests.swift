import LanterneAudit
import LanterneData
import Testing

@Suite("Score order and encoded groups")
struct ScoreOrderTests {
    /// Scores with many ties, negative values, zeros and large magnitudes: more than the 4,096 cases under which
    /// the order falls back to a comparison sort, so the radix sort is the one checked.
    private static func scores(_ count: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            switch random.next() % 5 {
            case 0: return Double(random.next() % 7) / 4  // ties
            case 1: return -Double(random.next() % 1000) * 1e-3
            case 2: return 0
            case 3: return Double(random.next() % 1_000_000) * 1e6
            default: return Double(random.next() >> 11) / Double(1 << 53)
            }
        }
    }

    @Test("The radix order equals a comparison sort by score then position, on 20,000 cases with ties and negatives")
    func radixMatchesComparison() {
        let scores = Self.scores(20_000, seed: 7)
        let expected = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
        let order = ScoreOrder(scores: scores)
        let ascendingMatches = order.ascending.map(Int.init) == expected
        #expect(ascendingMatches)
        // Descending: highest first, equal scores still in file order.
        let descending = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let descendingMatches = order.descending(scores: scores).map(Int.init) == descending
        #expect(descendingMatches)
    }

    @Test("Each group's AUC from one shared order equals the rank-sum formula computed group by group")
    func aucByGroup() {
        let scores = Self.scores(10_000, seed: 11)
        var random = SeededRandom(seed: 3)
        let positive = scores.map { _ in random.next() % 3 == 0 }
        let codes = scores.indices.map { Int32($0 % 4) - 1 }  // -1 left out, groups 0, 1, 2
        let aucs = ScoreOrder(scores: scores).auc(scores: scores, positive: positive, codes: codes, groupCount: 3)
        for group in 0..<3 {
            let rows = codes.indices.filter { codes[$0] == Int32(group) }
            // Mann–Whitney by average ranks, written out independently.
            let values = rows.map { scores[$0] }
            let sorted = values.sorted()
            func averageRank(_ value: Double) -> Double {
                let low = sorted.firstIndex(of: value)!
                let high = sorted.lastIndex(of: value)!
                return Double(low + high) / 2 + 1
            }
            let positives = rows.filter { positive[$0] }
            let rankSum = positives.reduce(0.0) { $0 + averageRank(scores[$1]) }
            let p = Double(positives.count)
            let n = Double(rows.count - positives.count)
            let expected = (rankSum - p * (p + 1) / 2) / (p * n)
            #expect(abs(aucs[group]! - expected) < 1e-12)
        }
    }

    @Test("Intersections name each combination that occurs; a missing value is « inconnu »; counts by group")
    func groupColumns() {
        let sex = GroupColumn(labels: CategoryColumn(labels: ["F", "M", nil, "F"]), unknown: "inconnu")
        #expect(sex.names == ["F", "M", "inconnu"])
        let area = GroupColumn(labels: CategoryColumn(labels: ["qpv", "qpv", "rural", "rural"]), unknown: "inconnu")
        let both = GroupColumn.intersection([sex, area])
        #expect(both.names == ["F*qpv", "M*qpv", "inconnu*rural", "F*rural"])
        #expect(both.codes == [0, 1, 2, 3])
        let counts = sex.counts(selected: [true, false, true, false], positive: [true, true, false, false])
        #expect(counts[0] == ConfusionCounts(truePositives: 1, falsePositives: 0, trueNegatives: 1, falseNegatives: 0))
        #expect(counts[1] == ConfusionCounts(falseNegatives: 1))
        #expect(counts[2] == ConfusionCounts(falsePositives: 1))
    }

    @Test("Conditions over whole columns agree with the cell-by-cell rule, numbers as numbers, labels as text")
    func columnConditions() {
        let numbers = Column(name: "n", storage: .number(NumberColumn([1, 2.5, .nan, 30])))
        #expect(RowCondition.parse("n <= 2.5")!.mask(numbers) == [true, true, false, false])
        #expect(RowCondition.parse("n != 2.5")!.mask(numbers) == [true, false, true, true])
        let labels = Column(name: "t", storage: .category(CategoryColumn(labels: ["Low", "High", nil, "Low"])))
        #expect(RowCondition.parse("t != Low")!.mask(labels) == [false, true, true, false])
        let flags = Column(name: "f", storage: .boolean(BooleanColumn(flags: [true, false, nil])))
        #expect(RowCondition.parse("f == true")!.mask(flags) == [true, false, false])
    }
}
