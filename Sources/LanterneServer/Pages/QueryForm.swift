import Foundation
import Hummingbird

/// The fields of a GET form as a browser sends them: `application/x-www-form-urlencoded` in the query, where `+`
/// is a space and `%2B` a plus sign.
enum QueryForm {
    /// The query's fields, the last value of a repeated name winning.
    static func fields(_ request: Request) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decoded(parts[0]), !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? decoded(parts[1]) ?? "" : ""
        }
        return fields
    }

    private static func decoded(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
