import Foundation

/// The role a column plays for the engines.
public enum ColumnRole: String, Sendable, Codable, CaseIterable {
    /// Identifies a row (a household, a firm, a candidate); never used as a feature.
    case id
    /// An input of the model.
    case feature
    /// The outcome a model learns or an audit checks.
    case label
    /// A trait audits compare groups on (sex, nationality, disability...); never a model input.
    case protected
    /// Kept in the file but used by nobody.
    case ignore
}

/// The description of one column: what it is, where it comes from, how to read it.
public struct ColumnDescription: Sendable, Equatable, Codable {
    /// The header name.
    public var name: String
    /// The column's role.
    public var role: ColumnRole
    /// The values' type.
    public var type: ColumnType
    /// What the column means, in French, for notices and registers.
    public var description: String
    /// Where the data come from (a form, an administration's file, "synthétique").
    public var source: String
    /// The unit of a number (€, ans, %), if any.
    public var unit: String?
    /// The theme the column belongs to in explanations ("revenus", "famille"), if any.
    public var group: String?
    /// Whether the person cannot change this value (age, nationality, disability, family...): counterfactuals never
    /// propose to change it.
    public var immutable: Bool
    /// The words for a category's codes (`"hauts_de_france": "Hauts-de-France"`), shown wherever a person reads a
    /// value: notices, explanations, audit findings, the register. A code without words is shown as it is; data and
    /// JSON documents keep the codes.
    public var labels: [String: String]?

    /// Creates a column description.
    /// - Parameters:
    ///   - name: the header name.
    ///   - role: the role.
    ///   - type: the type.
    ///   - description: the French description.
    ///   - source: the data source.
    ///   - unit: the unit of a number.
    ///   - group: the theme in explanations.
    ///   - immutable: whether counterfactuals must leave the value as it is.
    ///   - labels: the words for a category's codes.
    public init(
        name: String, role: ColumnRole, type: ColumnType, description: String = "", source: String = "",
        unit: String? = nil, group: String? = nil, immutable: Bool = false, labels: [String: String]? = nil
    ) {
        self.name = name
        self.role = role
        self.type = type
        self.description = description
        self.source = source
        self.unit = unit
        self.group = group
        self.immutable = immutable
        self.labels = labels
    }
}

extension ColumnDescription {
    /// How people read the column: its description up to the first parenthesis (« Sexe du premier déclarant »),
    /// or its name when it has none.
    public var shortLabel: String {
        let cut = description.firstIndex(of: "(").map { description[..<$0] } ?? Substring(description)
        let label = cut.trimmingCharacters(in: .whitespaces)
        return label.isEmpty ? name : label
    }

    /// How a person reads one value of the column: the words the schema gives its code, « oui » / « non » for a
    /// yes/no column's `1` / `0` (or `true` / `false`), else the code itself.
    /// - Parameters:
    ///   - code: the value as written in the data.
    ///   - language: the reader's language (the schema's own words are French).
    /// - Returns: the words.
    public func words(for code: String, language: Language = .fr) -> String {
        if let words = labels?[code] { return words }
        if type == .boolean {
            switch code.lowercased() {
            case "1", "true", "oui": return language == .fr ? "oui" : "yes"
            case "0", "false", "non": return language == .fr ? "non" : "no"
            default: break
            }
        }
        return code
    }

    private enum CodingKeys: String, CodingKey {
        case name, role, type, description, source, unit, group, immutable, labels
    }

    /// Decodes a description; `immutable` may be absent (files written before it existed), meaning `false`.
    /// - Parameter decoder: the decoder.
    /// - Throws: `DecodingError` when a required field is missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            role: try container.decode(ColumnRole.self, forKey: .role),
            type: try container.decode(ColumnType.self, forKey: .type),
            description: try container.decodeIfPresent(String.self, forKey: .description) ?? "",
            source: try container.decodeIfPresent(String.self, forKey: .source) ?? "",
            unit: try container.decodeIfPresent(String.self, forKey: .unit),
            group: try container.decodeIfPresent(String.self, forKey: .group),
            immutable: try container.decodeIfPresent(Bool.self, forKey: .immutable) ?? false,
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels))
    }

    /// Encodes a description, leaving `immutable` out when it is `false`.
    /// - Parameter encoder: the encoder.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(role, forKey: .role)
        try container.encode(type, forKey: .type)
        try container.encode(description, forKey: .description)
        try container.encode(source, forKey: .source)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encodeIfPresent(group, forKey: .group)
        if immutable { try container.encode(true, forKey: .immutable) }
        try container.encodeIfPresent(labels, forKey: .labels)
    }
}

/// A data file's schema (`SCHEMA.json`): one description per column, in file order.
public struct Schema: Sendable, Equatable, Codable {
    /// The columns described.
    public var columns: [ColumnDescription]

    /// Creates a schema.
    /// - Parameter columns: the column descriptions.
    public init(columns: [ColumnDescription]) {
        self.columns = columns
    }

    /// The description of the column called `name`, or `nil`.
    /// - Parameter name: a header name.
    /// - Returns: its description.
    public func column(named name: String) -> ColumnDescription? {
        columns.first { $0.name == name }
    }

    /// The types this schema imposes, for ``CSVOptions/columnTypes``.
    public var columnTypes: [String: ColumnType] {
        Dictionary(columns.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    /// The names of the columns with `role`, in order.
    /// - Parameter role: a role.
    /// - Returns: the names.
    public func names(with role: ColumnRole) -> [String] {
        columns.filter { $0.role == role }.map(\.name)
    }

    /// Loads a schema from a JSON file.
    /// - Parameter path: the file's path.
    /// - Returns: the schema.
    /// - Throws: ``SchemaError`` naming the problem.
    public static func load(path: String) throws -> Schema {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SchemaError(.malformed(detail: "fichier introuvable ou illisible"), file: path)
        }
        return try decode(data, file: path)
    }

    /// Decodes a schema from JSON bytes.
    /// - Parameters:
    ///   - data: the JSON text.
    ///   - file: the name used in messages.
    /// - Returns: the schema.
    /// - Throws: ``SchemaError``.
    public static func decode(_ data: Data, file: String) throws -> Schema {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SchemaError(.malformed(detail: "JSON invalide"), file: file)
        }
        guard let root = object as? [String: Any], let entries = root["columns"] as? [[String: Any]] else {
            throw SchemaError(.malformed(detail: "il faut un objet {\"columns\": [...]}"), file: file)
        }
        var columns: [ColumnDescription] = []
        var seen: Set<String> = []
        for (index, entry) in entries.enumerated() {
            guard let name = entry["name"] as? String, !name.isEmpty else {
                throw SchemaError(.malformed(detail: "columns[\(index)].name manquant"), file: file)
            }
            guard seen.insert(name).inserted else { throw SchemaError(.duplicateColumn(name: name), file: file) }
            let roleText = entry["role"] as? String ?? "feature"
            guard let role = ColumnRole(rawValue: roleText) else {
                throw SchemaError(
                    .unknownValue(
                        field: "columns[\(index)].role", value: roleText, allowed: ColumnRole.allCases.map(\.rawValue)),
                    file: file)
            }
            guard let typeText = entry["type"] as? String else {
                throw SchemaError(
                    .malformed(detail: "columns[\(index)].type manquant (colonne « \(name) »)"), file: file)
            }
            guard let type = ColumnType(rawValue: typeText) else {
                throw SchemaError(
                    .unknownValue(
                        field: "columns[\(index)].type", value: typeText, allowed: ColumnType.allCases.map(\.rawValue)),
                    file: file)
            }
            var labels: [String: String]?
            if let given = entry["labels"] {
                guard let words = given as? [String: String] else {
                    throw SchemaError(
                        .malformed(
                            detail:
                                "columns[\(index)].labels doit associer à chaque code un texte (colonne « \(name) »)"),
                        file: file)
                }
                labels = words
            }
            columns.append(
                ColumnDescription(
                    name: name, role: role, type: type, description: entry["description"] as? String ?? "",
                    source: entry["source"] as? String ?? "", unit: entry["unit"] as? String,
                    group: entry["group"] as? String, immutable: entry["immutable"] as? Bool ?? false, labels: labels))
        }
        return Schema(columns: columns)
    }

    /// The schema as indented JSON, keys in a fixed, readable order.
    /// - Returns: the JSON text, ending with a newline.
    public func jsonText() -> String {
        var lines: [String] = []
        for column in columns {
            var fields = [
                "\"name\": " + JSONText.quoted(column.name),
                "\"role\": " + JSONText.quoted(column.role.rawValue),
                "\"type\": " + JSONText.quoted(column.type.rawValue),
                "\"description\": " + JSONText.quoted(column.description),
                "\"source\": " + JSONText.quoted(column.source),
            ]
            if let unit = column.unit { fields.append("\"unit\": " + JSONText.quoted(unit)) }
            if let group = column.group { fields.append("\"group\": " + JSONText.quoted(group)) }
            if column.immutable { fields.append("\"immutable\": true") }
            if let labels = column.labels {
                let pairs = labels.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                    .map { JSONText.quoted($0.key) + ": " + JSONText.quoted($0.value) }
                fields.append("\"labels\": {" + pairs.joined(separator: ", ") + "}")
            }
            lines.append("    {" + fields.joined(separator: ", ") + "}")
        }
        return "{\n  \"columns\": [\n" + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
