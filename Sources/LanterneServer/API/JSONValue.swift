/// Any JSON value, to carry stored JSON documents (a card, an audit report) inside an answer unchanged.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Reads any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            // Strings and numbers first: each failed attempt throws, which costs more than the decoding.
            self = .string(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Writes the value back as JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

extension JSONValue {
    /// A form field of a JSON body as text: a string as it is, a boolean as `true`/`false` (a consent box),
    /// `nil` when absent or `null`.
    /// - Throws: ``APIError`` 400 naming the field when it is a number, an array or an object.
    func formText(_ key: String) throws -> String? {
        switch self[key] {
        case .none, .null: return nil
        case .string(let value): return value
        case .bool(let flag): return flag ? "true" : "false"
        default: throw APIError.malformed("champ « \(key) » d'un autre type que prévu")
        }
    }
}
