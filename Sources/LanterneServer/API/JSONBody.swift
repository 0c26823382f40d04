import Foundation
import HTTPTypes
import Hummingbird

/// Reading JSON request bodies and writing JSON answers, with the contract's statuses for bad bodies.
enum JSONBody {
    /// Decodes the request's JSON body.
    /// - Throws: ``APIError`` 415 without a JSON content type, 413 past the size limit, 400 for malformed JSON or
    ///   a missing or mistyped field (named).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: LanterneContext) async throws
        -> T
    {
        let buffer = try await body(of: request, context: context)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw APIError.malformed("champ « \(key.stringValue) » absent")
        } catch let DecodingError.typeMismatch(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.malformed("champ « \(path) » d'un autre type que prévu")
        } catch let DecodingError.valueNotFound(_, context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw APIError.malformed("champ « \(path) » vide")
        } catch {
            throw APIError.malformed("ce n'est pas du JSON valide")
        }
    }

    /// Reads the request's JSON body with ``JSONReader`` (the hot routes' bodies: no `JSONDecoder`).
    /// - Throws: ``APIError`` 415 without a JSON content type, 413 past the size limit, 400 for malformed JSON
    ///   (saying where).
    static func read(from request: Request, context: LanterneContext) async throws -> JSONValue {
        try await readWithBytes(from: request, context: context, limit: context.maxUploadSize).value
    }

    /// Reads a JSON body up to `limit` bytes and keeps its bytes (a model file's digest covers its exact text).
    static func readWithBytes(from request: Request, context: LanterneContext, limit: Int) async throws -> (
        value: JSONValue, bytes: [UInt8]
    ) {
        let buffer = try await body(of: request, context: context, limit: limit)
        do {
            let value = try buffer.withUnsafeReadableBytes { raw in
                try JSONReader.read(raw.assumingMemoryBound(to: UInt8.self))
            }
            return (value, Array(buffer.readableBytesView))
        } catch let failure as JSONReader.Failure {
            throw APIError.malformed(failure.detail)
        }
    }

    /// The body of a request that says it is JSON, within the size limit.
    /// - Throws: ``APIError`` 415 without a JSON content type, 413 past the size limit.
    private static func body(of request: Request, context: LanterneContext, limit: Int? = nil) async throws
        -> ByteBuffer
    {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("application/json")
        else { throw APIError.notJSON }
        var request = request
        do {
            return try await request.collectBody(upTo: limit ?? context.maxUploadSize)
        } catch {
            throw APIError.tooLarge
        }
    }

    /// An answer holding `value` as JSON, keys sorted so that every server process writes the same bytes.
    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(value)
        data.append(10)
        return raw(data, status: status)
    }

    /// An answer holding JSON already written as text.
    static func text(_ json: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: json)))
    }

    /// An answer holding JSON already written.
    static func raw(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
