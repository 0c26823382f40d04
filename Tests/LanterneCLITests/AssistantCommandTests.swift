import Foundation
import Testing

@Suite("lanterne ask and lanterne assistant")
struct AssistantCommandTests {
    @Test("ask answers from the shipped base with its source, as text and as JSON, identifiers removed first")
    func ask() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try LanterneProcess.run(["ask", "c'est quoi le taux neutre"], in: folder)
        #expect(text.status == 0)
        #expect(text.standardOutput.hasPrefix("Votre employeur applique le taux neutre dans deux cas."))
        #expect(text.standardOutput.contains("Source : Le taux neutre (non personnalisé) de prélèvement à la source"))
        #expect(text.standardOutput.contains("0809 401 401"))
        let json = try LanterneProcess.run(
            ["ask", "mon NIR 1 85 05 78 006 084 91, où en est mon remboursement ?", "--format", "json"], in: folder)
        let reply = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as! [String: Any]
        #expect(reply["status"] as? String == "handoff")
        #expect(reply["reason"] as? String == "personal_file")
        #expect((reply["human"] as? String)?.contains("France services") == true)
    }

    @Test("assistant index writes a file that ask --index loads; eval prints the metrics and exits 1 under a floor")
    func indexAndEval() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let built = try LanterneProcess.run(["assistant", "index", "--out", "kb.idx"], in: folder)
        #expect(built.status == 0)
        let answer = try LanterneProcess.run(["ask", "--index", "kb.idx", "c'est quoi le taux neutre"], in: folder)
        #expect(answer.standardOutput.hasPrefix("Votre employeur applique le taux neutre dans deux cas."))
        try "question,expected\nc'est quoi le taux neutre,pas-taux-neutre\nrecette de la tarte aux pommes,\n".write(
            to: folder.appendingPathComponent("q.csv"), atomically: true, encoding: .utf8)
        let evaluation = try LanterneProcess.run(["assistant", "eval", "q.csv", "--format", "json"], in: folder)
        #expect(evaluation.status == 0)
        let metrics = try JSONSerialization.jsonObject(with: Data(evaluation.standardOutput.utf8)) as! [String: Any]
        #expect(metrics["recall_at_1"] as? Double == 1)
        #expect(metrics["correct_abstention"] as? Double == 1)
        let failing = try LanterneProcess.run(["assistant", "eval", "q.csv", "--min-recall-at-1", "1.01"], in: folder)
        #expect(failing.status == 1)
        try "question,expected\nbonjour,article-inconnu\n".write(
            to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try LanterneProcess.run(["assistant", "eval", "bad.csv"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.standardError == "bad.csv:2 : l'article attendu « article-inconnu » n'existe pas dans la base\n")
        let text = try LanterneProcess.run(["assistant", "eval", "q.csv", "--misses"], in: folder)
        #expect(text.standardOutput.hasPrefix("questions: 1 answerable, 1 unanswerable\nrecall@1: 1\n"))
    }

    @Test("assistant bench asks every question the given number of times and reports the index and the latencies")
    func bench() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "question\nc'est quoi le taux neutre\nrecette de la tarte aux pommes\n".write(
            to: folder.appendingPathComponent("q.csv"), atomically: true, encoding: .utf8)
        let run = try LanterneProcess.run(["assistant", "bench", "q.csv", "--repeat", "3"], in: folder)
        #expect(run.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as! [String: Any]
        #expect(report["queries"] as? Int == 6)
        #expect(report["answered"] as? Int == 3)
        #expect((report["index_bytes"] as? Int ?? 0) > 0)
        #expect((report["p50_ms"] as? Double ?? -1) <= (report["p99_ms"] as? Double ?? -1))
        try "texte\nbonjour\n".write(to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let bad = try LanterneProcess.run(["assistant", "bench", "bad.csv"], in: folder)
        #expect(bad.status == 2)
        #expect(bad.standardError.hasPrefix("bad.csv:1: la colonne « question » du schéma est absente de l'en-tête"))
    }

    @Test("assistant redact replaces valid identifiers only")
    func redact() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try LanterneProcess.run(
            ["assistant", "redact", "IBAN FR76 3000 6000 0112 3456 7890 189, payé 1 250 € en 2026"], in: folder)
        #expect(outcome.standardOutput == "IBAN [IBAN], payé 1 250 € en 2026\n")
    }
}
