import Logging
import PostgresKit
import PostgresNIO
import Foundation
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool (`PostgresClient`), running for the life of the database.
struct PostgresDriver: DatabaseDriver {
    let engine = Database.Engine.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let poolWait: Duration

    static func open(url: String, display: String, logger: Logger, poolWait: Duration) async throws -> PostgresDriver {
        let core: PostgresConnection.Configuration
        do {
            core = try SQLPostgresConfiguration(url: url).coreConfiguration
        } catch {
            throw DatabaseLocationError.malformedPostgresURL(display)
        }
        try await checkReachable(core, display: display, logger: logger)
        let client = PostgresClient(configuration: clientConfiguration(core), backgroundLogger: logger)
        let runTask = Task { await client.run() }
        // The pool warns when leased before run() has begun; give the task a moment to start. (2026-11-29)
        try? await Task.sleep(for: .milliseconds(20))
        return PostgresDriver(client: client, runTask: runTask, poolWait: poolWait)
    }

    /// Opens one connection first so that a wrong host, port, password or database name fails now,
    /// with a clear message, instead of making the pool retry in the background.
    private static func checkReachable(_ configuration: PostgresConnection.Configuration, display: String, logger: Logger) async throws {
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch let error as PSQLError {
            if error.code == .server {
                let message = error.serverInfo?[.message] ?? "the server refused"
                throw StoreError.postgresRefused(location: display, reason: message)
            }
            let reason = error.underlying.map { "\($0)" } ?? error.code.description
            throw StoreError.postgresUnreachable(location: display, reason: reason)
        } catch {
            throw StoreError.postgresUnreachable(location: display, reason: "\(error)")
        }
    }

    private static func clientConfiguration(_ core: PostgresConnection.Configuration) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch (core.tls.isEnforced, core.tls.isAllowed, core.tls.sslContext) {
            case (true, _, let context?): .require(context.configuration)
            case (false, true, let context?): .prefer(context.configuration)
            default: .disable
            }
        if let socket = core.unixSocketPath {
            return .init(unixSocketPath: socket, username: core.username, password: core.password, database: core.database)
        }
        return .init(host: core.host ?? "127.0.0.1", port: core.port ?? 5432, username: core.username,
                     password: core.password, database: core.database, tls: tls)
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection { connection in try await body(connection.sql()) }
    }

    func transactionSession<T: Sendable>(_ body: @Sendable (TransactionSession) async throws -> T) async throws -> T {
        try await withConnection { connection in
            try await connection.sql().runTransaction(begin: "BEGIN") { db in
                try await body(TransactionSession(sql: db, postgres: connection, sqlite: nil))
            }
        }
    }

    /// One transaction for staging and writing: under MVCC staging blocks no reader and no other writer.
    func importSession<T: Sendable>(_ body: @Sendable (ImportSession) async throws -> T) async throws -> T {
        try await transactionSession { session in
            try await body(ImportSession(session: session) { commit in try await commit() })
        }
    }

    /// The pool's connection, or `StoreError.busy` when none came free within `poolWait` (the wait is cancelled;
    /// once a connection is lent, `body` runs to its end whatever the time).
    private func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let lent = PoolWaitState()
        let limit = poolWait
        return try await withoutActuallyEscaping(body) { body in
            try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        guard lent.lend() else { throw StoreError.busy(waited: limit) }
                        return try await body(connection)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: limit)
                    if lent.expire() { throw StoreError.busy(waited: limit) }
                    return nil
                }
                while let next = try await group.next() {
                    if let result = next {
                        group.cancelAll()
                        return result
                    }
                }
                throw StoreError.busy(waited: limit)
            }
        }
    }

    func close() async {
        runTask.cancel()
        await runTask.value
    }
}

/// Whether a waiting request got its connection before its time ran out: whichever comes first wins.
private final class PoolWaitState: @unchecked Sendable {
    private let lock = NSLock()
    private var state = 0  // 0 waiting, 1 lent, 2 expired

    /// The connection came: `false` when the wait had already expired.
    func lend() -> Bool { settle(1) }

    /// The time ran out: `true` when no connection had come.
    func expire() -> Bool { settle(2) }

    private func settle(_ outcome: Int) -> Bool {
        lock.withLock {
            if state == 0 { state = outcome }
            return state == outcome
        }
    }
}
