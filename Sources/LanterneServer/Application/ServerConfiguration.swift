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

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false, passwordCost: UInt8 = 12,
        publicRequestsPerMinute: Int = 120, publicPageSeconds: Double = 1
    ) {
        self.host = host
        self.port = port
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
        self.publicRequestsPerMinute = publicRequestsPerMinute
        self.publicPageSeconds = publicPageSeconds
    }
}
