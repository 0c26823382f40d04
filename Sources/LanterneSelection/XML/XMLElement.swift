/// A small XML reader for the official Parcoursup examples: elements, text and nothing else (attributes, comments and
/// the XML declaration are skipped). Enough for files the ministry's Java code wrote with JAXB.
struct XMLNode: Sendable, Equatable {
    var name: String
    var text: String
    var children: [XMLNode]

    /// The children called `name`.
    func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The first child called `name`.
    func first(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Parses a document; `nil` when the tags do not nest.
    static func parse(_ bytes: [UInt8]) -> XMLNode? {
        var stack = [XMLNode(name: "", text: "", children: [])]
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                let inside = bytes[(index + 1)..<close]
                index = close + 1
                guard let first = inside.first else { return nil }
                if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { continue }
                if first == UInt8(ascii: "/") {
                    guard stack.count > 1 else { return nil }
                    let node = stack.removeLast()
                    let name = String(decoding: inside.dropFirst(), as: UTF8.self).trimmingSpaces()
                    guard node.name == name else { return nil }
                    stack[stack.count - 1].children.append(node)
                    continue
                }
                let selfClosing = inside.last == UInt8(ascii: "/")
                let body = selfClosing ? inside.dropLast() : inside
                let name = String(decoding: body.prefix { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A }, as: UTF8.self)
                let node = XMLNode(name: name, text: "", children: [])
                if selfClosing {
                    stack[stack.count - 1].children.append(node)
                } else {
                    stack.append(node)
                }
            } else {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
                stack[stack.count - 1].text += unescaped(String(decoding: bytes[index..<end], as: UTF8.self))
                index = end
            }
        }
        guard stack.count == 1, let root = stack[0].children.first else { return nil }
        return root
    }

    private static func unescaped(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingAll("&lt;", "<").replacingAll("&gt;", ">").replacingAll("&quot;", "\"")
            .replacingAll("&apos;", "'").replacingAll("&amp;", "&")
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
