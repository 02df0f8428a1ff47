import Foundation
import LumbungDomain
import Logging
import SQLKit

/// Brings a database up to the newest schema, one migration per transaction.
public struct Migrator: Sendable {
    /// Every migration Lumbung knows, in order.
    public static let all: [Migration] = [
        .regionTables,
        .referenceData,
        .users,
        .importBatches,
        .registry,
        .importSupport,
        .partitionedForeignKey,
        .aggregateState,
        .access,
        .sessionIdle,
        .importBatchScope,
        .realFiles,
        .fieldSources,
        .programmes,
        .coverageCache,
        .columnTemplates,
        .importJobs,
        .monitoring,
        .userLanguage,
        .enrolmentEnd,
        .externalIndicators,
        .targetSplit,
        .snapshotEnrolments,
        .programmeTargets,
        .enrolmentParticipant,
        .enrolmentLookups,
        .programmeOutcomes,
        .organisationClosed,
    ]

    public let migrations: [Migration]
    private let logger: Logger

    public init(migrations: [Migration] = Migrator.all, logger: Logger = Logger(label: "lumbung.migrate")) {
        precondition(zip(migrations, migrations.dropFirst()).allSatisfy { $0.id < $1.id }, "migration ids must increase")
        self.migrations = migrations
        self.logger = logger
    }

    /// A migration recorded as applied.
    public struct Applied: Sendable, Equatable, Codable {
        public let id: Int
        public let name: String
        public let appliedAt: String
    }

    /// The migrations already applied to `database`, in order.
    public func applied(on database: Database) async throws -> [Applied] {
        try await database.transaction { db in
            try await Self.createLedger(db)
            return try await Self.ledger(db)
        }
    }

    /// The newest migration recorded in `database` (nil when none is), read without writing anything.
    public static func schemaVersion(of database: Database) async throws -> Int? {
        try await database.read { db in
            try await db.raw("SELECT MAX(id) AS v FROM schema_migration").first()?.decode(column: "v", as: Int?.self) ?? nil
        }
    }

    /// Applies every pending migration and returns the ones it applied.
    ///
    /// Each runs in its own transaction together with its ledger row, so a failing migration leaves
    /// the database exactly as the previous one left it. On PostgreSQL an advisory lock keeps two
    /// processes from migrating at once.
    @discardableResult
    public func migrate(_ database: Database) async throws -> [Migration] {
        let dialect = SchemaDialect(engine: database.engine)
        let known = migrations.last?.id ?? 0
        var done: [Migration] = []
        try await database.transaction { db in try await Self.createLedger(db) }
        for migration in migrations {
            let appliedNow = try await database.transaction { db -> Bool in
                if dialect.engine == .postgres {
                    try await db.raw("SELECT pg_advisory_xact_lock(527301)").run()
                }
                let applied = try await Self.ledger(db)
                if let newest = applied.last?.id, newest > known {
                    throw StoreError.schemaTooNew(applied: newest, known: known)
                }
                guard !applied.contains(where: { $0.id == migration.id }) else { return false }
                do {
                    try await migration.apply(db, dialect)
                } catch let error as StoreError {
                    throw error
                } catch {
                    throw StoreError.migrationFailed(id: migration.id, name: migration.name, reason: DriverErrorReason.of(error))
                }
                try await db.raw("""
                    INSERT INTO schema_migration (id, name, applied_at) VALUES (\(bind: migration.id), \(bind: migration.name), \(bind: Self.timestamp()))
                    """).run()
                return true
            }
            if appliedNow {
                logger.info("applied migration", metadata: ["id": "\(migration.id)", "name": "\(migration.name)"])
                done.append(migration)
            }
        }
        if migrations.contains(where: { $0.id == Migration.realFiles.id }) {
            try await database.transaction { db in try await Self.refreshStaleTallies(db, dialect: dialect, logger: self.logger) }
        }
        return done
    }

    /// Tallies every stored village again when its tallies are in another format than the one this code writes
    /// (`RegionTally.format`): data work with today's code, done after the schema is complete, never inside a migration.
    static func refreshStaleTallies(_ db: any SQLDatabase, dialect: SchemaDialect, logger: Logger) async throws {
        guard let stored = try await db.raw("SELECT tally_format FROM aggregate_state WHERE id = 1").first()?.decode(column: "tally_format", as: Int.self),
              stored != RegionTally.format else { return }
        logger.info("tallying stored villages again", metadata: ["from": "\(stored)", "to": "\(RegionTally.format)"])
        try await VillageAggregates.rebuildAll(db: db, dialect: dialect)
        try await db.raw("UPDATE aggregate_state SET tally_format = \(bind: RegionTally.format) WHERE id = 1").run()
    }

    private static func createLedger(_ db: any SQLDatabase) async throws {
        try await db.raw("""
            CREATE TABLE IF NOT EXISTS schema_migration (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)
            """).run()
    }

    private static func ledger(_ db: any SQLDatabase) async throws -> [Applied] {
        try await db.raw("SELECT id, name, applied_at FROM schema_migration ORDER BY id").all().map { row in
            Applied(id: try row.decode(column: "id", as: Int.self),
                    name: try row.decode(column: "name", as: String.self),
                    appliedAt: try row.decode(column: "applied_at", as: String.self))
        }
    }

    private static func timestamp() -> String {
        Date().formatted(.iso8601)
    }
}
