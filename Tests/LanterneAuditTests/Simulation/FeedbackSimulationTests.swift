import LanterneAudit
import Testing

@Suite("The feedback-loop simulation")
struct FeedbackSimulationTests {
    static func request(rows: Int, periods: Int, share: Double, threads: Int, history: Int = 20_000)
        -> FeedbackSimulationRequest
    {
        var request = FeedbackSimulationRequest()
        request.rows = rows
        request.historyRows = history
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
        let outcome = try FeedbackSimulation.run(
            Self.request(rows: 5_000, periods: 3, share: 0.5, threads: 2, history: 50_000))
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

    @Test("Without a draw, the model keeps over-controlling the single parents its biased history over-controlled")
    func trapWithoutDraw() throws {
        // The same run as drawIsUnbiased: 50,000 history households, whose past controls over-target single parents
        // (+0.9 on the log-odds), then 3 periods of 5,000 households and 200 controls. Measured (seed 7): single
        // parents are 13 %, 12 % and 11.5 % of the controlled for 5.8 %, 5.8 % and 6 % of households (a standard
        // error of 1.7 points on 200 controls), 12.2 % of the 600 controls against 5.9 % pooled (6.5 standard
        // errors), while their true irregularity rate (6.3 %, 5.9 % and 6.7 % on about 300 households, against
        // 4.9 %, 5.3 % and 5.4 %) is at most 1.3 times the population's.
        let outcome = try FeedbackSimulation.run(
            Self.request(rows: 5_000, periods: 3, share: 0.5, threads: 2, history: 50_000))
        let without = outcome.arms[0]
        var controlledShares = 0.0
        var populationShares = 0.0
        for period in without.periods {
            let group = try #require(
                period.groups.first { $0.attribute == "parent_isole" && $0.group == "1" })
            let p = group.populationShare
            let standardError = (p * (1 - p) / Double(period.controlled)).squareRoot()
            #expect(group.controlledShare > p + 2 * standardError, "period \(period.period)")
            controlledShares += group.controlledShare
            populationShares += p
        }
        let count = Double(without.periods.count)
        let pooled = populationShares / count
        let pooledError = (pooled * (1 - pooled) / (count * 200)).squareRoot()
        #expect(controlledShares / count > pooled + 3 * pooledError)
    }

    @Test("Settings out of range are refused naming the setting")
    func refusals() {
        var request = FeedbackSimulationRequest()
        request.periods = 0
        #expect(throws: SimulationSettingError.self) { try request.check() }
        request.periods = 1
        request.historyRows = 10
        do {
            try request.check()
            Issue.record("accepted a history of 10 households")
        } catch let error as SimulationSettingError {
            #expect(error.setting == "history_rows")
        } catch { Issue.record("\(error)") }
        request.historyRows = 20_000
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
