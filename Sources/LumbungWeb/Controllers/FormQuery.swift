import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

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

    /// The fields of an `application/x-www-form-urlencoded` body (at most 64 KiB).
    static func body(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
