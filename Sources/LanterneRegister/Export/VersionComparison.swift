import LanterneData

/// What changed between two versions of an algorithm, in words a person reads: the data the model reads, the
/// weight of each datum, the kind of model, its measured quality and the audit's gates. Both sides come from the
/// same derivation as the register entry, so the comparison cannot say anything the versions do not.
public struct VersionComparison: Sendable {
    /// One datum's weight in each version.
    public struct WeightChange: Sendable, Equatable {
        /// The datum.
        public var label: String
        /// Its share of the total weight before and after (nil when the version does not read it).
        public var before: Double?
        /// After.
        public var after: Double?
    }

    /// One gate's value in each version's audit.
    public struct GateChange: Sendable, Equatable {
        /// The gate, with its attribute when it has one.
        public var name: String
        /// Value and result before (nil without an audit).
        public var before: (value: Double?, passed: Bool)?
        /// After.
        public var after: (value: Double?, passed: Bool)?

        /// Two changes are equal when their names, values and results are.
        public static func == (left: GateChange, right: GateChange) -> Bool {
            left.name == right.name && left.before?.value == right.before?.value
                && left.before?.passed == right.before?.passed && left.after?.value == right.after?.value
                && left.after?.passed == right.after?.passed
        }
    }

    /// Data read by the later version only.
    public var added: [String]
    /// Data the later version no longer reads.
    public var removed: [String]
    /// The weights, the largest change first.
    public var weights: [WeightChange]
    /// The gates, in the later audit's order.
    public var gates: [GateChange]
    /// Sentences about the model itself (kind, rows, AUC), when they differ.
    public var model: [String]

    /// Compares `before` with `after`.
    public init(_ before: RegisterEntry, _ after: RegisterEntry, language: Language) {
        let fr = language == .fr
        let beforeData = before.data.map(\.description)
        let afterData = after.data.map(\.description)
        added = afterData.filter { !beforeData.contains($0) }
        removed = beforeData.filter { !afterData.contains($0) }
        var labels: [String] = []
        for weight in before.weights + after.weights where !labels.contains(weight.label) {
            labels.append(weight.label)
        }
        weights = labels.map { label in
            WeightChange(
                label: label, before: before.weights.first { $0.label == label }?.share,
                after: after.weights.first { $0.label == label }?.share)
        }.sorted { abs(($0.after ?? 0) - ($0.before ?? 0)) > abs(($1.after ?? 0) - ($1.before ?? 0)) }
        // A policy can hold the same gate for several metrics or groups: the second is « name (2) », and so on.
        func keyed(_ gates: [AuditDigest.Gate]) -> [(String, AuditDigest.Gate)] {
            var seen: [String: Int] = [:]
            return gates.map { gate in
                seen[gate.name, default: 0] += 1
                let count = seen[gate.name] ?? 1
                return (count == 1 ? gate.name : "\(gate.name) (\(count))", gate)
            }
        }
        let old = keyed(before.audit?.gates ?? [])
        let new = keyed(after.audit?.gates ?? [])
        var names: [String] = []
        for (name, _) in new + old where !names.contains(name) { names.append(name) }
        gates = names.map { name in
            let was = old.first { $0.0 == name }?.1
            let now = new.first { $0.0 == name }?.1
            return GateChange(
                name: name, before: was.map { ($0.value, $0.passed) }, after: now.map { ($0.value, $0.passed) })
        }
        var model: [String] = []
        if before.kind != after.kind {
            model.append(
                fr
                    ? "Sorte de modèle : \(before.kind.rawValue), puis \(after.kind.rawValue)."
                    : "Model kind: \(before.kind.rawValue), then \(after.kind.rawValue).")
        }
        if let old = before.trainingRows, let new = after.trainingRows, old != new {
            model.append(
                fr
                    ? "Lignes d'entraînement : \(ReadableNumber.text(Double(old), language: language, decimals: 0)), puis \(ReadableNumber.text(Double(new), language: language, decimals: 0))."
                    : "Training rows: \(old), then \(new).")
        }
        if let old = before.auc, let new = after.auc, abs(old - new) >= 0.0005 {
            model.append(
                fr
                    ? "AUC en validation : \(ReadableNumber.text(old, language: language, decimals: 3)), puis \(ReadableNumber.text(new, language: language, decimals: 3))."
                    : "Validation AUC: \(ReadableNumber.text(old, language: language, decimals: 3)), then \(ReadableNumber.text(new, language: language, decimals: 3))."
            )
        }
        self.model = model
    }
}
