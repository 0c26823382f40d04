import Foundation
import LanterneData

/// What an audit's JSON says about its gates, read back from `lanterne audit --json` (or the stored report) before a
/// model is published.
public struct AuditGates: Sendable, Equatable {
    /// One gate's outcome.
    public struct Outcome: Sendable, Equatable {
        /// The gate's name.
        public var name: String
        /// The metric it bounds.
        public var metric: String
        /// Whether the value stayed within bounds.
        public var passed: Bool
    }

    /// Every gate of the audit, in the report's order.
    public var outcomes: [Outcome]

    /// Whether every gate passed (an audit run without gates passes).
    public var passed: Bool { outcomes.allSatisfy(\.passed) }

    /// The gates that failed.
    public var failed: [Outcome] { outcomes.filter { !$0.passed } }

    /// Reads the gates of an audit report.
    /// - Parameters:
    ///   - text: the report, as `lanterne audit --json` writes it.
    ///   - file: its name, for the message.
    /// - Throws: `AuditInputError` when the text is not an audit report.
    public static func read(_ text: String, file: String) throws -> AuditGates {
        let object = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        guard let report = object as? [String: Any], report["rows"] is NSNumber,
            let gates = report["gates"] as? [[String: Any]]
        else {
            throw AuditInputError(
                file: file, french: "ce n'est pas un rapport d'audit (attendu : la sortie de lanterne audit --json)",
                english: "this is not an audit report (expected: the output of lanterne audit --json)")
        }
        var outcomes: [Outcome] = []
        for (index, gate) in gates.enumerated() {
            guard let name = gate["name"] as? String, let metric = gate["metric"] as? String,
                let passed = gate["passed"] as? Bool
            else {
                throw AuditInputError(
                    file: file, french: "la règle n° \(index + 1) de « gates » n'a pas de name, metric et passed",
                    english: "gate \(index + 1) of “gates” lacks name, metric and passed")
            }
            outcomes.append(Outcome(name: name, metric: metric, passed: passed))
        }
        return AuditGates(outcomes: outcomes)
    }
}
