import Hummingbird
import LanterneStore

/// `POST /api/v1/session`: a bearer token for the API; `DELETE` ends it.
struct SessionController: Sendable {
    let signIn: SignIn
    let cache: SessionCache

    func addRoutes(to group: RouterGroup<LanterneContext>) {
        group.post("session", use: open)
        group.delete("session", use: close)
    }

    struct Credentials: Decodable, Sendable {
        let username: String
        let password: String
    }

    struct Opened: Encodable, Sendable {
        let token: String
        let role: String
        let expiresAt: String

        enum CodingKeys: String, CodingKey {
            case token, role
            case expiresAt = "expires_at"
        }
    }

    @Sendable func open(_ request: Request, context: LanterneContext) async throws -> Response {
        let credentials = try await JSONBody.decode(Credentials.self, from: request, context: context)
        let grant = try await signIn.signIn(username: credentials.username, password: credentials.password)
        return try JSONBody.response(
            Opened(token: grant.token, role: grant.user.role.rawValue, expiresAt: grant.expiresAt), status: .created)
    }

    @Sendable func close(_ request: Request, context: LanterneContext) async throws -> Response {
        let session = try context.requireSession()
        try await signIn.store.sessions.close(token: session.token)
        cache.forget(session.token)
        return Response(status: .noContent)
    }
}
