import LumbungDomain
import SQLKit

/// The one way the store asks "is this column's region code at or below `code`": equal to it, or starting
/// with it and a dot (`52.03` covers `52.03.01.2001`, not `52.031…`), so region scopes are part of queries.
enum RegionSQL {
    static func atOrBelow(_ column: String, _ code: RegionCode) -> SQLQueryString { atOrBelow(column, dotted: code.dotted) }

    /// The same for a code as typed (a search field), matched as written.
    static func atOrBelow(_ column: String, dotted code: String) -> SQLQueryString {
        "(\(unsafeRaw: column) = \(bind: code) OR \(unsafeRaw: column) LIKE \(bind: code + ".%"))"
    }
}
