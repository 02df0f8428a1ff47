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

/// Whether an error means "the database is busy, try again shortly": a pool wait that ran out, or SQLite's busy
/// timeout passing while another process (the command line's import) held the write lock.
public enum DatabaseBusy {
    /// Seconds a client is told to wait before trying again (`Retry-After`).
    public static let retryAfterSeconds = 5

    public static func matches(_ error: any Error) -> Bool {
        switch error {
        case StoreError.busy: true
        case let error as SQLiteError: [.busy, .busyTimeout, .busyInSnapshot, .busyInRecovery, .locked].contains(error.reason)
        default: false
        }
    }
}
