import Foundation
import LumbungDomain
import SQLKit

/// Writes one import batch into the registry inside one transaction: rows go to staging tables
/// first, then set-based upserts move them into `household` and `person` (families by KK number or
/// source family id, people by valid NIK; people without one are always new records), the batch's
/// issues are stored, and the aggregates of every touched village are recomputed — all or nothing.
///
/// Use through `RegistryStore.importBatch`.
public final class RegistryImport {
    private let db: any SQLDatabase
    private let session: TransactionSession
    private let dialect: SchemaDialect
    private let tree: RegionTree
    public let batchID: Int
    private let asOf: CalendarDate
    private let scope: RegionCode?
    private var familyBuffer: [ImportedFamily] = []
    private var personBuffer: [ImportedPerson] = []

    static let rowsPerStatement = 400

    init(session: TransactionSession, dialect: SchemaDialect, tree: RegionTree, info: ImportBatchInfo) async throws {
        self.session = session
        self.db = session.sql
        self.dialect = dialect
        self.tree = tree
        asOf = info.asOf
        scope = info.scope
        let row = try await db.raw("""
            INSERT INTO import_batch (layout, file_name, sha256, dry_run, status, as_of, region_scope)
            VALUES (\(bind: info.layout), \(bind: info.fileName), \(bind: info.sha256), \(bind: info.dryRun), 'running', \(bind: info.asOf.description),
                    \(bind: info.scope?.dotted))
            RETURNING id
            """).first()
        batchID = try row!.decode(column: "id", as: Int.self)
        try await createStage()
    }

    // MARK: Staging

    private func createStage() async throws {
        let onCommit = dialect.engine == .postgres ? " ON COMMIT DROP" : ""
        for table in ["stage_family", "stage_person"] {
            try await run("DROP TABLE IF EXISTS \(table)")
        }
        try await run("""
            CREATE TEMP TABLE stage_family (row_number INTEGER NOT NULL, regency_code TEXT NOT NULL, village_code TEXT NOT NULL,
              kk_number TEXT, source_family_id TEXT, head_name TEXT, address TEXT, rt TEXT, rw TEXT, desil INTEGER,
              building_ownership INTEGER, floor_area INTEGER, floor INTEGER, wall INTEGER, roof INTEGER, drinking_water INTEGER,
              lighting INTEGER, cooking_fuel INTEGER, defecation_facility INTEGER, toilet_type INTEGER, sewage_disposal INTEGER,
              kept_row INTEGER)\(onCommit)
            """)
        try await run("""
            CREATE TEMP TABLE stage_person (row_number INTEGER NOT NULL, family_kk TEXT, family_source TEXT, village_code TEXT,
              regency_code TEXT, household_id \(dialect.bigint), nik TEXT, nik_status TEXT NOT NULL, full_name TEXT NOT NULL,
              sex INTEGER, birth_date TEXT, birth_place TEXT, relationship INTEGER, marital_status INTEGER, education INTEGER,
              occupation TEXT, mother_name TEXT, disability INTEGER, pregnant \(dialect.boolean), chronic_illness INTEGER,
              school_participation INTEGER, health_insurance INTEGER, needs_verification \(dialect.boolean) NOT NULL,
              kept_row INTEGER)\(onCommit)
            """)
    }

    /// Adds families to the batch (written in bulk).
    public func add(families: [ImportedFamily]) async throws {
        familyBuffer += families
        if familyBuffer.count >= Self.rowsPerStatement * 10 { try await flushFamilies() }
    }

    /// Adds people to the batch (written in bulk).
    public func add(people: [ImportedPerson]) async throws {
        personBuffer += people
        if personBuffer.count >= Self.rowsPerStatement * 10 { try await flushPeople() }
    }

    static let familyColumns = [
        "row_number", "regency_code", "village_code", "kk_number", "source_family_id", "head_name", "address", "rt", "rw", "desil",
        "building_ownership", "floor_area", "floor", "wall", "roof", "drinking_water", "lighting", "cooking_fuel",
        "defecation_facility", "toilet_type", "sewage_disposal",
    ]

    static let personColumns = [
        "row_number", "family_kk", "family_source", "village_code", "nik", "nik_status", "full_name", "sex", "birth_date",
        "birth_place", "relationship", "marital_status", "education", "occupation", "mother_name", "disability", "pregnant",
        "chronic_illness", "school_participation", "health_insurance", "needs_verification",
    ]

    private func flushFamilies() async throws {
        let rows: [[CopyWriter.Value]] = familyBuffer.map { family in
            let h = family.household, housing = h.housing
            let kk: String? = if case .kk(let number) = family.key { number } else { nil }
            let source: String? = if case .source(let id) = family.key { id } else { nil }
            return [.int(family.row), .text(h.villageCode.regency!.dotted), .text(h.villageCode.dotted), .init(kk), .init(source),
                    .init(h.headName), .init(h.address), .init(h.rt), .init(h.rw), .init(h.desil), .init(housing.buildingOwnership?.code),
                    .init(housing.floorArea), .init(housing.floor?.code), .init(housing.wall?.code), .init(housing.roof?.code),
                    .init(housing.drinkingWater?.code), .init(housing.lighting?.code), .init(housing.cookingFuel?.code),
                    .init(housing.defecationFacility?.code), .init(housing.toiletType?.code), .init(housing.sewageDisposal?.code)]
        }
        familyBuffer.removeAll(keepingCapacity: true)
        try await stage(rows, into: "stage_family", columns: Self.familyColumns)
    }

    private func flushPeople() async throws {
        let rows: [[CopyWriter.Value]] = personBuffer.map { imported in
            let p = imported.person
            let kk: String? = if case .kk(let number) = imported.family { number } else { nil }
            let source: String? = if case .source(let id) = imported.family { id } else { nil }
            return [.int(imported.row), .init(kk), .init(source), .init(imported.village?.dotted), .init(p.nik),
                    .text(p.nikStatus.rawValue), .text(p.name), .init(p.sex?.code),
                    .init(p.birthDate?.description), .init(p.birthPlace), .init(p.relationship?.code), .init(p.maritalStatus?.code),
                    .init(p.education?.code), .init(p.occupation), .init(p.motherName), .init(p.disability?.code), .bool(p.pregnant),
                    .init(p.chronicIllness), .init(p.schoolParticipation?.code), .init(p.healthInsurance?.rawValue),
                    .bool(p.needsVerification)]
        }
        personBuffer.removeAll(keepingCapacity: true)
        try await stage(rows, into: "stage_person", columns: Self.personColumns)
    }

    /// COPY on PostgreSQL; multi-row INSERTs of bound values on SQLite.
    private func stage(_ rows: [[CopyWriter.Value]], into table: String, columns: [String]) async throws {
        if let connection = session.postgres {
            try await CopyWriter.copy(rows, into: table, columns: columns, on: connection)
        } else if let connection = session.sqlite {
            try await SQLiteBulkWriter.insert(rows, into: table, columns: columns, perStatement: Self.rowsPerStatement, on: connection)
        }
    }

    // MARK: Moving into the registry

    /// Upserts everything staged, records the issues and recomputes the touched villages' aggregates.
    ///
    /// - Parameter rowsArePeople: whether each row is a person (SIKS-NG, member files): then rows are
    ///   counted by their person, and several people sharing one family is no duplication.
    public func finish(issues: [StoredIssue], counts: BatchCounts, rowsArePeople: Bool) async throws -> WriteOutcome {
        try await flushFamilies()
        try await flushPeople()
        var outcome = WriteOutcome()
        outcome.batchID = batchID
        var families = WriteOutcome()
        try await upsertFamilies(&families)
        if !rowsArePeople { outcome = families }
        outcome.batchID = batchID
        try await upsertPeople(&outcome)
        var allIssues = issues
        allIssues += outcome.familyNotFound.map { StoredIssue(.familyNotFound(row: $0), rawRow: nil) }
        allIssues += outcome.merged.map { StoredIssue(.duplicateInFile(row: $0.row, keptRow: $0.into), rawRow: nil) }
        try await BulkInsert.rows(db, into: "import_issue", columns: ["batch_id", "row_number", "column_name", "raw_value", "severity", "code", "message", "raw_row"],
                                  allIssues.map { [batchID, $0.issue.row, $0.issue.column, $0.issue.value, $0.issue.severity.rawValue,
                                                   $0.issue.code, $0.issue.message, $0.rawRow] },
                                  perStatement: 200, casts: dialect.engine == .postgres ? ["raw_row": "jsonb"] : [:])
        outcome.villagesTouched = try await VillageAggregates(db: db, dialect: dialect, tree: tree, asOf: asOf).refresh(batchID: batchID)
        try await db.raw("""
            UPDATE import_batch SET status = 'done', rows_read = \(bind: counts.read), rows_imported = \(bind: outcome.inserted),
              rows_updated = \(bind: outcome.updated), rows_warned = \(bind: counts.warned),
              rows_rejected = \(bind: counts.rejected + outcome.familyNotFound.count), rows_unchanged = \(bind: outcome.merged.count),
              finished_at = \(unsafeRaw: dialect.now)
            WHERE id = \(bind: batchID)
            """).run()
        if dialect.engine == .sqlite {
            try await db.raw("DROP TABLE stage_family").run()
            try await db.raw("DROP TABLE stage_person").run()
        }
        return outcome
    }

    /// Gives every staged row with a key the row number of the last row with the same key (the one kept),
    /// so that repeats within the file merge into one record.
    ///
    /// - Parameter extra: a further condition on the table's own columns, given the name to qualify them with.
    private func markKeptRows(_ table: String, key: String, extra: (String) -> String = { _ in "TRUE" }) async throws {
        try await run("""
            UPDATE \(table) SET kept_row = latest.row_number
            FROM (SELECT regency_code, \(key), MAX(row_number) AS row_number FROM \(table) t
                  WHERE \(key) IS NOT NULL AND \(extra("t")) GROUP BY regency_code, \(key)) AS latest
            WHERE \(table).\(key) = latest.\(key) AND \(table).regency_code = latest.regency_code
              AND \(extra(table))
            """)
    }

    private func upsertFamilies(_ outcome: inout WriteOutcome) async throws {
        if dialect.engine == .postgres { try await run("ANALYZE stage_family") }
        for (key, conflict) in [("kk_number", "(regency_code, kk_number) WHERE kk_number IS NOT NULL"),
                                ("source_family_id", "(regency_code, source_family_id) WHERE source_family_id IS NOT NULL")] {
            try await markKeptRows("stage_family", key: key)
            let merged = try await rows("""
                SELECT row_number, kept_row FROM stage_family WHERE \(key) IS NOT NULL AND kept_row <> row_number ORDER BY row_number
                """)
            outcome.merged += try merged.map { (try $0.decode(column: "row_number", as: Int.self), try $0.decode(column: "kept_row", as: Int.self)) }
            let kept = "\(key) IS NOT NULL AND kept_row = row_number"
            let existing = try await count("""
                SELECT COUNT(*) AS n FROM stage_family s JOIN household h ON h.regency_code = s.regency_code AND h.\(key) = s.\(key)
                WHERE s.\(key) IS NOT NULL AND s.kept_row = s.row_number
                """)
            let total = try await count("SELECT COUNT(*) AS n FROM stage_family WHERE \(kept)")
            outcome.updated += existing
            outcome.inserted += total - existing
            let columns = ["village_code", "head_name", "address", "rt", "rw", "desil", "building_ownership", "floor_area", "floor", "wall",
                           "roof", "drinking_water", "lighting", "cooking_fuel", "defecation_facility", "toilet_type", "sewage_disposal"]
            let updates = (columns + ["last_batch_id"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            try await run("""
                INSERT INTO household (regency_code, kk_number, source_family_id, \(columns.joined(separator: ", ")), first_batch_id, last_batch_id)
                SELECT regency_code, kk_number, source_family_id, \(columns.joined(separator: ", ")), \(batchID), \(batchID)
                FROM stage_family WHERE \(kept)
                ON CONFLICT \(conflict) DO UPDATE SET \(updates), last_seen_at = \(dialect.now)
                """)
        }
    }

    private func upsertPeople(_ outcome: inout WriteOutcome) async throws {
        if dialect.engine == .postgres { try await run("ANALYZE stage_person") }
        for (key, column) in [("family_kk", "kk_number"), ("family_source", "source_family_id")] {
            var villageMatch = key == "family_source" ? " AND (stage_person.village_code IS NULL OR h.village_code = stage_person.village_code)" : ""
            // The scope is a region code (digits and dots only), so it is safe to write into the statement.
            if let scope { villageMatch += " AND (h.village_code = '\(scope.dotted)' OR h.village_code LIKE '\(scope.dotted).%')" }
            try await run("""
                UPDATE stage_person SET household_id = h.id, regency_code = h.regency_code, village_code = h.village_code
                FROM household h WHERE stage_person.\(key) IS NOT NULL AND h.\(column) = stage_person.\(key)\(villageMatch)
                """)
        }
        outcome.familyNotFound = try await rows("SELECT row_number FROM stage_person WHERE household_id IS NULL ORDER BY row_number")
            .map { try $0.decode(column: "row_number", as: Int.self) }
        // Statistics again now that households are resolved, or PostgreSQL plans the joins below as nested loops.
        if dialect.engine == .postgres { try await run("ANALYZE stage_person") }
        try await markKeptRows("stage_person", key: "nik") { "\($0).household_id IS NOT NULL" }
        let merged = try await rows("SELECT row_number, kept_row FROM stage_person WHERE kept_row <> row_number ORDER BY row_number")
        outcome.merged += try merged.map { (try $0.decode(column: "row_number", as: Int.self), try $0.decode(column: "kept_row", as: Int.self)) }
        let existing = try await count("""
            SELECT COUNT(*) AS n FROM stage_person s JOIN person p ON p.regency_code = s.regency_code AND p.nik = s.nik AND p.nik_status = 'valid'
            WHERE s.kept_row = s.row_number
            """)
        let withNIK = try await count("SELECT COUNT(*) AS n FROM stage_person WHERE kept_row = row_number")
        let withoutNIK = try await count("SELECT COUNT(*) AS n FROM stage_person WHERE nik IS NULL AND household_id IS NOT NULL")
        outcome.updated += existing
        outcome.inserted += withNIK - existing + withoutNIK
        let columns = ["household_id", "village_code", "full_name", "sex", "birth_date", "birth_place", "relationship", "marital_status",
                       "education", "occupation", "mother_name", "disability", "pregnant", "chronic_illness", "school_participation", "health_insurance"]
        let selected = columns.map { $0 == "birth_date" && dialect.engine == .postgres ? "CAST(birth_date AS DATE)" : $0 }
        let updates = (columns + ["last_batch_id"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await run("""
            INSERT INTO person (regency_code, nik, nik_status, needs_verification, \(columns.joined(separator: ", ")), first_batch_id, last_batch_id)
            SELECT regency_code, nik, nik_status, needs_verification, \(selected.joined(separator: ", ")), \(batchID), \(batchID)
            FROM stage_person WHERE household_id IS NOT NULL AND (nik IS NULL OR kept_row = row_number)
            ON CONFLICT (regency_code, nik) WHERE nik_status = 'valid' DO UPDATE SET \(updates), last_seen_at = \(dialect.now)
            """)
        try await run("""
            INSERT INTO person_batch (person_id, regency_code, batch_id) SELECT id, regency_code, \(batchID) FROM person WHERE last_batch_id = \(batchID)
            """)
    }

    private func count(_ sql: String) async throws -> Int {
        try await rows(sql).first?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Runs SQL assembled from this file's own identifiers and numbers (never from user text: values are bound).
    private func run(_ sql: String) async throws {
        try await db.raw(SQLQueryString(sql)).run()
    }

    private func rows(_ sql: String) async throws -> [any SQLRow] {
        try await db.raw(SQLQueryString(sql)).all()
    }
}

/// Row counts the reader knows (the writer adds what only the database knows).
public struct BatchCounts: Sendable {
    public let read: Int
    public let warned: Int
    public let rejected: Int

    public init(read: Int, warned: Int, rejected: Int) {
        self.read = read
        self.warned = warned
        self.rejected = rejected
    }
}
