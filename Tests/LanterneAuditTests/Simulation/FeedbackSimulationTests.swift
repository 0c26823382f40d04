import LanterneAudit
import Testing

@Suite("The feedback-loop simulation")
struct FeedbackSimulationTests {
    static func request(rows: Int, periods: Int, share: Double, threads: Int) -> FeedbackSimulationRequest {
        var request = FeedbackSimulationRequest()
        request.rows = rows
        request.periods = periods
        request.randomShare = share
        request.seed = 7
        request.threads = threads
        return request
    }

    @Test("The same seed gives byte-identical JSON on 1 and 2 threads, and another seed other bytes")
    func sameBytes() throws {
        let one = try FeedbackSimulation.run(Self.request(rows: 2_000, periods: 2, share: 0.1, threads: 1)).json()
        let two = try FeedbackSimulation.run(Self.request(rows: 2_000, periods: 2, share: 0.1, threads: 2)).json()
        #expect(one == two)
        #expect(one.hasPrefix(#"{"periods":2,"rows":2000,"capacity":0.04,"random_share":0.1,"seed":7,"#))
        var other = Self.request(rows: 2_000, periods: 2, share: 0.1, threads: 1)
        other.seed = 8
        #expect(try FeedbackSimulation.run(other).json() != one)
    }

    @Test("The random draw keeps every protected group at its population share within 3 standard errors")
    func drawIsUnbiased() throws {
        let outcome = try FeedbackSimulation.run(Self.request(rows: 5_000, periods: 3, share: 0.5, threads: 2))
        #expect(outcome.arms.count == 2)
        let without = outcome.arms[0]
        let with = outcome.arms[1]
        // 200 controls a period (4 % of 5,000), 100 of them drawn in the arm with a draw, none in the other.
        #expect(without.periods.allSatisfy { $0.controlled == 200 && $0.drawn == 0 && $0.drawnHitRate == nil })
        #expect(with.periods.allSatisfy { $0.controlled == 200 && $0.drawn == 100 })
        var checked = 0
        for period in with.periods {
            for group in period.groups where group.populationShare >= 0.05 {
                let p = group.populationShare
                let standardError = (p * (1 - p) / Double(period.drawn)).squareRoot()
                let drawn = try #require(group.drawnShare)
                #expect(
                    abs(drawn - p) <= 3 * standardError, "\(group.attribute)=\(group.group), period \(period.period)")
                checked += 1
            }
        }
        #expect(checked >= 24)
        // Both arms meet the same households: same population shares and prevalence each period.
        for (a, b) in zip(without.periods, with.periods) {
            #expect(a.prevalence == b.prevalence)
            #expect(a.groups.map(\.populationShare) == b.groups.map(\.populationShare))
        }
    }

    @Test("Settings out of range are refused naming the setting")
    func refusals() {
        var request = FeedbackSimulationRequest()
        request.periods = 0
        #expect(throws: SimulationSettingError.self) { try request.check() }
        request.periods = 1
        request.randomShare = 1.5
        do {
            try request.check()
            Issue.record("accepted a share of 1.5")
        } catch let error as SimulationSettingError {
            #expect(error.setting == "random_share")
            #expect(error.message(.fr) == "random_share : doit être entre 0 et 1 (reçu 1.5)")
        } catch { Issue.record("\(error)") }
    }
}
