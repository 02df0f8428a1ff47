import SQLKit

/// Keeps snapshots and imports apart: an import holds this lock shared for its whole transaction, a snapshot
/// asks for it alone without waiting and is refused while any import holds it.
///
/// On PostgreSQL it is a transaction-level advisory lock (released by commit, rollback or a dropped connection, so a
/// crashed import never leaves it behind). On SQLite every write transaction is alone anyway: a snapshot's waits
/// for the database's write lock and, while another process's import holds it past the busy timeout, fails busy,
/// which `SnapshotStore` reports as an import running.
public enum ImportLock {
    public static let key = 527_302

    /// Taken by every registry import at the start of its transaction.
    public static func holdShared(_ db: any SQLDatabase, engine: Database.Engine) async throws {
        guard engine == .postgres else { return }
        try await db.raw("SELECT pg_advisory_xact_lock_shared(\(unsafeRaw: String(key)))").run()
    }

    /// Taken by a snapshot: `false` when an import holds the lock.
    static func tryExclusive(_ db: any SQLDatabase, dialect: SchemaDialect) async throws -> Bool {
        guard dialect.engine == .postgres else { return true }
        return try await db.raw("SELECT pg_try_advisory_xact_lock(\(unsafeRaw: String(key))) AS ok").first()?.decode(column: "ok", as: Bool.self) ?? false
    }
}
