import Foundation
import Logging
import LumbungStore
import SQLKit

/// Real databases for tests: a new SQLite file in a temporary folder on every run, and a new
/// throw-away PostgreSQL database when `LUMBUNG_TEST_POSTGRES_URL` names a server (CI sets it).
public enum TestDatabase {
    /// The engines available to this run: SQLite always, PostgreSQL when configured.
    public static var engines: [Database.Engine] {
        postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    /// The PostgreSQL server to create test databases on (its user needs CREATEDB).
    public static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment["LUMBUNG_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    public static let logger: Logger = {
        var logger = Logger(label: "lumbung.test")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` on a new database of every engine of this run (`engines`: SQLite, and PostgreSQL when configured), one
    /// after the other: the default for store, import and web tests, so that none runs on SQLite alone by omission.
    public static func withEach(migrated: Bool = true, _ body: (Database) async throws -> Void) async throws {
        for engine in engines {
            try await with(engine, migrated: migrated, body)
        }
    }

    /// Creates an empty database on `engine`, migrates it unless told not to, runs `body`, and removes the database.
    /// `poolWait`: how long a caller waits for a connection before `StoreError.busy` (tests of the busy answer shorten it).
    public static func with<T>(
        _ engine: Database.Engine, migrated: Bool = true, poolWait: Duration = Database.defaultPoolWait, _ body: (Database) async throws -> T
    ) async throws -> T {
        let created = try await create(engine)
        let database: Database
        do {
            database = try await Database.open(created.location, logger: logger, poolWait: poolWait)
        } catch {
            try? await drop(created)
            throw error
        }
        do {
            if migrated { try await Migrator(logger: logger).migrate(database) }
            let result = try await body(database)
            await database.close()
            try? await drop(created)
            return result
        } catch {
            await database.close()
            try? await drop(created)
            throw error
        }
    }

    /// A database created for one test and how to remove it.
    public struct Created: Sendable {
        public let location: DatabaseLocation
        let cleanup: @Sendable () async throws -> Void
    }

    /// Creates an empty database and returns where it is (for tests that open it themselves, e.g. through the CLI).
    public static func create(_ engine: Database.Engine) async throws -> Created {
        let name = "lumbung_test_\(UUID().uuidString.prefix(8).lowercased())"
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return Created(location: .sqlite(path: folder.appendingPathComponent("lumbung.sqlite").path)) {
                try? FileManager.default.removeItem(at: folder)
            }
        case .postgres:
            guard let adminURL = postgresAdminURL, var components = URLComponents(string: adminURL) else {
                throw TestDatabaseError.postgresNotConfigured
            }
            let create = "CREATE DATABASE \(name)"
            try await admin(adminURL) { db in try await db.raw(SQLQueryString(create)).run() }
            components.path = "/\(name)"
            return Created(location: .postgres(url: components.string!)) {
                let drop = "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"
                try await admin(adminURL) { db in try await db.raw(SQLQueryString(drop)).run() }
            }
        }
    }

    /// Removes a database made by `create`.
    public static func drop(_ created: Created) async throws {
        try await created.cleanup()
    }

    private static func admin(_ url: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let admin = try await Database.open(.postgres(url: url), logger: logger)
        do {
            try await admin.read(body)
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }
}

public enum TestDatabaseError: Error {
    case postgresNotConfigured
}
