import Foundation
import Hummingbird

/// An HTML form sent as `multipart/form-data` (RFC 7578), as a browser sends a form with file fields: each part's
/// name, its file name when it is a file, and its bytes. The steward's pages send data, schemas and model files
/// this way; the parts are read whole (the body is bounded by the route's limit).
struct MultipartForm: Sendable {
    /// One field of the form.
    struct Part: Sendable, Equatable {
        /// The field's name.
        var name: String
        /// The file's name on the sender's machine, for a file field.
        var filename: String?
        /// The field's bytes.
        var bytes: [UInt8]

        /// The bytes as UTF-8 text (invalid sequences replaced).
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The parts, in the order sent.
    var parts: [Part]

    /// The most parts a form may have.
    static let maxParts = 64

    /// The first part named `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The first part named `name` as trimmed text; `nil` when absent or blank. An empty file field (no file chosen)
    /// reads as absent.
    func text(_ name: String) -> String? {
        guard let part = part(name) else { return nil }
        let text = part.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The file sent in field `name`, or `nil` when no file was chosen (browsers then send an empty part with an
    /// empty file name).
    func file(_ name: String) -> Part? {
        guard let part = part(name), !part.bytes.isEmpty else { return nil }
        return part
    }

    /// Reads the request's body as a multipart form.
    /// - Throws: ``APIError`` 415 for another content type, 413 past `limit`, 400 for a body that is not a
    ///   well-formed multipart form.
    static func read(from request: Request, limit: Int) async throws -> MultipartForm {
        guard let boundary = boundary(request.headers[.contentType]) else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                french: "formulaire avec fichiers attendu (multipart/form-data)",
                english: "a form with files is expected (multipart/form-data)")
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: limit) } catch { throw APIError.tooLarge }
        return try parse(Array(buffer.readableBytesView), boundary: boundary)
    }

    /// The boundary of a `multipart/form-data` content type, or `nil`.
    static func boundary(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "="),
                piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased() == "boundary"
            else { continue }
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// Splits `body` on `--boundary` lines and reads each part's headers.
    /// - Throws: ``APIError`` 400 naming what is wrong.
    static func parse(_ body: [UInt8], boundary: String) throws -> MultipartForm {
        let delimiter = Array(("--" + boundary).utf8)
        guard var start = find(delimiter, in: body, from: 0) else { throw malformed("délimiteur absent") }
        var parts: [Part] = []
        while true {
            var cursor = start + delimiter.count
            // "--" after the delimiter closes the form.
            if cursor + 1 < body.count, body[cursor] == UInt8(ascii: "-"), body[cursor + 1] == UInt8(ascii: "-") {
                break
            }
            cursor = skipLineEnd(body, cursor)
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: body, from: cursor) else {
                throw malformed("en-têtes d'une partie non terminés")
            }
            let headers = String(decoding: body[cursor..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find(Array(("\r\n--" + boundary).utf8), in: body, from: contentStart) else {
                throw malformed("partie non terminée")
            }
            guard let (name, filename) = disposition(headers) else {
                throw malformed("partie sans Content-Disposition: form-data; name=…")
            }
            parts.append(Part(name: name, filename: filename, bytes: Array(body[contentStart..<next])))
            guard parts.count <= maxParts else { throw malformed("plus de \(maxParts) champs") }
            start = next + 2
        }
        return MultipartForm(parts: parts)
    }

    /// The `name` and `filename` of a part's `Content-Disposition: form-data` header.
    static func disposition(_ headers: String) -> (String, String?)? {
        for line in headers.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":"),
                line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            let value = line[line.index(after: colon)...]
            let pieces = parameters(String(value))
            guard pieces.first?.0.lowercased() == "form-data", let name = pieces.first(where: { $0.0 == "name" })?.1
            else { return nil }
            return (name, pieces.first { $0.0 == "filename" }?.1)
        }
        return nil
    }

    /// `form-data; name="a"; filename="b.csv"` → `[("form-data", ""), ("name", "a"), ("filename", "b.csv")]`,
    /// quotes removed and `\"` unescaped.
    private static func parameters(_ text: String) -> [(String, String)] {
        var result: [(String, String)] = []
        var key = ""
        var value = ""
        var inKey = true
        var quoted = false
        var escaped = false
        func flush() {
            let trimmedKey = key.trimmingCharacters(in: .whitespaces)
            if !trimmedKey.isEmpty { result.append((trimmedKey, inKey ? "" : value)) }
            key = ""
            value = ""
            inKey = true
        }
        for character in text {
            if quoted {
                if escaped {
                    value.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    quoted = false
                } else {
                    value.append(character)
                }
            } else if character == ";" {
                flush()
            } else if inKey && character == "=" {
                inKey = false
            } else if inKey {
                key.append(character)
            } else if character == "\"" && value.isEmpty {
                quoted = true
            } else if character != " " || !value.isEmpty {
                value.append(character)
            }
        }
        flush()
        return result
    }

    private static func skipLineEnd(_ body: [UInt8], _ index: Int) -> Int {
        var cursor = index
        while cursor < body.count, body[cursor] == UInt8(ascii: " ") || body[cursor] == UInt8(ascii: "\t") {
            cursor += 1
        }
        if cursor + 1 < body.count, body[cursor] == 13, body[cursor + 1] == 10 { return cursor + 2 }
        return cursor
    }

    /// The first index of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            guard let hit = haystack[index...last].firstIndex(of: first) else { return nil }
            var matches = true
            for offset in 1..<needle.count where haystack[hit + offset] != needle[offset] {
                matches = false
                break
            }
            if matches { return hit }
            index = hit + 1
        }
        return nil
    }

    private static func malformed(_ detail: String) -> APIError {
        APIError.malformed("formulaire multipart illisible : " + detail)
    }
}
