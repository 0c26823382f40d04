import Foundation
import Hummingbird
import LanterneData
import LanterneStore
import Mustache

/// The site's Mustache templates (escaping on), read once from the module's resources.
enum PageShell {
    /// The administration named on every page.
    static let administration = "Direction départementale des finances publiques de démonstration"

    /// Every template of `Templates/`, by file name without `.mustache`.
    static let library: MustacheLibrary = {
        var templates: [String: MustacheTemplate] = [:]
        if let folder = Bundle.module.url(forResource: "Templates", withExtension: nil),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        {
            for name in names where name.hasSuffix(".mustache") {
                let text = (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)) ?? ""
                // A template that does not parse is a programming error caught by the page tests.
                if let template = try? MustacheTemplate(string: text) {
                    templates[String(name.dropLast(".mustache".count))] = template
                }
            }
        }
        return MustacheLibrary(templates: templates)
    }()

    /// The stylesheet.
    static let stylesheet: ByteBuffer = {
        guard let url = Bundle.module.url(forResource: "Public/lanterne.css", withExtension: nil),
            let data = try? Data(contentsOf: url)
        else { return ByteBuffer() }
        return ByteBuffer(bytes: data)
    }()

    /// Renders `template` with `values` and the values every page has; in English, its `.en` twin when there is one.
    static func render(
        _ template: String, _ values: [String: Any], session: (username: String, csrf: String)?,
        language: Language = .fr
    ) -> String {
        var context = values
        context["administration"] = administration
        if let session { context["session"] = ["username": session.username, "csrf": session.csrf] }
        let name = language == .en && library.getTemplate(named: template + ".en") != nil ? template + ".en" : template
        return library.render(context, withTemplate: name) ?? ""
    }

    /// A whole HTML answer.
    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A workspace page for a signed-in session: the log's head in the footer, the session's CSRF token in its forms.
    static func workspace(
        _ template: String, _ values: [String: Any], session: SessionGrant, store: Store,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var values = values
        values["logHead"] = try await store.log.head().hash
        values["csrf"] = session.csrfToken
        return response(
            render(template, values, session: (session.user.username, session.csrfToken)), status: status)
    }

    /// The page shown for an error outside the API, in the page's language.
    static func errorPage(status: Int, message: String, language: Language = .fr) -> String {
        render("error", ["status": status, "message": message, "logHead": ""], session: nil, language: language)
    }
}
