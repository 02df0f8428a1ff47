import Logging
import PostgresNIO
import SQLKit
import SQLiteNIO

/// An open Lumbung database on either engine, with reads and all-or-nothing write transactions.
///
/// Every store talks SQL through this type; nothing else knows which engine runs underneath,
/// except bulk writers, which ask for the engine's own connection.
public final class Database: Sendable {
    /// The two engines Lumbung runs on.
    public enum Engine: String, Sendable {
        case sqlite
        case postgres
    }

    public let location: DatabaseLocation
    public var engine: Engine { driver.engine }
    private let driver: any DatabaseDriver

    private init(location: DatabaseLocation, driver: any DatabaseDriver) {
        self.location = location
        self.driver = driver
    }

    /// Opens (and for SQLite creates) the database, checking at once that it is usable.
    ///
    /// - Throws: `StoreError` with a message that says what is wrong: not an SQLite file, a server
    ///   that does not answer, a refused login.
    /// - Parameter poolWait: how long a caller waits for a connection before `StoreError.busy`.
    public static func open(_ location: DatabaseLocation, logger: Logger, poolWait: Duration = defaultPoolWait) async throws -> Database {
        switch location {
        case .sqlite(let path):
            return Database(location: location, driver: try await SQLiteDriver.open(path: path, logger: logger, poolWait: poolWait))
        case .postgres(let url):
            return Database(location: location, driver: try await PostgresDriver.open(url: url, display: location.description, logger: logger,
                                                                                      poolWait: poolWait))
        }
    }

    /// A wait for a connection longer than this ends in `StoreError.busy` ("sedang sibuk") rather than a hanging request.
    public static let defaultPoolWait: Duration = .seconds(10)

    /// Runs `body` with a connection for reading.
    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await driver.read(body)
    }

    /// Runs `body` inside one transaction: everything it writes is committed together, or, if it
    /// throws, nothing is. Write transactions on SQLite run one at a time.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await driver.transaction(body)
    }

    /// Like `transaction`, but hands over the engine's own connection too, for bulk paths (COPY on PostgreSQL).
    public func transactionSession<T: Sendable>(_ body: @Sendable (TransactionSession) async throws -> T) async throws -> T {
        try await driver.transactionSession(body)
    }

    /// Runs an import in two steps, so that other writers do not wait behind its reading: `body` stages rows
    /// (in TEMP tables only) and then calls `ImportSession.commit` once, for the step that writes the registry in one
    /// transaction. On SQLite staging runs on a connection of the import's own, outside any transaction, and only
    /// `commit` takes the write lock; on PostgreSQL (MVCC: readers and other writers never wait for staging)
    /// everything runs in one transaction.
    public func importSession<T: Sendable>(_ body: @Sendable (ImportSession) async throws -> T) async throws -> T {
        try await driver.importSession(body)
    }

    /// Checks that the database answers.
    public func ping() async throws {
        try await read { db in try await db.raw("SELECT 1 AS ok").run() }
    }

    /// Closes every connection. The database must not be used afterwards.
    public func close() async {
        await driver.close()
    }
}

/// One transaction's handle: SQL for everything, and on PostgreSQL the connection itself for COPY.
public struct TransactionSession: Sendable {
    public let sql: any SQLDatabase
    let postgres: PostgresConnection?
    let sqlite: SQLiteConnection?
}

/// An import's connection: `session` for staging, `commit` for its one write transaction.
public struct ImportSession: Sendable {
    public let session: TransactionSession
    let inWriteTransaction: @Sendable (() async throws -> Void) async throws -> Void

    /// Runs `body` in the import's write transaction (the same connection as `session`): committed if it returns,
    /// rolled back if it throws. Call once.
    public func commit<T>(_ body: () async throws -> T) async throws -> T {
        var result: T?
        try await inWriteTransaction { result = try await body() }
        guard let value = result else { throw StoreError.queryFailed(reason: "the import's transaction returned nothing") }
        return value
    }
}

/// One engine's way of lending connections.
protocol DatabaseDriver: Sendable {
    var engine: Database.Engine { get }
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func transactionSession<T: Sendable>(_ body: @Sendable (TransactionSession) async throws -> T) async throws -> T
    func importSession<T: Sendable>(_ body: @Sendable (ImportSession) async throws -> T) async throws -> T
    func close() async
}

extension DatabaseDriver {
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await transactionSession { session in try await body(session.sql) }
    }
}

extension SQLDatabase {
    /// Runs `body` between BEGIN and COMMIT on this (single-session) connection, rolling back if it throws.
    func runTransaction<T>(begin: String, _ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(self)
            try await raw("COMMIT").run()
            return result
        } catch {
            // From a task that is not cancelled: a cancelled task (an import stopped at shutdown) must still roll back,
            // or its connection stays inside the transaction, refusing every later BEGIN (on SQLite: the only writer).
            let connection = self
            await Task { try? await connection.raw("ROLLBACK").run() }.value
            throw error
        }
    }
}
