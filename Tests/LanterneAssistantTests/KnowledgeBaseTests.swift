import Foundation
import LanterneAssistant
import LanterneData
import Testing

@Suite("The knowledge base")
struct KnowledgeBaseTests {
    static let article = """
        ---
        id: exemple
        title: "Un titre : avec deux points"
        theme: declaration
        questions:
          - comment faire
          - c'est quand
        sources:
          - https://www.impots.gouv.fr/exemple
        checked: 2026-11-29
        applies_to: 2026
        ---
        Premier paragraphe,
        sur deux lignes.

        Second paragraphe.
        """

    @Test("An article: front matter, quoted title, lists, paragraphs joined line by line")
    func parse() throws {
        let article = try KnowledgeBase.parse(Self.article, file: "exemple.md")
        #expect(article.id == "exemple")
        #expect(article.title == "Un titre : avec deux points")
        #expect(article.questions == ["comment faire", "c'est quand"])
        #expect(article.sources == ["https://www.impots.gouv.fr/exemple"])
        #expect(article.paragraphs == ["Premier paragraphe, sur deux lignes.", "Second paragraphe."])
        #expect(article.appliesTo == "2026")
    }

    @Test(
        "A malformed article names its file and field",
        arguments: [
            (
                "sources:\n  - https://www.impots.gouv.fr/exemple\n", "",
                "exemple.md: champ « sources » manquant ou vide"
            ),
            (
                "checked: 2026-11-29", "checked: hier",
                "exemple.md: champ « checked » : « hier » invalide ; attendu : une date AAAA-MM-JJ"
            ),
            (
                "https://www.impots.gouv.fr/exemple", "www.impots.gouv.fr",
                "exemple.md: champ « sources » : « www.impots.gouv.fr » invalide ; attendu : une adresse https://"
            ),
            (
                "theme: declaration", "theme declaration",
                "exemple.md:4: ligne d'en-tête illisible « theme declaration » (attendu « clé: valeur » ou « - élément »)"
            ),
            ("title: \"Un titre : avec deux points\"\n", "", "exemple.md: champ « title » manquant ou vide"),
        ])
    func malformed(old: String, new: String, message: String) {
        let text = Self.article.replacingOccurrences(of: old, with: new)
        do {
            _ = try KnowledgeBase.parse(text, file: "exemple.md")
            Issue.record("no error")
        } catch let error as KnowledgeBaseError {
            #expect(error.message(.fr) == message)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("The shipped base: at least 80 articles, each with official sources, a checked date and a direct answer")
    func shipped() throws {
        let base = try KnowledgeBase.shipped()
        #expect(base.articles.count >= 80)
        let official = [
            "https://www.impots.gouv.fr", "https://www.service-public.fr", "https://www.legifrance.gouv.fr",
            "https://lannuaire.service-public.fr", "https://www.economie.gouv.fr",
            "https://entreprendre.service-public.fr",
            "https://impots.gouv.fr",
        ]
        for article in base.articles {
            #expect(
                article.sources.allSatisfy { source in official.contains { source.hasPrefix($0) } }, "\(article.id)")
            #expect(!article.paragraphs.isEmpty)
            #expect(article.questions.count >= 3, "\(article.id)")
        }
        #expect(Set(base.articles.map(\.id)).count == base.articles.count)
    }

    @Test("Two articles with the same id: the second file is named")
    func duplicates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.article.write(to: folder.appendingPathComponent("a.md"), atomically: true, encoding: .utf8)
        try Self.article.write(to: folder.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        #expect(throws: KnowledgeBaseError.self) { try KnowledgeBase.load(folder: folder.path) }
        do {
            _ = try KnowledgeBase.load(folder: folder.path)
        } catch let error as KnowledgeBaseError {
            #expect(error.file.hasSuffix("b.md"))
            #expect(error.message(.fr).hasSuffix("l'identifiant « exemple » est déjà celui de \(folder.path)/a.md"))
        }
    }
}
