import Foundation
import LanterneData

/// The gates an audit must pass before a model is deployed (`--policy GATES.json`):
/// `{"gates": [{"name": "...", "metric": "ratio.selection_rate", "min": 0.8}, {"metric": "ratio.fpr", "min": 0.8,
/// "max": 1.25}, {"metric": "proxy", "max": 0.75}]}`. A ratio gate looks at every published group's ratio to the
/// reference (its value is the smallest ratio for `min`, the largest for `max`); a proxy gate at the strongest proxy.
public struct AuditPolicy: Sendable, Equatable {
    /// One gate.
    public struct Gate: Sendable, Equatable {
        /// Its name.
        public var name: String
        /// `ratio.RATE`, `difference.RATE` or `proxy`.
        public var metric: String
        /// The smallest value allowed.
        public var minimum: Double?
        /// The largest value allowed.
        public var maximum: Double?

        /// Creates a gate.
        /// - Parameters:
        ///   - name: its name.
        ///   - metric: `ratio.RATE`, `difference.RATE` or `proxy`.
        ///   - minimum: the smallest value allowed.
        ///   - maximum: the largest value allowed.
        public init(name: String, metric: String, minimum: Double?, maximum: Double?) {
            self.name = name
            self.metric = metric
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    /// A gate's outcome.
    public struct Outcome: Sendable, Equatable {
        /// The gate.
        public var gate: Gate
        /// The value found (nil when nothing could be measured, which passes).
        public var value: Double?
        /// Whether the gate holds.
        public var passed: Bool
    }

    /// The gates.
    public var gates: [Gate]

    /// Creates a policy.
    /// - Parameter gates: the gates.
    public init(gates: [Gate]) {
        self.gates = gates
    }

    /// Reads a policy file.
    /// - Parameters:
    ///   - data: the JSON text.
    ///   - file: the name used in messages.
    /// - Throws: ``PolicyError`` naming the field.
    public static func decode(_ data: Data, file: String) throws -> AuditPolicy {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let entries = root["gates"] as? [[String: Any]]
        else { throw PolicyError(file: file, detail: "il faut un objet {\"gates\": [...]}") }
        let rates = Set(ConfusionCounts().rates.map(\.name))
        let gates = try entries.enumerated().map { index, entry -> Gate in
            guard let metric = entry["metric"] as? String else {
                throw PolicyError(file: file, detail: "gates[\(index)].metric manquant")
            }
            let parts = metric.split(separator: ".").map(String.init)
            let valid =
                metric == "proxy"
                || (parts.count == 2 && ["ratio", "difference"].contains(parts[0])
                    && rates.contains(parts[1]))
            guard valid else {
                throw PolicyError(
                    file: file,
                    detail: "gates[\(index)].metric « \(metric) » inconnu (ratio.TAUX, difference.TAUX ou proxy)")
            }
            let minimum = (entry["min"] as? NSNumber)?.doubleValue
            let maximum = (entry["max"] as? NSNumber)?.doubleValue
            guard minimum != nil || maximum != nil else {
                throw PolicyError(file: file, detail: "gates[\(index)] : il faut « min » ou « max »")
            }
            return Gate(
                name: entry["name"] as? String ?? metric, metric: metric, minimum: minimum, maximum: maximum)
        }
        return AuditPolicy(gates: gates)
    }

    /// Evaluates the gates.
    /// - Parameters:
    ///   - audits: the audits of every attribute.
    ///   - proxies: the proxies found.
    /// - Returns: one outcome per gate (and per bound).
    public func evaluate(_ audits: [GroupAudit], proxies: [ProxyFinding]) -> [Outcome] {
        gates.flatMap { gate -> [Outcome] in
            var values: [Double] = []
            if gate.metric == "proxy" {
                values = proxies.map(\.strength)
            } else {
                let parts = gate.metric.split(separator: ".").map(String.init)
                for audit in audits {
                    for group in audit.groups where group.value != audit.reference {
                        let value =
                            parts[0] == "ratio" ? audit.ratio(group, parts[1]) : audit.difference(group, parts[1])
                        if let value { values.append(value) }
                    }
                }
            }
            var outcomes: [Outcome] = []
            if let minimum = gate.minimum {
                let value = values.min()
                outcomes.append(Outcome(gate: gate, value: value, passed: value.map { $0 >= minimum } ?? true))
            }
            if let maximum = gate.maximum {
                let value = values.max()
                outcomes.append(Outcome(gate: gate, value: value, passed: value.map { $0 <= maximum } ?? true))
            }
            return outcomes
        }
    }
}

/// A policy file that cannot be used.
public struct PolicyError: LocalizedMessage, Equatable {
    /// The file.
    public var file: String
    /// What is wrong.
    public var detail: String

    /// Creates an error.
    public init(file: String, detail: String) {
        self.file = file
        self.detail = detail
    }

    /// The message.
    public func message(_ language: Language) -> String { "\(file): \(detail)" }
}
