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

    /// How long a test waits for a connection before `StoreError.busy`: longer than the product's
    /// `Database.defaultPoolWait` (10 s), because a loaded CI machine running many tests at once is not the busy server
    /// that answer is for (the tests of the busy answer give their own, shorter wait).
    public static let poolWait: Duration = .seconds(120)

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
        _ engine: Database.Engine, migrated: Bool = true, poolWait: Duration = TestDatabase.poolWait, _ body: (Database) async throws -> T
    ) async throws -> T {
        // At most a few PostgreSQL test databases open at once (see `postgresDatabases`); a test that already holds a turn
        // (a database inside another) does not wait for a second one, which could wait forever.
        let waits = engine == .postgres && !holdsPostgresTurn
        if waits { await postgresDatabases.enter() }
        defer { if waits { Task { await postgresDatabases.leave() } } }
        return try await $holdsPostgresTurn.withValue(holdsPostgresTurn || waits) {
            try await open(engine, migrated: migrated, poolWait: poolWait, body)
        }
    }

    /// Whether this task already holds one of `postgresDatabases`' turns.
    @TaskLocal static var holdsPostgresTurn = false

    private static func open<T>(
        _ engine: Database.Engine, migrated: Bool, poolWait: Duration, _ body: (Database) async throws -> T
    ) async throws -> T {
        let created = migrated ? try await MigratedTemplate.shared.copy(engine) : try await create(engine)
        let database: Database
        do {
            database = try await Database.open(created.location, logger: logger, poolWait: poolWait)
        } catch {
            try? await drop(created)
            throw error
        }
        do {
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

    /// Opens a database a test made (or a demo wrote) with the tests' connection wait (`poolWait`), not the product's
    /// 10 s: a loaded CI machine is not the busy server that short answer is for.
    public static func open(_ location: DatabaseLocation) async throws -> Database {
        try await Database.open(location, logger: logger, poolWait: poolWait)
    }

    /// A database created for one test and how to remove it.
    public struct Created: Sendable {
        public let location: DatabaseLocation
        let cleanup: @Sendable () async throws -> Void
    }

    /// Creates an empty database and returns where it is (for tests that open it themselves, e.g. through the CLI).
    /// `template`: a copy of this database instead (a file copied on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL).
    public static func create(_ engine: Database.Engine, template: DatabaseLocation? = nil) async throws -> Created {
        let name = "lumbung_test_\(UUID().uuidString.prefix(8).lowercased())"
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("lumbung.sqlite").path
            if case .sqlite(let source) = template {
                for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: source + suffix) {
                    try FileManager.default.copyItem(atPath: source + suffix, toPath: path + suffix)
                }
            }
            return Created(location: .sqlite(path: path)) {
                try? FileManager.default.removeItem(at: folder)
            }
        case .postgres:
            guard let adminURL = postgresAdminURL, var components = URLComponents(string: adminURL) else {
                throw TestDatabaseError.postgresNotConfigured
            }
            var statement = "CREATE DATABASE \(name)"
            if case .postgres(let url) = template, let source = URLComponents(string: url)?.path.dropFirst(), !source.isEmpty {
                statement += " TEMPLATE \(source)"
            }
            let create = statement
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
        let admin = try await Database.open(.postgres(url: url), logger: logger, poolWait: poolWait)
        do {
            try await admin.read(body)
            await admin.close()
        } catch {
            await admin.close()
            throw error
        }
    }
}

/// A counting semaphore for the tests' PostgreSQL databases. Swift Testing runs every test at once; dozens of
/// PostgreSQL databases migrating and working at the same moment ran the server out of connections ("too many clients")
/// and of its shared lock table ("out of shared memory": each migration creates the partitioned registry in one
/// transaction). A test waits here for its turn before its database is made.
public actor SetUpLimiter {
    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) { self.limit = limit }

    public func enter() async {
        if running < limit {
            running += 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }

    public func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}

extension TestDatabase {
    /// How many PostgreSQL test databases may be open at once (each holds a pool of up to 20 connections).
    static let postgresDatabases = SetUpLimiter(limit: 6)
}

public enum TestDatabaseError: Error {
    case postgresNotConfigured
}

extension TestDatabase {
    /// Tables an import writes to even when every row is rejected — its batch and the problems it found (the import
    /// log the report is read from), its job and audit records — and sign-ins: not the registry.
    public static let bookkeepingTables: Set<String> = ["audit_event", "audit_log", "import_job", "import_batch", "import_issue", "session",
                                                        "user_session", "api_token", "schema_migration"]

    /// The row count of every table of `database` but `except`, by name: the registry as a test compares it before and after.
    public static func rowCounts(_ database: Database, except: Set<String> = bookkeepingTables) async throws -> [String: Int] {
        let engine = database.engine
        return try await database.read { db in
            let query: SQLQueryString = switch engine {
            case .sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name"
            case .postgres: """
                SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname
                """
            }
            var counts: [String: Int] = [:]
            for row in try await db.raw(query).all() {
                let table = try row.decode(column: "name", as: String.self)
                guard !except.contains(table) else { continue }
                let count = try await db.raw(SQLQueryString("SELECT count(*) AS n FROM \"\(table)\"")).first()
                counts[table] = try count?.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }
}

/// A database migrated once per test run and engine, copied for every test that wants a migrated database: migrating
/// (28 migrations, the NTB region tree and its boundaries among them) took a debug build 1.4 s of CPU on SQLite and 2.5 s
/// on PostgreSQL, for each of several hundred test databases. The migrations themselves are tested on fresh databases
/// (`MigrationTests`, the CLI's `migrate`), which do not come from here.
public actor MigratedTemplate {
    public static let shared = MigratedTemplate()
    private var templates: [Database.Engine: Task<DatabaseLocation, any Error>] = [:]

    /// A new database with every migration applied.
    func copy(_ engine: Database.Engine) async throws -> TestDatabase.Created {
        let task = templates[engine] ?? Task { try await Self.make(engine) }
        templates[engine] = task
        return try await TestDatabase.create(engine, template: try await task.value)
    }

    /// Creates and migrates the template, and closes every connection to it (PostgreSQL copies only an unused database).
    private static func make(_ engine: Database.Engine) async throws -> DatabaseLocation {
        let created = try await TestDatabase.create(engine)
        let database = try await Database.open(created.location, logger: TestDatabase.logger, poolWait: TestDatabase.poolWait)
        do {
            try await Migrator(logger: TestDatabase.logger).migrate(database)
            await database.close()
        } catch {
            await database.close()
            throw error
        }
        return created.location
    }
}
