import Foundation
import LanterneData
import Testing

@testable import LanterneAssistant

/// Issue 18, point 4: only what was checked is shown as checked, and an article past its tax year is refused.
@Suite("Only what was checked")
struct CheckedFactsTests {
    static func article(status: String? = nil, checked: String = "2026-11-29", appliesTo: String = "2026") -> String {
        KnowledgeBaseTests.article.replacingOccurrences(of: "checked: 2026-11-29", with: "checked: \(checked)")
            .replacingOccurrences(
                of: "applies_to: 2026",
                with: "applies_to: \(appliesTo)" + (status.map { "\nstatus: \($0)" } ?? ""))
    }

    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as KnowledgeBaseError {
            return error.message(.fr)
        } catch {
            return "\(error)"
        }
    }

    @Test("The status is read from the front matter: « vérifié » by default, « à vérifier », anything else refused")
    func status() throws {
        #expect(try KnowledgeBase.parse(Self.article(), file: "a.md").status == .verified)
        #expect(try KnowledgeBase.parse(Self.article(status: "vérifié"), file: "a.md").status == .verified)
        #expect(try KnowledgeBase.parse(Self.article(status: "à vérifier"), file: "a.md").status == .toVerify)
        #expect(
            Self.message { _ = try KnowledgeBase.parse(Self.article(status: "peut-être"), file: "a.md") }
                == "a.md: champ « status » : « peut-être » invalide ; attendu : « vérifié » ou « à vérifier »")
    }

    @Test("applies_to is a year or « permanent »")
    func appliesTo() throws {
        #expect(try KnowledgeBase.parse(Self.article(appliesTo: "permanent"), file: "a.md").taxYear == nil)
        #expect(try KnowledgeBase.parse(Self.article(appliesTo: "2025"), file: "a.md").taxYear == 2025)
        #expect(
            Self.message { _ = try KnowledgeBase.parse(Self.article(appliesTo: "l'an dernier"), file: "a.md") }
                == "a.md: champ « applies_to » : « l'an dernier » invalide ; attendu : une année AAAA ou « permanent »")
    }

    @Test("An article is refused once its tax year is over, until it is checked again that year")
    func pastYear() throws {
        let current = try KnowledgeBase.parse(Self.article(), file: "a.md")
        // During its year, and on its last day, the article is published.
        try KnowledgeBase.checkDates(current, file: "a.md", asOf: "2026-12-07")
        try KnowledgeBase.checkDates(current, file: "a.md", asOf: "2026-12-31")
        // The next year, it is refused with its file and field.
        #expect(
            Self.message { try KnowledgeBase.checkDates(current, file: "a.md", asOf: "2027-01-01") }
                == "a.md: champ « applies_to » : les faits valent pour 2026, année passée au 2027-01-01, et l'article "
                + "n'a pas été revérifié depuis (checked: 2026-11-29) ; relisez-le sur ses sources officielles, puis "
                + "mettez à jour « applies_to » et « checked »")
        // Checked again in 2027, it passes in 2027 but not in 2028.
        let rechecked = try KnowledgeBase.parse(Self.article(checked: "2027-01-05"), file: "a.md")
        try KnowledgeBase.checkDates(rechecked, file: "a.md", asOf: "2027-06-30")
        #expect(Self.message { try KnowledgeBase.checkDates(rechecked, file: "a.md", asOf: "2028-01-02") } != nil)
        // Permanent facts never expire.
        let permanent = try KnowledgeBase.parse(Self.article(appliesTo: "permanent"), file: "a.md")
        try KnowledgeBase.checkDates(permanent, file: "a.md", asOf: "2040-01-01")
        // A check date after the day of publication is one the article cannot have had.
        #expect(
            Self.message { try KnowledgeBase.checkDates(current, file: "a.md", asOf: "2026-11-28") }
                == "a.md: champ « checked » : « 2026-11-29 » invalide ; attendu : "
                + "une date passée (au plus le 2026-11-28)")
    }

    @Test("Loading a folder as of a day names the file of the first article past its year")
    func loadAsOf() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.article(appliesTo: "permanent").write(
            to: folder.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try Self.article(appliesTo: "2025").replacingOccurrences(of: "id: exemple", with: "id: ancien").write(
            to: folder.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        #expect(try KnowledgeBase.load(folder: folder.path).articles.count == 2)
        #expect(try KnowledgeBase.load(folder: folder.path, asOf: "2026-12-07").articles.count == 2)
        let refused = Self.message { _ = try KnowledgeBase.load(folder: folder.path, asOf: "2027-01-01") }
        #expect(refused?.hasPrefix("\(folder.path)/b.md: champ « applies_to » : les faits valent pour 2025") == true)
    }

    @Test("The shipped base: every article states its status; six are « à vérifier »; all publishable on 2026-12-31")
    func shipped() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/LanterneAssistant/Knowledge")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }
        #expect(names.count == 109)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("\nstatus: "), "\(name)")
        }
        let base = try KnowledgeBase.shipped(asOf: "2026-12-31")
        #expect(
            base.articles.filter { $0.status == .toVerify }.map(\.id) == [
                "avis-date-reception-2026", "credits-dons-associations", "declaration-dates-limites-2026",
                "revenus-capitaux-mobiliers-pfu", "revenus-pensions-retraite-abattement", "revenus-plus-values",
            ])
        #expect(base.articles.filter { $0.taxYear == 2026 }.count == 28)
    }

    /// The shipped base with a policy that answers whatever ranks first.
    static let answering: Assistant = {
        var assistant = AssistantTests.assistant
        assistant.policy.threshold = 0
        return assistant
    }()

    @Test("An answer from an article « à vérifier » has no check date and asks to check on the official page")
    func unverifiedReply() throws {
        let reply = Self.answering.reply(to: "date limite declaration des revenus 2026 selon le departement")
        #expect(reply.status == .answer)
        #expect(reply.articleID == "declaration-dates-limites-2026")
        let article = Self.answering.base.articles.first { $0.id == reply.articleID }!
        #expect(reply.sources.count == 2)
        #expect(reply.sources.allSatisfy { !$0.checked && $0.updated.isEmpty })
        let lines = reply.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(article.paragraphs.contains(lines[0]))
        #expect(
            lines[1] == "Attention : ces informations n'ont pas encore été confirmées sur la page officielle. "
                + "Vérifiez-les sur https://www.service-public.fr/particuliers/vosdroits/F359 avant de vous en servir.")
        let json = reply.json()
        #expect(
            json.contains(
                "\"url\":\"https://www.service-public.fr/particuliers/vosdroits/F359\",\"updated\":\"\",\"checked\":false}"
            ))
        #expect(!json.contains("2026-11-29"))
    }

    @Test("An answer from a checked article gives its check date, marked checked, and no extra sentence")
    func verifiedReply() throws {
        let reply = Self.answering.reply(to: "c'est quoi le taux neutre")
        #expect(reply.articleID == "pas-taux-neutre")
        let article = Self.answering.base.articles.first { $0.id == reply.articleID }!
        #expect(article.paragraphs.contains(reply.text))
        #expect(reply.sources.allSatisfy { $0.checked && $0.updated == "2026-11-29" })
        #expect(reply.json().contains("\"updated\":\"2026-11-29\",\"checked\":true}"))
    }

    @Test("No reply of the development set shows a check date for an article « à vérifier »")
    func noFalseDates() throws {
        let toVerify = Set(Self.answering.base.articles.filter { $0.status == .toVerify }.map(\.id))
        var unverifiedAnswers = 0
        for item in try AssistantTests.devSet() {
            let reply = Self.answering.reply(to: item.question)
            guard let id = reply.articleID else { continue }
            let article = Self.answering.base.articles.first { $0.id == id }!
            if toVerify.contains(id) {
                unverifiedAnswers += 1
                #expect(reply.sources.allSatisfy { !$0.checked && $0.updated.isEmpty }, "\(item.question)")
            } else {
                #expect(reply.sources.allSatisfy { $0.checked && $0.updated == article.checked }, "\(item.question)")
            }
        }
        #expect(unverifiedAnswers > 10)
    }
}

/// The `lanterne` binary built beside the tests, for the command's own checks.
enum LanterneBinary {
    static let url: URL? = {
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("lanterne")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// Runs the binary; its exit status and standard error.
    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, error: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        try process.run()
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("lanterne assistant index refuses an article past its year")
struct IndexRefusalTests {
    @Test(
        "index exits 2 naming the file and the field of an article whose tax year is over",
        .enabled(if: LanterneBinary.url != nil))
    func refused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Facts of 2020, checked in 2020: past their year on any day this test can run.
        try CheckedFactsTests.article(checked: "2020-03-01", appliesTo: "2020").write(
            to: folder.appendingPathComponent("ancien.md"), atomically: true, encoding: .utf8)
        let outcome = try LanterneBinary.run(["assistant", "index", "--kb", ".", "--out", "kb.idx"], in: folder)
        #expect(outcome.status == 2)
        #expect(outcome.error.hasPrefix("./ancien.md: champ « applies_to » : les faits valent pour 2020, année passée"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("kb.idx").path))
        // Permanent facts are indexed.
        try CheckedFactsTests.article(checked: "2020-03-01", appliesTo: "permanent").write(
            to: folder.appendingPathComponent("ancien.md"), atomically: true, encoding: .utf8)
        #expect(try LanterneBinary.run(["assistant", "index", "--kb", ".", "--out", "kb.idx"], in: folder).status == 0)
    }
}
