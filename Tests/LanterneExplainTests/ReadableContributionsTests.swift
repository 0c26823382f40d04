import LanterneData
import LanterneExplain
import Testing

@Suite("Contributions people can read")
struct ReadableContributionsTests {
    @Test("Themes are summed, the largest come first, the rest are gathered, and the lines end at the score")
    func readable() {
        let contributions = Contributions(base: -2, values: [0.5, 0.3, -0.1, 0.05, 1.0])
        let readable = ReadableContributions(
            contributions, names: ["salaires", "pensions", "age", "zone", "comptes_etranger"],
            groups: ["salaires": "revenus", "pensions": "revenus"], top: 2)
        #expect(readable.effects.map(\.name) == ["comptes_etranger", "revenus", "autres éléments"])
        #expect(readable.effects.map(\.logit) == [1.0, 0.8, -0.05])
        #expect(readable.effects[0].from == logistic(-2))
        #expect(abs(readable.effects[0].to - logistic(-1)) < 1e-15)
        #expect(abs(readable.effects.last!.to - logistic(contributions.total)) < 1e-15)
        #expect(abs(readable.probability - logistic(-0.25)) < 1e-15)
    }

    @Test("Global importance is the mean absolute contribution")
    func importance() {
        let values = GlobalImportance.meanAbsolute([
            Contributions(base: 0, values: [1, -2]), Contributions(base: 0, values: [-3, 0]),
        ])
        #expect(values == [2, 1])
    }
}
