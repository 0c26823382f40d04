import Foundation
import Testing

@Suite("lanterne simulate")
struct SimulateTests {
    @Test("Bad options exit 2 with one line naming the option, in French and in English")
    func badOptions() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [([String], String)] = [
            (["--periods", "0"], "--periods : doit valoir au moins 1 (reçu 0)\n"),
            (["--rows", "10"], "--rows : doit valoir au moins 1000 (reçu 10)\n"),
            (["--history-rows", "10"], "--history-rows : doit valoir au moins 1000 (reçu 10)\n"),
            (["--random-share", "1.5"], "--random-share : doit être entre 0 et 1 (reçu 1.5)\n"),
            (["--random-share=-0.1"], "--random-share : doit être entre 0 et 1 (reçu -0.1)\n"),
        ]
        for (arguments, message) in cases {
            let outcome = try LanterneProcess.run(["simulate"] + arguments + ["--out", "s.json"], in: folder)
            #expect(outcome.status == 2)
            #expect(outcome.standardError == message)
        }
        let english = try LanterneProcess.run(["simulate", "--periods", "0", "--lang", "en"], in: folder)
        #expect(english.status == 2)
        #expect(english.standardError == "--periods : must be at least 1 (got 0)\n")
        let format = try LanterneProcess.run(["simulate", "--format", "xml"], in: folder)
        #expect(format.status == 2)
        #expect(format.standardError.contains("--format"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.json").path))
    }

    @Test("A small simulation writes the same bytes twice, and its Markdown and HTML in French")
    func smallRun() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["simulate", "--periods", "2", "--rows", "2000", "--history-rows", "5000", "--seed", "3"]
        let first = try LanterneProcess.run(arguments + ["--out", "a.json"], in: folder)
        let second = try LanterneProcess.run(arguments, in: folder)
        #expect(first.status == 0 && second.status == 0)
        let file = try String(contentsOf: folder.appendingPathComponent("a.json"), encoding: .utf8)
        #expect(file == second.standardOutput)
        #expect(file.hasPrefix(#"{"periods":2,"rows":2000,"capacity":0.04,"random_share":0.1,"seed":3,"#))
        let markdown = try LanterneProcess.run(arguments + ["--format", "markdown"], in: folder)
        #expect(markdown.standardOutput.hasPrefix("# Boucle de rétroaction du ciblage des contrôles\n\n2 périodes"))
        let html = try LanterneProcess.run(arguments + ["--format", "html"], in: folder)
        #expect(html.standardOutput.contains("<svg"))
        #expect(html.standardOutput.contains("AUC du modèle sur l"))
    }
}
