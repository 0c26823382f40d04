import HTTPTypes
import Hummingbird
import LanterneData
import LanterneStore
import Logging

/// Turns every error into the contract's answer: `{"error": {"code", "message"}}` under `/api`, a short page in the
/// page's language elsewhere, never a stack trace; an unexpected error is logged and answered 500 without its details.
struct ErrorResponder: RouterMiddleware {
    typealias Context = LanterneContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Self.response(error, request: request, context: context)
        } catch let error as StoreError {
            if case .failed = error.kind {
                context.logger.error("database error", metadata: ["error": "\(error.message(.en))"])
                return Self.response(Self.internalError, request: request, context: context)
            }
            return Self.response(APIError.stored(error), request: request, context: context)
        } catch let error as HTTPError {
            return Self.response(Self.translate(error), request: request, context: context)
        } catch let error as any HTTPResponseError where error.status != .internalServerError {
            return Self.response(
                APIError(
                    error.status, code: "http_\(error.status.code)", french: "requête refusée",
                    english: "request refused"),
                request: request, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return Self.response(Self.internalError, request: request, context: context)
        }
    }

    /// 500, without the details (they go to the server's log).
    static let internalError = APIError(
        .internalServerError, code: "internal", french: "erreur interne ; elle est consignée, réessayez plus tard",
        english: "internal error; it was logged, try again later")

    /// Hummingbird's own errors (unknown route, body too large, unreadable JSON) in the contract's words.
    static func translate(_ error: HTTPError) -> APIError {
        switch error.status {
        case .notFound:
            return APIError(
                .notFound, code: "not_found",
                french: "Cette adresse n'existe pas. Vérifiez-la, ou repartez de l'accueil du site.",
                english: "This address does not exist. Check it, or start again from the site's home page.")
        case .contentTooLarge: return .tooLarge
        case .badRequest: return .malformed(error.body ?? "JSON attendu")
        case .methodNotAllowed:
            return APIError(
                .methodNotAllowed, code: "method_not_allowed", french: "méthode non permise sur cette adresse",
                english: "method not allowed on this address")
        case .unsupportedMediaType: return .notJSON
        default:
            return APIError(
                error.status, code: "http_\(error.status.code)", french: error.body ?? "requête refusée",
                english: error.body ?? "request refused")
        }
    }

    static func response(_ error: APIError, request: Request, context: Context) -> Response {
        var context = context
        context.language = LanterneContext.language(of: request)
        var headers: HTTPFields = [:]
        let body: String
        if request.uri.path.hasPrefix("/api") || request.headers[.accept]?.contains("application/json") == true {
            headers[.contentType] = "application/json; charset=utf-8"
            body = error.body(context.language)
        } else {
            headers[.contentType] = "text/html; charset=utf-8"
            body = PageShell.errorPage(
                status: Int(error.status.code), message: error.message(context.language), language: context.language)
        }
        if error.status == .unauthorized && request.uri.path.hasPrefix("/api") {
            headers[.wwwAuthenticate] = "Bearer"
        }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
