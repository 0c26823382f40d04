import Hummingbird
import LanterneData
import LanterneStore

/// What a request carries through the middleware to its handler: the signed-in session, if any, and the language.
public struct LanterneContext: RequestContext {
    /// Hummingbird's own storage.
    public var coreContext: CoreRequestContextStorage
    /// The session, when the request came with a valid bearer token or session cookie.
    public var session: SessionGrant?
    /// Whether the session came from the cookie (a browser: forms need the CSRF token) or a bearer token.
    public var fromCookie = false
    /// French unless `Accept-Language` prefers English.
    public var language: Language = .fr
    /// The client's IP address as the connection shows it (the proxy's, behind a proxy), `local` when unknown.
    public let clientAddress: String

    /// Creates the context of a new request.
    /// - Parameter source: the application's source.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// The largest body read: 2 MiB for JSON and forms (uploads of data files go through jobs).
    public var maxUploadSize: Int { 2 << 20 }

    /// The cookie that keeps the language a person chose with the site's switch.
    public static let languageCookie = "lanterne_lang"

    /// The language of the answer: for pages, `?lang=en|fr` (the site's switch), else the `lanterne_lang` cookie it
    /// leaves; then English when `Accept-Language` puts English first, French otherwise.
    /// - Parameter request: the request.
    /// - Returns: the language of the answer.
    public static func language(of request: Request) -> Language {
        // The API follows `Accept-Language` only (its contract), and its hot routes parse no query or cookie for it.
        if !request.uri.path.hasPrefix("/api/") {
            if let chosen = chosenLanguage(of: request) { return chosen }
            if let cookie = request.cookies[languageCookie]?.value, let language = Language(rawValue: cookie) {
                return language
            }
        }
        guard let accept = request.headers[.acceptLanguage]?.lowercased() else { return .fr }
        return accept.hasPrefix("en") ? .en : .fr
    }

    /// The language chosen with `?lang=`, if any.
    static func chosenLanguage(of request: Request) -> Language? {
        request.uri.queryParameters.get("lang").flatMap { Language(rawValue: $0) }
    }

    /// The signed-in account, or a 401 error.
    /// - Returns: the session.
    /// - Throws: ``APIError`` 401.
    public func requireSession() throws -> SessionGrant {
        guard let session else { throw APIError.notSignedIn }
        return session
    }

    /// The signed-in account if its role is one of `roles`.
    /// - Parameter roles: the roles allowed.
    /// - Returns: the session.
    /// - Throws: ``APIError`` 401 without a session, 403 for another role.
    public func require(_ roles: Role...) throws -> SessionGrant {
        let session = try requireSession()
        guard roles.contains(session.user.role) else { throw APIError.forbidden(roles) }
        return session
    }
}
