import Foundation
import Hummingbird

/// Reading HTML form bodies (`application/x-www-form-urlencoded`).
enum FormBody {
    /// Decodes the request's form body.
    /// - Throws: ``APIError`` 415 for another content type, 413 past the limit, 400 when it does not decode.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: LanterneContext) async throws
        -> T
    {
        guard let contentType = request.headers[.contentType],
            contentType.lowercased().hasPrefix("application/x-www-form-urlencoded")
        else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                french: "formulaire attendu (application/x-www-form-urlencoded)",
                english: "a form is expected (application/x-www-form-urlencoded)")
        }
        var request = request
        let buffer: ByteBuffer
        do { buffer = try await request.collectBody(upTo: context.maxUploadSize) } catch { throw APIError.tooLarge }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw APIError.malformed("formulaire illisible")
        }
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func sameToken(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
