import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's connection pool (`PostgresClient`), running for the life of the database.
struct PostgresDriver: DatabaseDriver {
    let engine = Database.Engine.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>

    static func open(url: String, display: String, logger: Logger) async throws -> PostgresDriver {
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
        return PostgresDriver(client: client, runTask: runTask)
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
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    func transactionSession<T: Sendable>(_ body: @Sendable (TransactionSession) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.sql().runTransaction(begin: "BEGIN") { db in
                try await body(TransactionSession(sql: db, postgres: connection, sqlite: nil))
            }
        }
    }

    func close() async {
        runTask.cancel()
        await runTask.value
    }
}
