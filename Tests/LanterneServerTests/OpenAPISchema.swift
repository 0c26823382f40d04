import Foundation
import LanterneServer

/// A JSON value as read, booleans apart from numbers: the server's own `JSONValue`, with readers for the validator.
typealias JSONNode = JSONValue

extension JSONValue {
    static func read(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    var text: String? { if case .string(let value) = self { value } else { nil } }
    var members: [String: JSONValue] { if case .object(let value) = self { value } else { [:] } }
    var elements: [JSONValue] { if case .array(let value) = self { value } else { [] } }
}

/// The OpenAPI document served at `/api/openapi.json`, and a validator for the part of JSON Schema 2020-12 it uses
/// (`$ref`, `type`, `required`, `properties`, `items`, `enum`, `const`, `minimum`, `maximum`, `pattern`).
struct OpenAPISchema {
    let document: JSONNode

    /// The operations as `METHOD /path/{template}`.
    var operations: [String] {
        (document["paths"]?.members ?? [:]).flatMap { path, item in
            item.members.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }
                .map { "\($0.uppercased()) \(path)" }
        }.sorted()
    }

    /// The operation whose template matches a concrete path, as `METHOD /path/{template}`.
    func operation(method: String, path: String) -> String? {
        let concrete = path.split(separator: "?")[0].split(separator: "/", omittingEmptySubsequences: false)
        return operations.first { operation in
            let parts = operation.split(separator: " ")
            let template = parts[1].split(separator: "/", omittingEmptySubsequences: false)
            return parts[0] == method && template.count == concrete.count
                && zip(template, concrete).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }

    /// The response object of a status, or `nil` when the operation does not declare it.
    func response(_ operation: String, status: Int) -> JSONNode? {
        let parts = operation.split(separator: " ").map(String.init)
        let responses = document["paths"]?[parts[1]]?[parts[0].lowercased()]?["responses"]
        return responses?[String(status)]
    }

    /// The problems of `value` against `schema`, each naming its place (`$.gates[0].name`).
    func problems(_ value: JSONNode, against schema: JSONNode, at place: String = "$") -> [String] {
        var problems: [String] = []
        if let reference = schema["$ref"]?.text {
            let name = String(reference.split(separator: "/").last ?? "")
            let target = document["components"]?["schemas"]?[name] ?? .object([:])
            problems += self.problems(value, against: target, at: place)
        }
        if let types = schema["type"] {
            let allowed = types.text.map { [$0] } ?? types.elements.compactMap(\.text)
            if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                return problems + ["\(place): \(value) is not \(allowed.joined(separator: " or "))"]
            }
        }
        if let choices = schema["enum"]?.elements, !choices.contains(value) {
            problems.append("\(place): \(value) is not one of the enum")
        }
        if let constant = schema["const"], constant != value {
            problems.append("\(place): \(value) is not the constant")
        }
        if case .number(let number) = value {
            if case .number(let minimum) = schema["minimum"], number < minimum {
                problems.append("\(place): \(number) is below \(minimum)")
            }
            if case .number(let maximum) = schema["maximum"], number > maximum {
                problems.append("\(place): \(number) is above \(maximum)")
            }
        }
        if case .string(let text) = value, let pattern = schema["pattern"]?.text,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            problems.append("\(place): \"\(text)\" does not match \(pattern)")
        }
        if case .object(let object) = value {
            for name in (schema["required"]?.elements ?? []).compactMap(\.text) where object[name] == nil {
                problems.append("\(place): \(name) is required")
            }
            for (name, property) in schema["properties"]?.members ?? [:] {
                if let member = object[name] {
                    problems += self.problems(member, against: property, at: "\(place).\(name)")
                }
            }
        }
        if case .array(let array) = value, let items = schema["items"] {
            for (index, item) in array.enumerated() {
                problems += self.problems(item, against: items, at: "\(place)[\(index)]")
            }
        }
        return problems
    }

    static func matches(_ value: JSONNode, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("object", .object), ("array", .array), ("string", .string),
            ("number", .number):
            return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }
}
