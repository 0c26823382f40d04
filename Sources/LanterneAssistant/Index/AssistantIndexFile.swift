import Foundation
import LanterneData

/// The assistant saved to one file: the articles and both indexes, so that a server starts without re-reading and
/// re-analysing the base.
public enum AssistantIndexFile {
    /// The first bytes of the file, with the format's version.
    static let magic = "LANTERNE-ASSISTANT-INDEX-3"

    /// The file's bytes.
    /// - Parameter assistant: the assistant.
    /// - Returns: the bytes.
    public static func encode(_ assistant: Assistant) -> [UInt8] {
        var writer = BinaryWriter()
        writer.write(magic)
        writer.write(Int32(assistant.base.articles.count))
        for article in assistant.base.articles {
            writer.write([
                article.id, article.title, article.theme, article.checked, article.appliesTo, article.status.rawValue,
            ])
            writer.write(article.questions)
            writer.write(article.sources)
            writer.write(article.paragraphs)
            writer.write(article.paraphrases)
        }
        for index in [assistant.index, assistant.trigrams, assistant.questions] { encode(index, into: &writer) }
        if let classifier = assistant.classifier {
            writer.write(Int32(classifier.classes))
            writer.write(classifier.featureIDs.sorted { $0.value < $1.value }.map(\.key))
            writer.write(classifier.weights)
            writer.write(classifier.bias)
        } else {
            writer.write(Int32(0))
        }
        return writer.bytes
    }

    private static func encode(_ index: SearchIndex, into writer: inout BinaryWriter) {
        writer.write(index.passages.flatMap { [Int32($0.article), Int32($0.paragraph)] })
        let terms = index.termIDs.sorted { $0.value < $1.value }
        writer.write(terms.map(\.key))
        writer.write(index.postingStarts)
        writer.write(index.postingDocuments)
        writer.write(index.postingCounts)
        writer.write(index.lengths)
        let words = index.vocabulary.sorted { $0.key < $1.key }
        writer.write(words.map(\.key))
        writer.write(words.map { Int32($0.value) })
    }

    /// Writes the file atomically.
    /// - Parameters:
    ///   - assistant: the assistant.
    ///   - path: the file's path.
    /// - Throws: the writing error.
    public static func write(_ assistant: Assistant, to path: String) throws {
        try AtomicFile.write(encode(assistant), to: path)
    }

    /// Reads a file written by ``write(_:to:)``.
    /// - Parameters:
    ///   - path: the file's path.
    ///   - policy: when to answer.
    /// - Returns: the assistant.
    /// - Throws: ``KnowledgeBaseError`` when the file is not an index of this version.
    public static func load(path: String, policy: AnswerPolicy = .standard) throws -> Assistant {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KnowledgeBaseError(.emptyFolder, file: path)
        }
        var reader = BinaryReader(Array(data))
        let broken = KnowledgeBaseError(
            .invalid(field: "index", value: "illisible", expected: "un fichier écrit par « lanterne assistant index »"),
            file: path)
        guard reader.string() == magic, let count = reader.int32(), count >= 0 else { throw broken }
        var articles: [Article] = []
        for _ in 0..<count {
            guard let fields = reader.strings(), fields.count == 6, let status = Article.Status(rawValue: fields[5]),
                let questions = reader.strings(),
                let sources = reader.strings(), let paragraphs = reader.strings(),
                let paraphrases = reader.strings()
            else { throw broken }
            articles.append(
                Article(
                    id: fields[0], title: fields[1], theme: fields[2], questions: questions, sources: sources,
                    checked: fields[3], appliesTo: fields[4], paragraphs: paragraphs,
                    paraphrases: paraphrases, status: status))
        }
        guard let words = decode(&reader), let grams = decode(&reader), let asked = decode(&reader),
            let classes = reader.int32()
        else { throw broken }
        var classifier: ArticleClassifier? = nil
        if classes > 0 {
            guard Int(classes) == articles.count, let features = reader.strings(), let weights = reader.floats(),
                let bias = reader.floats(), bias.count == Int(classes), weights.count == features.count * Int(classes)
            else { throw broken }
            var ids: [String: Int32] = [:]
            for (id, feature) in features.enumerated() { ids[feature] = Int32(id) }
            classifier = ArticleClassifier(featureIDs: ids, weights: weights, bias: bias)
        }
        return Assistant(
            base: KnowledgeBase(articles: articles), index: words, trigrams: grams, questions: asked,
            classifier: classifier, policy: policy)
    }

    private static func decode(_ reader: inout BinaryReader) -> SearchIndex? {
        guard let pairs = reader.int32s(), pairs.count % 2 == 0, let terms = reader.strings(),
            let starts = reader.int32s(), let documents = reader.int32s(), let counts = reader.floats(),
            let lengths = reader.floats(), let words = reader.strings(), let frequencies = reader.int32s(),
            words.count == frequencies.count, starts.count == terms.count + 1, documents.count == counts.count
        else { return nil }
        let passages = stride(from: 0, to: pairs.count, by: 2).map {
            Passage(article: Int(pairs[$0]), paragraph: Int(pairs[$0 + 1]))
        }
        var termIDs: [String: Int32] = [:]
        termIDs.reserveCapacity(terms.count)
        for (id, term) in terms.enumerated() { termIDs[term] = Int32(id) }
        var vocabulary: [String: Int] = [:]
        vocabulary.reserveCapacity(words.count)
        for (word, frequency) in zip(words, frequencies) { vocabulary[word] = Int(frequency) }
        return SearchIndex(
            passages: passages, termIDs: termIDs, postingStarts: starts, postingDocuments: documents,
            postingCounts: counts, lengths: lengths, vocabulary: vocabulary)
    }
}
