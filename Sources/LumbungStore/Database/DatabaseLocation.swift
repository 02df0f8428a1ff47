import Foundation

/// Where the data lives: an SQLite file (the embedded default) or a PostgreSQL server.
///
/// Accepted spellings: a plain file path (`lumbung.sqlite`), `sqlite:PATH` or `sqlite://PATH`,
/// and `postgres://user:password@host:port/database` (or `postgresql://…`).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The default: `lumbung.sqlite` in the working directory.
    public static let defaultSQLite = DatabaseLocation.sqlite(path: "lumbung.sqlite")

    public init(_ text: String) throws(DatabaseLocationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        let lower = trimmed.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            guard let components = URLComponents(string: trimmed), components.host?.isEmpty == false else {
                throw .malformedPostgresURL(Self.redact(trimmed))
            }
            guard components.user?.isEmpty == false else { throw .postgresURLWithoutUser(Self.redact(trimmed)) }
            self = .postgres(url: trimmed)
        } else if lower.hasPrefix("sqlite://") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite://".count)))
        } else if lower.hasPrefix("sqlite:") {
            self = .sqlite(path: String(trimmed.dropFirst("sqlite:".count)))
        } else if let colon = trimmed.range(of: "://") {
            throw .unknownScheme(String(trimmed[..<colon.lowerBound]))
        } else {
            self = .sqlite(path: trimmed)
        }
        if case .sqlite(let path) = self, path.isEmpty { throw .empty }
    }

    /// A form safe to print and log: the password of a PostgreSQL URL is replaced by `***`.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): Self.redact(url)
        }
    }

    static func redact(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// Why a `--database` value cannot be used.
public enum DatabaseLocationError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case unknownScheme(String)
    case malformedPostgresURL(String)
    case postgresURLWithoutUser(String)

    public var description: String {
        switch self {
        case .empty:
            "The database location is empty: give a file path such as lumbung.sqlite or a postgres:// URL."
        case .unknownScheme(let scheme):
            "Unknown database kind '\(scheme)://': use a file path for SQLite or postgres://user:password@host:5432/name."
        case .malformedPostgresURL(let url):
            "'\(url)' is not a usable PostgreSQL URL: expected postgres://user:password@host:5432/name."
        case .postgresURLWithoutUser(let url):
            "'\(url)' names no user: expected postgres://user:password@host:5432/name."
        }
    }
}
