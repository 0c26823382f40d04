import Foundation

/// How the server listens and how it protects its cookies and passwords.
public struct ServerConfiguration: Sendable {
    /// The address to listen on (127.0.0.1 by default: put a TLS proxy in front to serve others).
    public var host: String
    /// The port.
    public var port: Int
    /// Whether cookies are `Secure` (true when the site is served over TLS, by the proxy in front).
    public var secureCookies: Bool
    /// The bcrypt cost of new passwords.
    public var passwordCost: UInt8
    /// Requests per minute one address may send to the public forms (sign-in, the assistant); 0 for no limit.
    public var publicRequestsPerMinute: Int
    /// Seconds an anonymous public page is served from memory before it is rendered again (1 by default: a
    /// publication shows within that time).
    public var publicPageSeconds: Double
    /// How long a callback request is kept before it is deleted (30 days by default).
    public var callbackRetention: TimeInterval

    /// The share of decisions following the algorithm above which the oversight flags an agent's month (95 %).
    public var oversightAlertLevel = 0.95

    /// The administration's contact shown on the legal pages (fictitious `.invalid` addresses by default, as in the
    /// demonstration).
    public var contact = SiteContact()

    /// Thirty days: a callback is made within days, and the request has no use after.
    public static let defaultCallbackRetention: TimeInterval = 30 * 86_400

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, passwordCost: UInt8 = 12,
        publicRequestsPerMinute: Int = 120, publicPageSeconds: Double = 1,
        callbackRetention: TimeInterval = ServerConfiguration.defaultCallbackRetention
    ) {
        self.callbackRetention = callbackRetention
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.publicRequestsPerMinute = publicRequestsPerMinute
        self.publicPageSeconds = publicPageSeconds
    }
}

/// Whom the public writes to: shown on the accessibility statement, the legal notices and « Signaler une erreur ».
public struct SiteContact: Sendable {
    /// The service's e-mail address.
    public var email = "contact@demo-lanterne.invalid"
    /// Its postal address.
    public var address =
        "Direction départementale des finances publiques de démonstration, 1 rue de l'Exemple, 00000 Ville-Exemple"
    /// The data protection officer's e-mail address.
    public var dataProtectionEmail = "dpd@demo-lanterne.invalid"

    /// Creates the demonstration's contact.
    public init() {}
}
