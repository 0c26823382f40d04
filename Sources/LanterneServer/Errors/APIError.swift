import Foundation
import HTTPTypes
import Hummingbird
import LanterneData
import LanterneStore

/// An error answered as `{"error": {"code", "message"}}` with its HTTP status, in the request's language.
public struct APIError: Error, Sendable {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// A stable code.
    public let code: String
    /// The French message.
    public let french: String
    /// The English message.
    public let english: String

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, french: String, english: String) {
        self.status = status
        self.code = code
        self.french = french
        self.english = english
    }

    /// The message in `language`.
    public func message(_ language: Language) -> String { language == .fr ? french : english }

    /// The JSON body.
    public func body(_ language: Language) -> String {
        "{\"error\":{\"code\":\(JSONText.quoted(code)),\"message\":\(JSONText.quoted(message(language)))}}\n"
    }

    /// 401.
    public static let notSignedIn = APIError(
        .unauthorized, code: "not_signed_in",
        french: "connectez-vous d'abord : POST /api/v1/session avec votre identifiant et votre mot de passe",
        english: "sign in first: POST /api/v1/session with your username and password")

    /// 403 for a role that may not do this.
    public static func forbidden(_ roles: [Role]) -> APIError {
        let names = roles.map(\.rawValue).joined(separator: ", ")
        return APIError(
            .forbidden, code: "forbidden", french: "votre rôle ne permet pas cette action (réservée à : \(names))",
            english: "your role does not allow this (reserved to: \(names))")
    }

    /// 404 for an unknown id.
    public static func notFound(_ what: String, _ id: String) -> APIError {
        APIError(
            .notFound, code: "not_found", french: "\(what) « \(id) » introuvable ; vérifiez l'adresse",
            english: "\(what) “\(id)” not found; check the address")
    }

    /// 415 when the body is not JSON.
    public static let notJSON = APIError(
        .unsupportedMediaType, code: "unsupported_media_type",
        french: "envoyez un corps JSON avec l'en-tête Content-Type: application/json",
        english: "send a JSON body with the header Content-Type: application/json")

    /// 400 for malformed JSON, naming what was expected.
    public static func malformed(_ detail: String) -> APIError {
        APIError(
            .badRequest, code: "malformed_json", french: "corps JSON illisible : \(detail)",
            english: "unreadable JSON body: \(detail)")
    }

    /// 422 for a valid body with a wrong value.
    public static func invalid(_ error: any LocalizedMessage, code: String) -> APIError {
        APIError(.unprocessableContent, code: code, french: error.message(.fr), english: error.message(.en))
    }

    /// A store error with the status its kind calls for: 404 for an absent row, 409 for a conflict or a publication
    /// refused by its gates, 503 for an unreachable database, 500 otherwise.
    public static func stored(_ error: StoreError) -> APIError {
        let status: HTTPResponse.Status
        switch error.kind {
        case .notFound: status = .notFound
        case .conflict, .gatesFailed, .refused: status = .conflict
        case .unreachable: status = .serviceUnavailable
        case .badLocation, .newerSchema, .failed: status = .internalServerError
        }
        return APIError(status, code: error.code, french: error.message(.fr), english: error.message(.en))
    }

    /// 409 for an algorithm without a published model.
    public static let notPublished = APIError(
        .conflict, code: "not_published", french: "cet algorithme n'a pas encore de modèle publié",
        english: "this algorithm has no published model yet")

    /// 415 unless the request says it sends a population as CSV.
    static func requireCSV(_ request: Request) throws {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("text/csv") else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                french: "envoyez la population en CSV avec l'en-tête Content-Type: text/csv",
                english: "send the population as CSV with the header Content-Type: text/csv")
        }
    }

    /// 403 for a form without its CSRF token.
    public static let badCSRF = APIError(
        .forbidden, code: "csrf",
        french: "le formulaire a expiré ou ne vient pas de ce site ; rechargez la page et recommencez",
        english: "the form expired or does not come from this site; reload the page and try again")

    /// 429.
    public static let tooMany = APIError(
        .tooManyRequests, code: "rate_limited", french: "trop de demandes ; réessayez dans une minute",
        english: "too many requests; try again in a minute")

    /// 413.
    public static let tooLarge = APIError(
        .contentTooLarge, code: "too_large", french: "corps de la requête trop grand (2 Mio au plus)",
        english: "request body too large (2 MiB at most)")
}
