import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// Reads query parameters the way HTML forms send them (`application/x-www-form-urlencoded`):
/// `+` is a space and `%XX` a byte, so `?q=lombok+timur` is "lombok timur".
enum FormQuery {
    /// The first query parameter called `name`.
    static func value(_ name: String, in request: Request) -> String? {
        request.uri.query.flatMap { query in pairs(query).first { $0.name == name }?.value }
    }

    /// The fields of a body: `application/x-www-form-urlencoded`, or a JSON object with the same names (`RequestFields`).
    /// The query parameter's value, `nil` when it is absent or empty (an empty field of a GET form means "not chosen").
    static func filled(_ name: String, in request: Request) -> String? {
        value(name, in: request).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func body(_ request: Request) async throws -> [String: String] {
        try await RequestFields.read(request)
    }

    /// The fields of an `application/x-www-form-urlencoded` text; a repeated name keeps its last value.
    static func fields(_ text: String) -> [String: String] {
        Dictionary(pairs(text).map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    }

    /// `a=1&b=x+y` as its decoded name–value pairs, in order.
    private static func pairs(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
