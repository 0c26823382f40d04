import Hummingbird

/// The site's French / English switch: a page asked with `?lang=en` or `?lang=fr` answers in that language (the
/// context already reads it) and leaves a cookie so that the next pages follow, without an account or a script.
struct LanguageSwitch: RouterMiddleware {
    typealias Context = LanterneContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        if !request.uri.path.hasPrefix("/api/"), let chosen = LanterneContext.chosenLanguage(of: request) {
            response.setCookie(
                Cookie(
                    name: LanterneContext.languageCookie, value: chosen.rawValue, maxAge: 365 * 86_400, path: "/",
                    httpOnly: true, sameSite: .lax))
        }
        return response
    }
}
