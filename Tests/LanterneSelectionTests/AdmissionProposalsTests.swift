import Foundation
import LanterneSelection
import PropertyBased
import Testing

@Suite("Parcoursup's admission proposals with boarding places")
struct AdmissionProposalsTests {
    /// What the ministry's B7 example generator sets and its files do not hold: 10 beds opened at 100 %, day 1 to 3;
    /// on day 2, the nine candidates who accepted a bed on day 1 hold one; on day 3 the generator records every
    /// remaining candidate as holding a bed.
    static func parameters(day: Int, holders: [Int]) -> AdmissionRound.Parameters {
        let json = """
            {"nbJoursCampagne": \(day), "internats": [{"C_GI_COD": 1, "G_TA_COD": 1, "capacite": 10,
            "pourcentageOuverture": 100, "candidatsAffectes": \(holders)}]}
            """
        return try! AdmissionRound.Parameters.decode(Data(json.utf8), file: "b7.json")
    }

    @Test(
        "The ministry's B7 examples, days 1 to 3: the same proposals, waiting ranks and boarding positions, byte for byte",
        .enabled(if: parcoursupPresent, parcoursupAbsent), arguments: [1, 2, 3])
    func officialB7(day: Int) throws {
        let folder = try #require(parcoursupFolder()).appendingPathComponent("official_examples_2018_xml")
        let input = [UInt8](try Data(contentsOf: folder.appendingPathComponent("ExempleB7Jour\(day)_entree.xml")))
        var holders: [Int] = []
        if day == 2 { holders = [3, 4, 5, 6, 7, 8, 9, 10, 20] }
        if day == 3 {
            let round = try AdmissionRound.decodeOfficialXML(
                input, parameters: Self.parameters(day: 3, holders: []), file: "b7")
            holders = Set(round.groups.flatMap { $0.wishes.map(\.id.candidate) }).sorted()
            #expect(holders.count == 310)
        }
        let round = try AdmissionRound.decodeOfficialXML(
            input, parameters: Self.parameters(day: day, holders: holders), file: "b7")
        let result = try AdmissionProposals.compute(round)
        let expected = try String(
            contentsOf: folder.appendingPathComponent("ExempleB7Jour\(day)_sortie.xml"), encoding: .utf8)
        let matches = result.officialXML(round) == expected
        #expect(matches)
        let proposed = result.groups[0].wishes.filter(\.proposed).map(\.wish.id.candidate)
        switch day {
        case 1: #expect(proposed == [3, 4, 5, 6, 7, 8, 9, 10, 20, 21])
        case 2: #expect(proposed == [11])
        default: #expect(proposed == Array(22...29) + Array(31...62))
        }
        // The ministry's input files were saved after the run: they hold the last rank called.
        #expect(result.groups[0].lastCalledRank == [21, 11, 62][day - 1])
        #expect(result.passes == [1, 2, 1][day - 1])
        let house = result.boardingHouses[0]
        let expectedHouse: [[Int]] = [[10, 10, 10], [11, 21, 11], [0, 0, 0]]
        #expect([house.contingent, house.maximumPosition, house.position] == expectedHouse[day - 1])
    }

    @Test("How many boarders a day opens: beds on day 1, a 30-day ramp with the opening percentage, all from day 60")
    func eligibleBoarders() {
        // L = 300 beds, M = 1,500 boarders (the specification's scenario).
        let days = [1, 2, 15, 30, 31, 59, 60]
        #expect(
            days.map { AdmissionProposals.eligibleBoarders(waiting: 1500, capacity: 300, day: $0, percent: 100) }
                == [300, 340, 860, 1460, 1500, 1500, 1500])
        #expect(
            days.map { AdmissionProposals.eligibleBoarders(waiting: 1500, capacity: 300, day: $0, percent: 70) }
                == [300, 328, 692, 1112, 1140, 1140, 1500])
        #expect(AdmissionProposals.eligibleBoarders(waiting: 8, capacity: 10, day: 1, percent: 0) == 8)
    }

    /// A random day: up to three groups and two boarding houses, twin wishes with and without boarding, holders.
    static func randomRound(_ seed: UInt64) -> AdmissionRound {
        var random = SplitMix(seed)
        let houseCount = Int(random.below(3))
        var houses = (0..<houseCount).map { h in
            AdmissionRound.BoardingHouse(
                committee: h + 1, formation: 0, capacity: Int(random.below(8)), openingPercent: Int(random.below(101)),
                wishes: [])
        }
        var nextBoardingRank = Array(repeating: 1, count: houseCount)
        var groups: [AdmissionRound.Group] = []
        for g in 0..<(1 + Int(random.below(3))) {
            let count = 1 + Int(random.below(40))
            var wishes: [AdmissionRound.Wish] = []
            for rank in 1...count {
                let candidate = g * 1000 + rank
                let house = houseCount > 0 && random.below(3) > 0 ? Int(random.below(UInt64(houseCount))) : -1
                if house >= 0 {
                    // A candidate's boarding rank is the same wherever they ask for this house.
                    let boardingRank = nextBoardingRank[house] + Int(random.below(3))
                    nextBoardingRank[house] = boardingRank + 1
                    let id = AdmissionRound.WishID(candidate: candidate, formation: g + 1, boarding: true)
                    wishes.append(.init(id: id, callRank: rank, boardingRank: boardingRank))
                    houses[house].wishes.append(id)
                    if random.below(4) == 0 { houses[house].holders.insert(candidate) }
                }
                if house < 0 || random.below(3) == 0 {
                    let id = AdmissionRound.WishID(candidate: candidate, formation: g + 1, boarding: false)
                    wishes.append(.init(id: id, callRank: rank, boardingRank: 0))
                }
            }
            // A consistent history: the first candidates called on earlier days accepted their place; those who
            // also asked for a bed they do not hold yet still wait for it, as holders of the place.
            let called = Int(random.below(UInt64(count / 2 + 1)))
            var holders = Set<Int>()
            wishes.removeAll { wish in
                guard wish.callRank <= called else { return false }
                let waitsForBed =
                    wish.id.boarding && !houses.contains(where: { $0.holders.contains(wish.id.candidate) })
                if waitsForBed { holders.insert(wish.id.candidate) }
                return !waitsForBed
            }
            for index in houses.indices {
                houses[index].wishes.removeAll { id in
                    id.formation == g + 1 && id.candidate - g * 1000 <= called && !holders.contains(id.candidate)
                }
            }
            groups.append(
                .init(
                    committee: g + 1, enrolment: g + 1, formation: g + 1, vacancies: Int(random.below(20)) - 3,
                    limitRank: Int(random.below(6)), wishes: wishes, holders: holders))
        }
        return AdmissionRound(day: 1 + Int(random.below(70)), groups: groups, boardingHouses: houses)
    }

    @Test("Random days: properties P1–P5 hold, and the result does not depend on the order of groups and houses")
    func randomDays() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let round = Self.randomRound(seed)
            var result: AdmissionResult? = nil
            do { result = try AdmissionProposals.compute(round) } catch { Issue.record("\(error)") }
            var reversed = round
            reversed.groups.reverse()
            reversed.boardingHouses.reverse()
            let other = try? AdmissionProposals.compute(reversed)
            #expect(other?.groups.reversed() == result?.groups)
            #expect(other?.boardingHouses.reversed().map(\.position) == result?.boardingHouses.map(\.position))
        }
    }

    @Test("Bad input names the group, the candidate and the field; a house without parameters is named")
    func badInput() throws {
        let id = { (candidate: Int) in AdmissionRound.WishID(candidate: candidate, formation: 1, boarding: false) }
        let twice = AdmissionRound(
            day: 1,
            groups: [
                .init(
                    committee: 1, enrolment: 2, formation: 1, vacancies: 5, limitRank: 0,
                    wishes: [
                        .init(id: id(7), callRank: 1, boardingRank: 0), .init(id: id(8), callRank: 1, boardingRank: 0),
                    ])
            ], boardingHouses: [])
        #expect(
            throws: SelectionInputError(
                file: "f.xml", detail: "groupe 1/2/1 : les candidats 7 et 8 ont le même ordre d'appel 1")
        ) { try AdmissionProposals.compute(twice, file: "f.xml") }
        var late = twice
        late.day = 0
        #expect(throws: SelectionInputError(file: "f.xml", detail: "jour de campagne 0 : il doit être entre 1 et 120"))
        {
            try AdmissionProposals.compute(late, file: "f.xml")
        }
        let missing = Array(
            "<algoPropositionsEntree><groupesAffectations><id><C_GP_COD>1</C_GP_COD><G_TI_COD>1</G_TI_COD><G_TA_COD>1</G_TA_COD></id><rangLimite>0</rangLimite></groupesAffectations></algoPropositionsEntree>"
                .utf8)
        #expect(
            throws: SelectionInputError(
                file: "m.xml", detail: "groupe n° 1 : champ « nbPlacesVacantes » manquant ou non entier")
        ) {
            try AdmissionRound.decodeOfficialXML(
                missing, parameters: Self.parameters(day: 1, holders: []), file: "m.xml")
        }
        #expect(
            throws: SelectionInputError(file: "p.json", detail: "champ « internats.[0].capacite » manquant")
        ) {
            try AdmissionRound.Parameters.decode(
                Data("{\"nbJoursCampagne\": 1, \"internats\": [{\"C_GI_COD\": 1, \"G_TA_COD\": 1}]}".utf8),
                file: "p.json")
        }
    }
}

/// SplitMix64, for the random days (tests only).
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }
}

@Suite("A campaign over several days")
struct AdmissionCampaignTests {
    @Test("Accepted places never exceed the places, beds never exceed the beds, and each day starts from what is left")
    func invariants() throws {
        let order = (1...300).map { Candidate(id: $0, rank: $0, scholarshipHolder: $0 % 4 == 0, inSector: $0 % 3 == 0) }
        let campaign = try AdmissionCampaign(
            order: order, settings: .init(places: 50, days: 8, beds: 12, boardingPercent: 40, seed: 7))
        var accepted = 0
        var beds = 0
        for (index, day) in campaign.days.enumerated() {
            #expect(day.round.groups[0].vacancies == 50 - accepted)
            accepted += day.accepted.count
            beds +=
                day.accepted.filter { id in
                    day.round.groups[0].wishes.contains { $0.id.candidate == id && $0.boardingRank > 0 }
                }
                .count
            #expect(accepted <= 50 && beds <= 12)
            if index + 1 < campaign.days.count {
                let next = Set(campaign.days[index + 1].round.groups[0].wishes.map(\.id.candidate))
                let left = Set(day.accepted + day.declined + day.withdrawn)
                #expect(next.isDisjoint(with: left))
                #expect(next.count + left.count == day.round.groups[0].wishes.count)
            }
        }
        let again = try AdmissionCampaign(
            order: order, settings: .init(places: 50, days: 8, beds: 12, boardingPercent: 40, seed: 7))
        #expect(again.days == campaign.days)
        #expect(throws: SelectionInputError.self) {
            try AdmissionCampaign(order: order, settings: .init(places: 5, days: 3, acceptPercent: 120))
        }
    }
}
