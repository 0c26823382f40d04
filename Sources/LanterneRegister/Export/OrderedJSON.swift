import LanterneData

/// A JSON value whose object keys keep the order they were given in, so that exported records read in the order of
/// their standard.
enum OrderedJSON: Sendable, Equatable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    indirect case array([OrderedJSON])
    indirect case object([(String, OrderedJSON)])

    static func == (left: OrderedJSON, right: OrderedJSON) -> Bool { left.text() == right.text() }

    /// The value as indented JSON text (two spaces a level), without a final newline.
    func text(indent: Int = 0) -> String {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        switch self {
        case .string(let value): return JSONText.quoted(value)
        case .number(let value): return JSONText.number(value)
        case .integer(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.text(indent: indent + 1) }.joined(separator: ",\n") + "\n\(outer)]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            return "{\n"
                + fields.map { inner + JSONText.quoted($0.0) + ": " + $0.1.text(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(outer)}"
        }
    }

    /// A number, or `null` when absent.
    static func optional(_ value: Double?) -> OrderedJSON { value.map(OrderedJSON.number) ?? .null }

    /// A text, or `null` when absent.
    static func optional(_ value: String?) -> OrderedJSON { value.map(OrderedJSON.string) ?? .null }
}
