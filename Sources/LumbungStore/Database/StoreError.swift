/// Operational failures of the database layer, each with one line that says what is wrong and what to do.
///
/// Messages never contain personal data or passwords.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The SQLite file exists but is not an SQLite database.
    case notSQLite(path: String)
    /// The SQLite file could not be opened or created.
    case cannotOpenSQLite(path: String, reason: String)
    /// The PostgreSQL server did not answer.
    case postgresUnreachable(location: String, reason: String)
    /// The PostgreSQL server answered but refused the connection (user, password or database).
    case postgresRefused(location: String, reason: String)
    /// A migration failed; the database was left as it was before that migration.
    case migrationFailed(id: Int, name: String, reason: String)
    /// The database was written by a newer Lumbung than this one.
    case schemaTooNew(applied: Int, known: Int)
    /// A query failed.
    case queryFailed(reason: String)
    /// No connection (or, across processes, the SQLite write lock) came free in time: another writer, such as
    /// an import's final step, holds it. Worth retrying in a few seconds; the web answers 503 "sedang sibuk".
    case busy(waited: Duration)

    public var description: String {
        switch self {
        case .notSQLite(let path):
            "'\(path)' is not an SQLite database: choose another file with --database, or move this one away."
        case .cannotOpenSQLite(let path, let reason):
            "Cannot open the database file '\(path)': \(reason). Check that the folder exists and is writable."
        case .postgresUnreachable(let location, let reason):
            "Cannot reach PostgreSQL at \(location): \(reason). Check that the server runs and the host and port are right."
        case .postgresRefused(let location, let reason):
            "PostgreSQL at \(location) refused the connection: \(reason). Check the user, password and database name."
        case .migrationFailed(let id, let name, let reason):
            "Migration \(id) (\(name)) failed and was rolled back; the database is as it was before it: \(reason)"
        case .schemaTooNew(let applied, let known):
            "The database has schema version \(applied) but this Lumbung knows only up to \(known): use a newer Lumbung."
        case .queryFailed(let reason):
            "A database query failed: \(reason)"
        case .busy(let waited):
            "The database is busy (waited \(waited.components.seconds) s for it, another writer such as an import holds it): try again shortly."
        }
    }
}
