import Foundation
import Hummingbird

/// Reads query parameters the way HTML forms send them (`application/x-www-form-urlencoded`):
/// `+` is a space and `%XX` a byte, so `?q=lombok+timur` is "lombok timur".
enum FormQuery {
    static func value(_ name: String, in request: Request) -> String? {
        guard let query = request.uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decode(parts[0]) == name else { continue }
            return parts.count > 1 ? decode(parts[1]) : ""
        }
        return nil
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
