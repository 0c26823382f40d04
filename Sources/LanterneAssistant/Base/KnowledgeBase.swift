import Foundation

/// The articles the assistant answers from, read from Markdown files with a front matter.
public struct KnowledgeBase: Sendable {
    /// The articles, sorted by id.
    public let articles: [Article]

    /// Creates a base from articles.
    public init(articles: [Article]) {
        self.articles = articles.sorted { $0.id < $1.id }
    }

    /// The base shipped with Lanterne (the articles in `Sources/LanterneAssistant/Knowledge`).
    /// - Throws: ``KnowledgeBaseError`` if an article is malformed.
    /// - Parameter asOf: the day (`AAAA-MM-JJ`) the base is to be published on, to refuse articles past their tax
    ///   year or checked after that day (``checkDates(_:file:asOf:)``); `nil` reads the base without that check.
    public static func shipped(asOf: String? = nil) throws -> KnowledgeBase {
        guard let folder = Bundle.module.url(forResource: "Knowledge", withExtension: nil) else {
            throw KnowledgeBaseError(.emptyFolder, file: "Knowledge")
        }
        return try load(folder: folder.path, asOf: asOf)
    }

    /// Reads every `.md` file of a folder.
    /// - Parameters:
    ///   - folder: the folder's path.
    ///   - asOf: the day (`AAAA-MM-JJ`) the base is to be published on, to refuse articles past their tax year or
    ///     checked after that day (``checkDates(_:file:asOf:)``); `nil` reads the base without that check.
    /// - Returns: the base.
    /// - Throws: ``KnowledgeBaseError`` naming the file and field at fault, or a duplicate id.
    public static func load(folder: String, asOf: String? = nil) throws -> KnowledgeBase {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        guard !names.isEmpty else { throw KnowledgeBaseError(.emptyFolder, file: folder) }
        var articles: [Article] = []
        var seen: [String: String] = [:]
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KnowledgeBaseError(.emptyFolder, file: path)
            }
            let article = try parse(String(decoding: data, as: UTF8.self), file: path)
            if let day = asOf { try checkDates(article, file: path, asOf: day) }
            if let other = seen[article.id] {
                throw KnowledgeBaseError(.duplicateID(article.id, otherFile: other), file: path)
            }
            seen[article.id] = path
            articles.append(article)
        }
        let paraphrases = try readParaphrases(
            folder: (folder as NSString).appendingPathComponent("Paraphrases"), known: Set(seen.keys))
        for index in articles.indices { articles[index].paraphrases = paraphrases[articles[index].id] ?? [] }
        return KnowledgeBase(articles: articles)
    }

    /// Reads the `.txt` files of a base's `Paraphrases/` folder, if there is one: blocks that start with a line
    /// `## article-id`, then one question a line; lines that start with a single `#` and blank lines are skipped.
    /// - Parameters:
    ///   - folder: the folder's path.
    ///   - known: the base's article ids.
    /// - Returns: each article's paraphrases, in file order (files sorted by name).
    /// - Throws: ``KnowledgeBaseError`` naming the file and line of a question outside a block or of an unknown id.
    static func readParaphrases(folder: String, known: Set<String>) throws -> [String: [String]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        var paraphrases: [String: [String]] = [:]
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KnowledgeBaseError(.emptyFolder, file: path)
            }
            try parseParaphrases(String(decoding: data, as: UTF8.self), file: path, known: known, into: &paraphrases)
        }
        return paraphrases
    }

    /// Parses one paraphrase file into `paraphrases`.
    static func parseParaphrases(
        _ text: String, file: String, known: Set<String>, into paraphrases: inout [String: [String]]
    ) throws {
        var current: String? = nil
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("## ") {
                let id = line.dropFirst(3).trimmingCharacters(in: .whitespaces)
                guard known.contains(id) else {
                    throw KnowledgeBaseError(.unknownArticle(id, line: number + 1), file: file)
                }
                current = id
            } else if line.isEmpty || line.hasPrefix("#") {
                continue
            } else if let id = current {
                paraphrases[id, default: []].append(line)
            } else {
                throw KnowledgeBaseError(.malformedLine(number + 1, line), file: file)
            }
        }
    }

    /// Parses one article.
    /// - Parameters:
    ///   - text: the Markdown text.
    ///   - file: the name used in messages.
    /// - Returns: the article.
    /// - Throws: ``KnowledgeBaseError``.
    public static func parse(_ text: String, file: String) throws -> Article {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else {
            throw KnowledgeBaseError(.noFrontMatter, file: file)
        }
        var scalars: [String: String] = [:]
        var lists: [String: [String]] = [:]
        var currentList: String? = nil
        for number in 1..<end {
            let line = String(lines[number])
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("  - ") || line.hasPrefix("- ") {
                guard let key = currentList else {
                    throw KnowledgeBaseError(.malformedLine(number + 1, line), file: file)
                }
                lists[key, default: []].append(unquoted(String(line.drop { $0 == " " }.dropFirst(2))))
                continue
            }
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else {
                throw KnowledgeBaseError(.malformedLine(number + 1, line), file: file)
            }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.isEmpty {
                currentList = key
                lists[key] = lists[key] ?? []
            } else {
                currentList = nil
                scalars[key] = unquoted(value)
            }
        }
        func required(_ key: String) throws -> String {
            guard let value = scalars[key], !value.isEmpty else {
                throw KnowledgeBaseError(.missingField(key), file: file)
            }
            return value
        }
        func list(_ key: String) throws -> [String] {
            guard let value = lists[key], !value.isEmpty else {
                throw KnowledgeBaseError(.missingField(key), file: file)
            }
            return value
        }
        let sources = try list("sources")
        for source in sources where !source.hasPrefix("https://") {
            throw KnowledgeBaseError(
                .invalid(field: "sources", value: source, expected: "une adresse https://"), file: file)
        }
        let checked = try required("checked")
        guard checked.count == 10, DateParsing.isDay(checked) else {
            throw KnowledgeBaseError(
                .invalid(field: "checked", value: checked, expected: "une date AAAA-MM-JJ"), file: file)
        }
        let appliesTo = try required("applies_to")
        guard appliesTo == "permanent" || (appliesTo.count == 4 && (Int(appliesTo).map { $0 > 1900 } ?? false))
        else {
            throw KnowledgeBaseError(
                .invalid(field: "applies_to", value: appliesTo, expected: "une année AAAA ou « permanent »"),
                file: file)
        }
        let status: Article.Status
        switch scalars["status"] {
        case nil: status = .verified
        case let value?:
            guard let known = Article.Status(rawValue: value) else {
                throw KnowledgeBaseError(
                    .invalid(field: "status", value: value, expected: "« vérifié » ou « à vérifier »"), file: file)
            }
            status = known
        }
        let body = lines[(end + 1)...].joined(separator: "\n")
        let paragraphs = body.components(separatedBy: "\n\n").map {
            $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }.filter { !$0.isEmpty }
        guard !paragraphs.isEmpty else { throw KnowledgeBaseError(.missingField("texte"), file: file) }
        return Article(
            id: try required("id"), title: try required("title"), theme: try required("theme"),
            questions: try list("questions"), sources: sources, checked: checked,
            appliesTo: appliesTo, paragraphs: paragraphs, status: status)
    }

    private static func unquoted(_ value: String) -> String {
        if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") {
            return String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        return value
    }
}

/// Checks of `AAAA-MM-JJ` dates.
enum DateParsing {
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return false
        }
        return parts[0].count == 4 && (1...12).contains(month) && (1...31).contains(day) && year > 1900
    }
}
