import Foundation
import LanterneData

/// What `lanterne assistant bench` measures: reading the base, building the index, writing and loading the index
/// file, then replying to questions (every latency kept, percentiles over all of them).
public struct AssistantBench: Sendable {
    /// Articles in the base.
    public var articles: Int
    /// Passages indexed.
    public var passages: Int
    /// Seconds to read the base.
    public var readSeconds: Double
    /// Seconds to build the index.
    public var buildSeconds: Double
    /// Seconds to load the index file.
    public var loadSeconds: Double
    /// The index file's size.
    public var indexBytes: Int
    /// Each reply's latency in milliseconds, sorted.
    public var latencies: [Double]
    /// Questions answered (status `answer`).
    public var answered: Int
    /// Seconds for all the replies.
    public var replySeconds: Double

    /// Runs the measure.
    /// - Parameters:
    ///   - readBase: reads the knowledge base (timed).
    ///   - questions: the questions asked.
    ///   - rounds: how many times each question is asked (at least once).
    ///   - indexPath: where the index file is written then loaded (removed afterwards).
    /// - Throws: what reading the base or the index file throws.
    public init(
        readBase: () throws -> KnowledgeBase, questions: [String], rounds: Int, indexPath: String
    ) throws {
        let clock = ContinuousClock()
        var start = clock.now
        let base = try readBase()
        readSeconds = Self.seconds(clock.now - start)
        start = clock.now
        let assistant = Assistant(base: base)
        buildSeconds = Self.seconds(clock.now - start)
        defer { try? FileManager.default.removeItem(atPath: indexPath) }
        try AssistantIndexFile.write(assistant, to: indexPath)
        indexBytes = (try? FileManager.default.attributesOfItem(atPath: indexPath)[.size] as? Int) ?? 0
        start = clock.now
        let loaded = try AssistantIndexFile.load(path: indexPath)
        loadSeconds = Self.seconds(clock.now - start)
        articles = base.articles.count
        passages = assistant.index.passages.count
        var latencies: [Double] = []
        var answered = 0
        let total = clock.now
        for _ in 0..<max(1, rounds) {
            for question in questions {
                let begin = clock.now
                let reply = loaded.reply(to: question)
                latencies.append(Self.seconds(clock.now - begin) * 1000)
                if reply.status == .answer { answered += 1 }
            }
        }
        replySeconds = Self.seconds(clock.now - total)
        self.latencies = latencies.sorted()
        self.answered = answered
    }

    /// The latency below which a share `p` of the replies came (nearest rank).
    public func percentile(_ p: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        return latencies[min(latencies.count - 1, max(0, Int((Double(latencies.count) * p).rounded(.up)) - 1))]
    }

    /// The measure as one line of JSON, what the command prints.
    public var json: String {
        "{\"articles\":\(articles),\"passages\":\(passages),"
            + "\"read_seconds\":\(JSONText.number(readSeconds)),"
            + "\"build_seconds\":\(JSONText.number(buildSeconds)),"
            + "\"index_bytes\":\(indexBytes),\"load_seconds\":\(JSONText.number(loadSeconds)),"
            + "\"queries\":\(latencies.count),\"answered\":\(answered),"
            + "\"p50_ms\":\(JSONText.number(percentile(0.5))),\"p99_ms\":\(JSONText.number(percentile(0.99))),"
            + "\"max_ms\":\(JSONText.number(latencies.last ?? 0)),"
            + "\"queries_per_second\":\(JSONText.number(Double(latencies.count) / max(replySeconds, 1e-9)))}\n"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
