import PostgresNIO
import SQLiteNIO

/// A short, user-presentable reason taken from a driver error.
///
/// PostgresNIO redacts its errors' descriptions to avoid leaking data, so the server's own message
/// is read instead; bound values are never part of either engine's message.
enum DriverErrorReason {
    static func of(_ error: any Error) -> String {
        switch error {
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] { return message }
            return error.underlying.map { "\($0)" } ?? error.code.description
        case let error as SQLiteError:
            return error.message
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
        }
    }
}
