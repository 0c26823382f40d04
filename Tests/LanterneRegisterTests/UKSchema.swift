import Foundation
import Testing

/// The UK ATRS JSON schema, rendered as its site renders it: `registration-uk.schema.json` is a Jekyll template whose
/// properties come from `Algorithmic_transparency_data_standard.csv`; this applies the template's filters (attribute
/// without `*`, type « UTF-8 string » → « string », description without line breaks, required defaulting to false).
enum UKSchema {
    static func render(folder: URL) throws -> [String: Any] {
        let template = try String(
            contentsOf: folder.appendingPathComponent("registration-uk.schema.json"), encoding: .utf8)
        let csv = try String(
            contentsOf: folder.appendingPathComponent("Algorithmic_transparency_data_standard.csv"), encoding: .utf8)
        // Drop the front matter, then replace the loop with its rendering.
        let body = template.components(separatedBy: "---\n").dropFirst(2).joined(separator: "---\n")
        let start = try #require(body.range(of: "{% for"))
        let end = try #require(body.range(of: "{% endfor %}"))
        let rows = Array(parseCSV(csv).dropFirst())
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let properties = rows.map { row in
            let required = row[7].isEmpty ? "false" : row[7]
            return quoted(row[1].replacingOccurrences(of: "*", with: "")) + ": {\"name\": \(quoted(row[2])), "
                + "\"category\": \(quoted(row[4])), "
                + "\"type\": \(quoted(row[5].replacingOccurrences(of: "UTF-8 string", with: "string"))), "
                + "\"description\": \(quoted(row[6].replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: "\r", with: ""))), "
                + "\"required\": \(quoted(required))}"
        }.joined(separator: ",\n")
        let rendered = String(body[..<start.lowerBound]) + properties + String(body[end.upperBound...])
        return try #require(try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
    }

    /// RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}

/// A JSON-schema validator for the keywords the register schemas use: `type` (with the ATRS's own `URL`), `required`
/// (the standard array, and the ATRS's per-property `"required": "TRUE"`), `properties` (unknown keys refused),
/// `items`, `enum`, `maxLength` and `$ref` within the file (`#/…`).
struct SchemaValidator {
    let root: [String: Any]

    func errors(_ value: Any, schema: [String: Any]? = nil, path: String = "$") -> [String] {
        var schema = schema ?? root
        if let reference = schema["$ref"] as? String, reference.hasPrefix("#") {
            var target: Any = root
            for part in reference.dropFirst(2).split(separator: "/") {
                target = (target as? [String: Any])?[String(part)] as Any
            }
            schema = target as? [String: Any] ?? [:]
        }
        var problems: [String] = []
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            var required = schema["required"] as? [String] ?? []
            required += properties.filter { ($0.value["required"] as? String)?.uppercased() == "TRUE" }.map(\.key)
            for key in required where object[key] == nil || (object[key] as? String)?.isEmpty == true {
                problems.append("\(path).\(key): required")
            }
            for (key, item) in object {
                guard let property = properties[key] else {
                    if !properties.isEmpty { problems.append("\(path).\(key): not in the schema") }
                    continue
                }
                problems += errors(item, schema: property, path: "\(path).\(key)")
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): not an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() {
                    problems += errors(item, schema: items, path: "\(path)[\(index)]")
                }
            }
        case "string", "URL":
            guard let text = value as? String else { return ["\(path): not a string"] }
            if schema["type"] as? String == "URL", URL(string: text)?.scheme?.hasPrefix("http") != true {
                problems.append("\(path): not a URL")
            }
            if let limit = schema["maxLength"] as? Int, text.count > limit { problems.append("\(path): too long") }
        case .some(let other):
            problems.append("\(path): type \(other) not supported")
        case nil:
            break
        }
        if let allowed = schema["enum"] as? [String], let text = value as? String, !allowed.contains(text) {
            problems.append("\(path): « \(text) » not allowed")
        }
        return problems
    }
}
