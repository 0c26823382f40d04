import Foundation
import LanterneData

/// What a register shows of an audit, read from the JSON that `lanterne audit --json` writes: the rows audited, the
/// gates with their values, the four-fifths checks and the findings, most important first.
public struct AuditDigest: Sendable, Equatable {
    /// One gate: a bound on a metric that blocks deployment when crossed.
    public struct Gate: Sendable, Equatable {
        /// The gate's name.
        public var name: String
        /// The metric it bounds.
        public var metric: String
        /// Whether the value stayed within bounds.
        public var passed: Bool
        /// The measured value, if any.
        public var value: Double?
        /// The lower bound, if any.
        public var minimum: Double?
        /// The upper bound, if any.
        public var maximum: Double?
    }

    /// The four-fifths rule on one protected attribute.
    public struct FourFifths: Sendable, Equatable {
        /// The attribute (or intersection, `a*b`).
        public var attribute: String
        /// Whether every group is selected at least four fifths as often as the most selected one.
        public var passed: Bool
    }

    /// Rows audited.
    public var rows: Int
    /// The gates, in the report's order.
    public var gates: [Gate]
    /// The four-fifths checks.
    public var fourFifths: [FourFifths]
    /// The findings, in the report's order (most important first).
    public var findings: [String]
    /// The report's warnings.
    public var warnings: [String]

    /// Creates a digest.
    public init(rows: Int, gates: [Gate], fourFifths: [FourFifths], findings: [String], warnings: [String]) {
        self.rows = rows
        self.gates = gates
        self.fourFifths = fourFifths
        self.findings = findings
        self.warnings = warnings
    }

    /// Whether every gate passed.
    public var gatesPassed: Bool { gates.allSatisfy(\.passed) }

    /// Reads an audit report file.
    /// - Parameter path: the file written by `lanterne audit --json`.
    /// - Returns: the digest.
    /// - Throws: ``RegisterExportError`` naming the file when it is missing or not an audit report.
    public static func load(path: String) throws -> AuditDigest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RegisterExportError(
                subject: path, french: "fichier d'audit introuvable ou illisible",
                english: "audit file not found or unreadable")
        }
        return try decode(data, file: path)
    }

    /// Decodes an audit report.
    /// - Parameters:
    ///   - data: the JSON text.
    ///   - file: its name, for messages.
    /// - Returns: the digest.
    /// - Throws: ``RegisterExportError`` when the text is not an audit report.
    public static func decode(_ data: Data, file: String) throws -> AuditDigest {
        guard let report = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let rows = (report["rows"] as? NSNumber)?.intValue, let gateList = report["gates"] as? [[String: Any]]
        else {
            throw RegisterExportError(
                subject: file, french: "ce n'est pas un rapport d'audit (attendu : la sortie de lanterne audit --json)",
                english: "this is not an audit report (expected: the output of lanterne audit --json)")
        }
        func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
        var gates: [Gate] = []
        for (index, gate) in gateList.enumerated() {
            guard let name = gate["name"] as? String, let metric = gate["metric"] as? String,
                let passed = gate["passed"] as? Bool
            else {
                throw RegisterExportError(
                    subject: file, french: "la règle n° \(index + 1) de « gates » n'a pas de name, metric et passed",
                    english: "gate \(index + 1) of “gates” lacks name, metric and passed")
            }
            gates.append(
                Gate(
                    name: name, metric: metric, passed: passed, value: number(gate["value"]),
                    minimum: number(gate["min"]), maximum: number(gate["max"])))
        }
        let fourFifths = (report["four_fifths"] as? [[String: Any]] ?? []).compactMap { item -> FourFifths? in
            guard let attribute = item["attribute"] as? String, let passed = item["passed"] as? Bool else { return nil }
            return FourFifths(attribute: attribute, passed: passed)
        }
        return AuditDigest(
            rows: rows, gates: gates, fourFifths: fourFifths, findings: report["sentences"] as? [String] ?? [],
            warnings: report["warnings"] as? [String] ?? [])
    }
}
