import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Limits how often one address may post to the forms anyone can reach without an account (signing in, the
/// assistant): each address has a bucket of a minute's requests that refills continuously; an empty bucket answers
/// 429 `rate_limited` with `Retry-After`. Behind a proxy every client shares the proxy's address: set the limit
/// there, or raise it here.
struct PublicRateLimit: RouterMiddleware {
    typealias Context = LanterneContext

    /// The routes limited, as method and path.
    static let limited: Set<String> = [
        "POST /api/v1/ask", "POST /api/v1/session", "POST /connexion", "POST /api/v1/callbacks", "POST /rappel",
        "GET /assistant",
    ]

    /// Whether a request counts against its address's limit: the routes above, and the notices' forms (a simulation
    /// or a contest, whose paths carry the token).
    static func isLimited(_ request: Request) -> Bool {
        let path = request.uri.path
        if limited.contains("\(request.method) \(path)") { return true }
        if path.hasPrefix("/notices/") || path.hasPrefix("/api/v1/notices/") {
            return request.method == .post || path.hasSuffix("/et-si")
        }
        return false
    }

    let buckets: Buckets

    /// Creates the limit.
    /// - Parameter perMinute: requests per minute and address; 0 for none.
    init(perMinute: Int) { buckets = Buckets(perMinute: perMinute) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard buckets.perMinute > 0, Self.isLimited(request) else {
            return try await next(request, context)
        }
        if let wait = buckets.take(context.clientAddress, now: Date().timeIntervalSinceReferenceDate) {
            var response = ErrorResponder.response(APIError.tooMany, request: request, context: context)
            response.headers[.retryAfter] = String(Int(wait.rounded(.up)))
            return response
        }
        return try await next(request, context)
    }

    /// Token buckets by address.
    final class Buckets: Sendable {
        let perMinute: Int
        private let state = Mutex<[String: (tokens: Double, at: Double)]>([:])

        init(perMinute: Int) { self.perMinute = perMinute }

        /// Takes one request from `address`'s bucket.
        /// - Returns: `nil` when allowed, else the seconds until one request is allowed again.
        func take(_ address: String, now: Double) -> Double? {
            let capacity = Double(perMinute)
            let refill = capacity / 60
            return state.withLock { buckets in
                // Forget full buckets now and then, so that the table does not grow with every address ever seen.
                if buckets.count > 100_000 {
                    buckets = buckets.filter { $0.value.tokens + (now - $0.value.at) * refill < capacity }
                }
                let previous = buckets[address] ?? (capacity, now)
                let tokens = min(capacity, previous.tokens + (now - previous.at) * refill)
                guard tokens >= 1 else {
                    buckets[address] = (tokens, now)
                    return (1 - tokens) / refill
                }
                buckets[address] = (tokens - 1, now)
                return nil
            }
        }
    }
}
