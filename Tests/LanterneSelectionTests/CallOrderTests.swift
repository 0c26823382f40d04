import Foundation
import LanterneSelection
import Testing

/// The shared real cases folder, found by walking up from this file to the package, then to its parent.
func parcoursupFolder() -> URL? {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url.deleteLastPathComponent()
    }
    let folder = url.deletingLastPathComponent().appendingPathComponent("shared/realcases/parcoursup")
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
}

/// Whether the ministry's cases are here: the tests that read them are skipped, and reported as skipped, without.
let parcoursupPresent = parcoursupFolder() != nil
/// Why those tests are skipped when the cases are absent.
let parcoursupAbsent: Comment = "../shared/realcases/parcoursup is absent: the ministry's cases are not checked"

@Suite("Parcoursup's call order")
struct CallOrderTests {
    struct Vector: Decodable {
        struct Wish: Decodable {
            var gCnCod: Int
            var rang: Int
            var boursier: Bool
            var duSecteur: Bool
        }
        var name: String
        var tauxMinBoursiersPourcents: Int
        var tauxMinDuSecteurPourcents: Int
        var voeux: [Wish]
        var ordreAppel: [Int]
    }

    @Test(
        "The 207 cases computed by the ministry's official code, A1–A6 included, give the same call order",
        .enabled(if: parcoursupPresent, parcoursupAbsent))
    func officialVectors() throws {
        let folder = try #require(parcoursupFolder())
        let data = try Data(contentsOf: folder.appendingPathComponent("ordre_appel_vectors_official_java.json"))
        let vectors = try JSONDecoder().decode([Vector].self, from: data)
        #expect(vectors.count == 207)
        var matched = 0
        for vector in vectors {
            let candidates = vector.voeux.map {
                Candidate(id: $0.gCnCod, rank: $0.rang, scholarshipHolder: $0.boursier, inSector: $0.duSecteur)
            }
            let order = try CallOrder.compute(
                candidates, scholarshipRate: vector.tauxMinBoursiersPourcents,
                inSectorRate: vector.tauxMinDuSecteurPourcents)
            #expect(order.map(\.id) == vector.ordreAppel, "\(vector.name)")
            if order.map(\.id) == vector.ordreAppel { matched += 1 }
        }
        #expect(matched == 207)
    }

    @Test("Example A1 by hand: with 20 % of scholarship holders, B6 is called first and B7 sixth")
    func exampleA1() throws {
        let candidates = (1...8).map {
            Candidate(id: $0, rank: $0, scholarshipHolder: $0 == 6 || $0 == 7, inSector: false)
        }
        let order = try CallOrder.compute(candidates, scholarshipRate: 20, inSectorRate: 0)
        #expect(order.map(\.id) == [6, 1, 2, 3, 4, 7, 5, 8])
    }

    @Test("Bad groups: a rate above 100, a rank of 0, a rank given twice, a candidate given twice")
    func badInput() {
        let one = Candidate(id: 1, rank: 1, scholarshipHolder: false, inSector: false)
        #expect(throws: SelectionError(.rateOutOfRange(field: "tauxMinBoursiersPourcents", value: 120))) {
            try CallOrder.compute([one], scholarshipRate: 120, inSectorRate: 0)
        }
        #expect(throws: SelectionError(.nonPositiveRank(candidate: 2, rank: 0))) {
            try CallOrder.compute(
                [one, Candidate(id: 2, rank: 0, scholarshipHolder: true, inSector: false)], scholarshipRate: 10,
                inSectorRate: 0)
        }
        #expect(throws: SelectionError(.duplicateRank(rank: 1, candidates: [1, 3]))) {
            try CallOrder.compute(
                [one, Candidate(id: 3, rank: 1, scholarshipHolder: true, inSector: false)], scholarshipRate: 10,
                inSectorRate: 0)
        }
        #expect(
            SelectionError(.duplicateRank(rank: 1, candidates: [1, 3])).message(.fr)
                == "le rang 1 est donné à plusieurs candidats (1, 3) : chaque rang doit être unique")
        // Candidate 1 given twice, at ranks 1 and 2: every rank is unique, so the identifier is what is at fault.
        #expect(throws: SelectionError(.duplicateCandidate(1))) {
            try CallOrder.compute(
                [
                    one, Candidate(id: 2, rank: 3, scholarshipHolder: false, inSector: true),
                    Candidate(id: 1, rank: 2, scholarshipHolder: true, inSector: false),
                ],
                scholarshipRate: 10, inSectorRate: 0)
        }
        #expect(SelectionError(.duplicateCandidate(1)).message(.fr) == "le candidat 1 apparaît deux fois")
        #expect(SelectionError(.duplicateCandidate(1)).message(.en) == "candidate 1 appears twice")
    }
}

@Suite("A candidate's call position explained")
struct CallPositionTests {
    @Test("Example A1: C5 is passed by two scholarship holders (B6, B7) and is called seventh")
    func exampleA1() throws {
        let candidates = (1...8).map {
            Candidate(id: $0, rank: $0, scholarshipHolder: $0 == 6 || $0 == 7, inSector: false)
        }
        let order = try CallOrder.compute(candidates, scholarshipRate: 20, inSectorRate: 0)
        let positions = CallPosition.positions(in: order)
        let c5 = positions.first { $0.candidate.id == 5 }!
        #expect(c5.position == 7)
        #expect(c5.passedByScholarshipHolders == 2)
        #expect(
            c5.explanation(scholarshipRate: 20, inSectorRate: 0)
                == "Votre rang dans le classement du jury est 5. Le taux minimum de 20 % de boursiers a fait passer 2 "
                + "boursiers devant vous. Votre rang d'appel est 7.")
        let b6 = positions.first { $0.candidate.id == 6 }!
        #expect(b6.position == 1)
        #expect(b6.passed == 5)
        #expect(
            b6.explanation(scholarshipRate: 20, inSectorRate: 0)
                == "Votre rang dans le classement du jury est 6. Ces taux vous ont fait passer devant 5 candidats mieux "
                + "classés. Votre rang d'appel est 1.")
    }
}

@Suite("The ministry's 2018 XML examples")
struct OfficialXMLTests {
    @Test(
        "A1 to A6: the call order computed from each input file is the one in its output file",
        .enabled(if: parcoursupPresent, parcoursupAbsent))
    func examples() throws {
        let folder = try #require(parcoursupFolder()).appendingPathComponent("official_examples_2018_xml")
        for example in 1...6 {
            let input = try [UInt8](Data(contentsOf: folder.appendingPathComponent("exemple_A\(example)_entree.xml")))
            let output = try [UInt8](Data(contentsOf: folder.appendingPathComponent("exemple_A\(example)_sortie.xml")))
            let groups = try RankingGroup.decodeOfficialXML(input, file: "A\(example)")
            let expected = try #require(RankingGroup.officialXMLOrders(output))
            #expect(groups.count == 1)
            for group in groups {
                let order = try CallOrder.compute(
                    group.candidates, scholarshipRate: group.scholarshipRate, inSectorRate: group.inSectorRate)
                #expect(order.map(\.id) == expected[group.name], "A\(example)")
            }
        }
    }

    @Test("A malformed file names the field: a rank that is not a number, an unknown candidate type")
    func malformed() {
        let good = """
            <?xml version="1.0"?><algoOrdreAppelEntree><groupesClassements><C_GP_COD>0</C_GP_COD>
            <tauxMinBoursiersPourcents>20</tauxMinBoursiersPourcents><tauxMinResidentsPourcents>0</tauxMinResidentsPourcents>
            <voeuxClasses><typeCandidat>BoursierResident</typeCandidat><G_CN_COD>1</G_CN_COD><rang>1</rang></voeuxClasses>
            </groupesClassements></algoOrdreAppelEntree>
            """
        let groups = try? RankingGroup.decodeOfficialXML(Array(good.utf8), file: "g.xml")
        #expect(groups?.first?.candidates == [Candidate(id: 1, rank: 1, scholarshipHolder: true, inSector: true)])
        #expect(throws: SelectionInputError(file: "g.xml", detail: "groupe 1 : champ « rang » manquant ou non entier"))
        {
            try RankingGroup.decodeOfficialXML(
                Array(good.replacingOccurrences(of: "<rang>1", with: "<rang>un").utf8), file: "g.xml")
        }
        #expect(
            throws: SelectionInputError(file: "g.xml", detail: "groupe 1 : « typeCandidat » invalide (« Etudiant »)")
        ) {
            try RankingGroup.decodeOfficialXML(
                Array(good.replacingOccurrences(of: ">BoursierResident<", with: ">Etudiant<").utf8), file: "g.xml")
        }
    }
}
