import Foundation
import HTTPTypes
import Hummingbird
import LanterneData
import LanterneStore
import Synchronization

/// Finds the session of a request (`Authorization: Bearer TOKEN` for the API, the `lanterne_session` cookie for
/// pages) and its language; sessions are cached for a few seconds so that a busy API does not read the database
/// on every request.
struct SessionAuthenticator: RouterMiddleware {
    typealias Context = LanterneContext

    /// The session cookie's name.
    static let cookieName = "lanterne_session"

    let sessions: SessionStore
    let cache: SessionCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        context.language = LanterneContext.language(of: request)
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst("Bearer ".count))
            guard let session = try await lookUp(token) else { throw APIError.notSignedIn }
            context.session = session
        } else if let cookie = request.cookies[Self.cookieName]?.value, !cookie.isEmpty {
            // An expired cookie is no session, not an error: the page asks to sign in again.
            var session = try await lookUp(cookie)
            // A cookie is sent by the browser whoever wrote the request: a change through the API also needs the
            // session's CSRF token in `X-CSRF-Token`, or the cookie counts for nothing (forms check their own).
            if let found = session, request.uri.path.hasPrefix("/api/"), Self.changes(request.method),
                request.headers[Self.csrfHeader] != found.csrfToken
            {
                session = nil
            }
            context.session = session
            context.fromCookie = session != nil
        }
        return try await next(request, context)
    }

    /// The header that carries the CSRF token of a cookie session on the API.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// Whether a method may change something.
    static func changes(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    private func lookUp(_ token: String) async throws -> SessionGrant? {
        guard token.count == 64, token.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            return nil
        }
        if let cached = cache.find(token) { return cached }
        let found = try await sessions.find(token: token)
        if let found { cache.keep(found) }
        return found
    }
}

/// Recently found sessions, kept for a few seconds; a closed session is forgotten at once by its own process.
final class SessionCache: Sendable {
    /// Each grant with the time until which it is kept and its expiry, both in seconds since 1970 (the expiry read
    /// once, not on every request).
    private let entries = Mutex<[String: (grant: SessionGrant, until: Double, expires: Double)]>([:])
    private let seconds: Double

    init(seconds: Double = 5) { self.seconds = seconds }

    func find(_ token: String) -> SessionGrant? {
        let now = Date().timeIntervalSince1970
        return entries.withLock { entries in
            guard let entry = entries[token], entry.until > now, entry.expires > now else { return nil }
            return entry.grant
        }
    }

    func keep(_ grant: SessionGrant) {
        let until = Date().timeIntervalSince1970 + seconds
        let expires = Timestamp.date(grant.expiresAt)?.timeIntervalSince1970 ?? .infinity
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[grant.token] = (grant, until, expires)
        }
    }

    func forget(_ token: String) {
        _ = entries.withLock { $0.removeValue(forKey: token) }
    }
}
