import Foundation
import LumbungDomain
import SQLKit
import SQLiteNIO

/// Named, dated snapshots of the registry's figures, and the release diff between two of them.
///
/// A snapshot copies, in one transaction, every village tally (`village_aggregate`) — the raw material of every
/// indicator of every region — and per person the few fields a release diff needs. It is never recomputed:
/// later imports change the live tables, not the copies.
public struct SnapshotStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One snapshot as listed.
    public struct Snapshot: Sendable, Encodable, Equatable {
        public let name: String
        /// The date the figures stand for (yyyy-mm-dd).
        public let date: String
        public let villages: Int
        public let families: Int
        public let people: Int
        /// The newest import included.
        public let lastBatch: Int?
        public let createdBy: String
        /// UTC, yyyy-mm-dd hh:mm:ss.
        public let createdAt: String
        let id: Int
        let tallyFormat: Int

        enum CodingKeys: String, CodingKey { case name, date, villages, families, people, lastBatch, createdBy, createdAt }

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: Int.self)
            name = try row.decode(column: "name", as: String.self)
            date = try row.decode(column: "as_of", as: String.self)
            tallyFormat = try row.decode(column: "tally_format", as: Int.self)
            villages = try row.decode(column: "villages", as: Int.self)
            families = try row.decode(column: "families", as: Int.self)
            people = try row.decode(column: "people", as: Int.self)
            lastBatch = try row.decode(column: "last_batch_id", as: Int?.self)
            createdBy = try row.decode(column: "created_by", as: String.self)
            createdAt = String(try row.decode(column: "created_at", as: String.self).prefix(19)).replacingOccurrences(of: "T", with: " ")
        }

        /// The snapshot's date as a calendar date.
        public var calendarDate: CalendarDate? { CalendarDate(iso: date) }
    }

    private static let columns = "id, name, as_of, tally_format, villages, families, people, last_batch_id, created_by, CAST(created_at AS TEXT) AS created_at"

    /// Freezes today's figures as snapshot `name`, dated `date` (default: the newest reference date of the village
    /// tallies — the date the data describe).
    ///
    /// - Throws: `MonitoringProblem.snapshotNameTaken`, `.registryEmpty`, or `.importRunning` while an import writes.
    public func create(name: SnapshotName, date: CalendarDate? = nil, by author: String) async throws -> Snapshot {
        let dialect = SchemaDialect(engine: database.engine)
        do {
            return try await database.transaction { db in
                guard try await ImportLock.tryExclusive(db, dialect: dialect) else { throw MonitoringProblem.importRunning }
                if try await db.raw("SELECT id FROM snapshot WHERE name = \(bind: name.value)").first() != nil {
                    throw MonitoringProblem.snapshotNameTaken(name.value)
                }
                guard let state = try await db.raw("SELECT COUNT(*) AS n, MAX(as_of) AS as_of FROM village_aggregate").first(),
                      try state.decode(column: "n", as: Int.self) > 0 else { throw MonitoringProblem.registryEmpty }
                let asOf = try date?.description ?? state.decode(column: "as_of", as: String?.self) ?? CalendarDate.todayInNTB(
                    secondsSince1970: Date().timeIntervalSince1970).description
                guard let inserted = try await db.raw("""
                    INSERT INTO snapshot (name, as_of, tally_format, created_by) VALUES (\(bind: name.value), \(bind: asOf), \(bind: RegionTally.format), \(bind: author))
                    RETURNING id
                    """).first() else { throw StoreError.queryFailed(reason: "the new snapshot has no id") }
                let id = try inserted.decode(column: "id", as: Int.self)
                try await db.raw("""
                    INSERT INTO snapshot_village (snapshot_id, village_code, regency_code, as_of, tally)
                    SELECT \(bind: id), village_code, regency_code, as_of, tally FROM village_aggregate
                    """).run()
                try await db.raw("""
                    INSERT INTO snapshot_person (snapshot_id, person_id, household_id, regency_code, village_code, desil, birth_date, resident_status)
                    SELECT \(bind: id), p.id, p.household_id, p.regency_code, p.village_code, h.desil, p.birth_date, p.resident_status
                    FROM person p JOIN household h ON h.regency_code = p.regency_code AND h.id = p.household_id
                    """).run()
                try await SnapshotEnrolments.freeze(db, snapshot: id)
                let resident = Self.resident("snapshot_person")
                try await db.raw("""
                    UPDATE snapshot SET
                      villages = (SELECT COUNT(*) FROM snapshot_village WHERE snapshot_id = \(bind: id)),
                      people = (SELECT COUNT(*) FROM snapshot_person WHERE snapshot_id = \(bind: id) AND \(unsafeRaw: resident)),
                      families = (SELECT COUNT(DISTINCT household_id) FROM snapshot_person WHERE snapshot_id = \(bind: id) AND \(unsafeRaw: resident)),
                      last_batch_id = (SELECT MAX(id) FROM import_batch WHERE status = 'done' AND dry_run = \(bind: false))
                    WHERE id = \(bind: id)
                    """).run()
                guard let row = try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM snapshot WHERE id = \(bind: id)").first() else {
                    throw StoreError.queryFailed(reason: "the new snapshot vanished")
                }
                return try Snapshot(row: row)
            }
        } catch where DatabaseBusy.matches(error) {
            // SQLite: an import's final step held the write lock (this process's or another's) for the whole wait.
            throw MonitoringProblem.importRunning
        }
    }

    /// Every snapshot, oldest date first (then in the order made).
    public func list() async throws -> [Snapshot] {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM snapshot ORDER BY as_of, id").all().map(Snapshot.init(row:))
        }
    }

    /// The snapshot named `name`.
    public func snapshot(named name: String) async throws -> Snapshot {
        let found = try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM snapshot WHERE name = \(bind: name)").first().map(Snapshot.init(row:))
        }
        guard let found else { throw MonitoringProblem.snapshotUnknown(name) }
        return found
    }

    /// The frozen tallies of every village at or below `code` in `snapshot`, read as `VillageAggregateStore` reads today's.
    public func tallies(of snapshot: Snapshot, within code: RegionCode) async throws -> [RegionCode: RegionTally] {
        guard snapshot.tallyFormat == RegionTally.format else {
            throw MonitoringProblem.snapshotFormatDiffers(name: snapshot.name, stored: snapshot.tallyFormat, current: RegionTally.format)
        }
        let rows = try await database.read { db in
            try await db.raw("""
                SELECT village_code, CAST(tally AS TEXT) AS tally FROM snapshot_village
                WHERE snapshot_id = \(bind: snapshot.id) AND \(RegionSQL.atOrBelow("village_code", code))
                """).all()
        }
        let decoder = JSONDecoder()
        var tallies: [RegionCode: RegionTally] = [:]
        for row in rows {
            let village = try RegionCode(try row.decode(column: "village_code", as: String.self))
            tallies[village] = try decoder.decode(RegionTally.self, from: Data(try row.decode(column: "tally", as: String.self).utf8))
        }
        return tallies
    }

    // MARK: Release diff

    /// The SQL test of a resident person of `alias` (a joined row that exists, alive or a new member; no status read as alive).
    static func resident(_ alias: String) -> String {
        let codes = ResidentStatus.allCases.filter(\.countsAsResident).map { String($0.rawValue) }.joined(separator: ", ")
        return "(\(alias).person_id IS NOT NULL AND COALESCE(\(alias).resident_status, \(ResidentStatus.alive.rawValue)) IN (\(codes)))"
    }

    /// The release diff from `a` to `b` at `level` (definitions: `RegionChange`), counted by the database in three
    /// passes over the snapshots' person rows: people joined on the record id both ways, families (the residents'
    /// registry family id) joined on that id. Memory stays flat at any size.
    public func diff(from a: Snapshot, to b: Snapshot, level: DiffLevel, within scope: RegionCode? = nil,
                     byProgramme: Bool = false) async throws -> ReleaseDiff {
        let length = String(level.codeLength)
        let dialect = SchemaDialect(engine: database.engine)
        let residentA = Self.resident("a"), residentB = Self.resident("b")
        let dead = String(ResidentStatus.dead.rawValue)
        func region(_ alias: String) -> String { "substr(\(alias).village_code, 1, \(length))" }
        let bornAfter: SQLQueryString = dialect.engine == .postgres ? "b.birth_date > CAST(\(bind: a.date) AS DATE)" : "b.birth_date > \(bind: a.date)"
        let query: SQLQueryString = """
            SELECT region, SUM(entered1) AS entered1, SUM(left1) AS left1, SUM(entered14) AS entered14, SUM(left14) AS left14,
                   SUM(births) AS births, SUM(deaths) AS deaths, SUM(moved_in) AS moved_in, SUM(moved_out) AS moved_out
            FROM (
              SELECT \(unsafeRaw: region("b")) AS region,
                0 AS entered1, 0 AS left1, 0 AS entered14, 0 AS left14,
                CASE WHEN a.person_id IS NULL AND \(bornAfter) THEN 1 ELSE 0 END AS births,
                0 AS deaths,
                CASE WHEN \(unsafeRaw: residentA) AND \(unsafeRaw: region("a")) <> \(unsafeRaw: region("b")) THEN 1 ELSE 0 END AS moved_in,
                0 AS moved_out
              FROM snapshot_person b LEFT JOIN snapshot_person a ON a.snapshot_id = \(bind: a.id) AND a.person_id = b.person_id
              WHERE b.snapshot_id = \(bind: b.id) AND \(unsafeRaw: residentB)
              UNION ALL
              SELECT \(unsafeRaw: region("a")) AS region,
                0 AS entered1, 0 AS left1, 0 AS entered14, 0 AS left14,
                0 AS births,
                CASE WHEN b.person_id IS NULL OR b.resident_status = \(unsafeRaw: dead) THEN 1 ELSE 0 END AS deaths,
                0 AS moved_in,
                CASE WHEN \(unsafeRaw: residentB) AND \(unsafeRaw: region("a")) <> \(unsafeRaw: region("b")) THEN 1 ELSE 0 END AS moved_out
              FROM snapshot_person a LEFT JOIN snapshot_person b ON b.snapshot_id = \(bind: b.id) AND b.person_id = a.person_id
              WHERE a.snapshot_id = \(bind: a.id) AND \(unsafeRaw: residentA)
              UNION ALL
              SELECT substr(fb.village_code, 1, \(unsafeRaw: length)) AS region,
                CASE WHEN fb.desil = 1 AND (fa.desil IS NULL OR fa.desil <> 1) THEN 1 ELSE 0 END AS entered1,
                CASE WHEN fa.desil = 1 AND (fb.desil IS NULL OR fb.desil <> 1) THEN 1 ELSE 0 END AS left1,
                CASE WHEN fb.desil BETWEEN 1 AND 4 AND (fa.desil IS NULL OR fa.desil > 4) THEN 1 ELSE 0 END AS entered14,
                CASE WHEN fa.desil BETWEEN 1 AND 4 AND (fb.desil IS NULL OR fb.desil > 4) THEN 1 ELSE 0 END AS left14,
                0 AS births, 0 AS deaths, 0 AS moved_in, 0 AS moved_out
              FROM (SELECT b.household_id, MIN(b.desil) AS desil, MIN(b.village_code) AS village_code FROM snapshot_person b
                    WHERE b.snapshot_id = \(bind: b.id) AND \(unsafeRaw: residentB) GROUP BY b.household_id) AS fb
              JOIN (SELECT a.household_id, MIN(a.desil) AS desil FROM snapshot_person a
                    WHERE a.snapshot_id = \(bind: a.id) AND \(unsafeRaw: residentA) GROUP BY a.household_id) AS fa
                ON fa.household_id = fb.household_id
            ) AS events
            GROUP BY region ORDER BY region
            """
        let rows = try await database.read { db in try await db.raw(query).all() }
        var regions: [RegionChange] = []
        for row in rows {
            let code = try row.decode(column: "region", as: String.self)
            if let scope, let parsed = try? RegionCode(code), !scope.contains(parsed) { continue }
            var change = RegionChange(code: code)
            change.enteredDesil1 = try row.decode(column: "entered1", as: Int.self)
            change.leftDesil1 = try row.decode(column: "left1", as: Int.self)
            change.enteredDesil1to4 = try row.decode(column: "entered14", as: Int.self)
            change.leftDesil1to4 = try row.decode(column: "left14", as: Int.self)
            change.births = try row.decode(column: "births", as: Int.self)
            change.deaths = try row.decode(column: "deaths", as: Int.self)
            change.movedIn = try row.decode(column: "moved_in", as: Int.self)
            change.movedOut = try row.decode(column: "moved_out", as: Int.self)
            regions.append(change)
        }
        let counted = regions
        regions = try await database.read { db in
            try await SnapshotEnrolments.add(to: counted, db, from: a.id, to: b.id, level: level, within: scope, byProgramme: byProgramme)
        }
        return ReleaseDiff(from: a.name, to: b.name, level: level, regions: regions)
    }
}
