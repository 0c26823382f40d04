import Foundation
import Testing

@Suite("lanterne select order")
struct SelectCommandTests {
    static let exampleA1 = """
        {"name": "exemple_A1", "tauxMinBoursiersPourcents": 20, "tauxMinDuSecteurPourcents": 0, "voeux": [
        {"gCnCod": 1, "rang": 1, "boursier": false, "duSecteur": false},
        {"gCnCod": 2, "rang": 2, "boursier": false, "duSecteur": false},
        {"gCnCod": 3, "rang": 3, "boursier": false, "duSecteur": false},
        {"gCnCod": 4, "rang": 4, "boursier": false, "duSecteur": false},
        {"gCnCod": 5, "rang": 5, "boursier": false, "duSecteur": false},
        {"gCnCod": 6, "rang": 6, "boursier": true, "duSecteur": false},
        {"gCnCod": 7, "rang": 7, "boursier": true, "duSecteur": false},
        {"gCnCod": 8, "rang": 8, "boursier": false, "duSecteur": false}]}
        """

    @Test("The official example A1: the call order, and candidate 5's explanation")
    func exampleA1() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.exampleA1.write(to: folder.appendingPathComponent("a1.json"), atomically: true, encoding: .utf8)
        let order = try LanterneProcess.run(["select", "ordre-appel", "a1.json"], in: folder)
        #expect(order.standardOutput.hasPrefix("{\"name\":\"exemple_A1\",\"tauxMinBoursiersPourcents\":20,"))
        #expect(order.standardOutput.hasSuffix(",\"ordreAppel\":[6,1,2,3,4,7,5,8]}\n"))
        let five = try LanterneProcess.run(
            ["select", "ordre-appel", "a1.json", "--id", "5", "--format", "text"], in: folder)
        #expect(
            five.standardOutput
                == "Votre rang dans le classement du jury est 5. Le taux minimum de 20 % de boursiers a fait passer 2 "
                + "boursiers devant vous. Votre rang d'appel est 7.\n")
    }

    @Test("Bad groups exit 2 naming the field or the candidates: a missing rate, a rank given twice")
    func badInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{\"tauxMinBoursiersPourcents\": 20, \"voeux\": []}".write(
            to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        let missing = try LanterneProcess.run(["select", "ordre-appel", "a.json"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.standardError == "a.json: champ « tauxMinDuSecteurPourcents » manquant\n")
        try Self.exampleA1.replacingOccurrences(of: "\"rang\": 8", with: "\"rang\": 7").write(
            to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let twice = try LanterneProcess.run(["select", "ordre-appel", "b.json"], in: folder)
        #expect(twice.status == 2)
        #expect(
            twice.standardError
                == "b.json (exemple_A1): le rang 7 est donné à plusieurs candidats (7, 8) : chaque rang doit être unique\n"
        )
    }
}

@Suite("The selection sample in docs/selection.md")
struct SelectionSampleTests {
    @Test("The three candidates' explanations quoted in docs/selection.md are what the commands give today")
    func sample() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try LanterneProcess.run(
            ["synth", "candidats", "--rows", "200", "--seed", "1", "--out", "candidats.csv", "--schema-out", "s.json"],
            in: folder)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/selection.md"), encoding: .utf8)
            .replacingOccurrences(of: "\n> ", with: " ")
        for id in ["124", "75", "123"] {
            let outcome = try LanterneProcess.run(
                [
                    "select", "ordre-appel", "candidats.csv", "--scholarship-rate", "20", "--in-sector-rate", "30",
                    "--id", id, "--format", "text",
                ], in: folder)
            #expect(outcome.status == 0)
            let text = outcome.standardOutput.trimmingCharacters(in: .newlines)
            #expect(page.contains(text), "candidate \(id): \(text)")
        }
    }
}
