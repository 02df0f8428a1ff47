import Foundation
import LumbungDomain
import SQLKit

/// Writes one import batch into the registry inside one transaction, set-based:
///
/// 1. rows go to staging tables (COPY on PostgreSQL, multi-row INSERTs on SQLite): family rows, and the
///    family columns every person row carries, in `stage_family`; people in `stage_person`;
/// 2. the rows of one family (same No. KK, or source family id) are merged — the family row first, then the
///    head's row, then the first member's — and rows that disagree are reported; a member whose desa
///    contradicts the family's is refused;
/// 3. families are matched to the registry by No. KK, by source id, and for sources without KK numbers
///    (P3KE) through their members' NIKs or the head's name and birth date, before a new one is made;
/// 4. people are matched by NIK, and people without one by family, name and birth date;
/// 5. a source writes only the fields it carries: an empty or absent column never erases a stored value;
/// 6. the batch's issues are stored and the aggregates of every touched village recomputed — all or nothing.
///
/// Steps 1 and 2 touch only TEMP tables (`add`, `prepare`): on SQLite they run outside any transaction, so other
/// writers never wait for them; `finish` (steps 3 to 6) runs in the one write transaction that makes the batch visible.
///
/// Use through `RegistryStore.importBatch`.
public final class RegistryImport {
    private let db: any SQLDatabase
    private let session: TransactionSession
    private let dialect: SchemaDialect
    private let tree: RegionTree
    /// The batch's id, known once `finish` has begun: the batch row is written with the registry, not before.
    public private(set) var batchID = 0
    private let info: ImportBatchInfo
    private let asOf: CalendarDate
    private let scope: RegionCode?
    /// The web job this batch is written for (`ImportBatchInfo.jobID`).
    private let jobID: String?
    private var familyBuffer: [ImportedFamily] = []
    private var personBuffer: [ImportedPerson] = []
    /// Sheet position → name, for the rows of multi-sheet workbooks in issues.
    public var sheetNames: [Int: String] = [:]
    /// Per sheet, the headers of the columns that name a row's desa, relationship to the head and family (No. KK or
    /// family id), so that issues found here name the column as the file spells it.
    public var columnNames: [Int: ColumnNames] = [:]

    public struct ColumnNames: Sendable {
        public let village: String?
        public let relationship: String?
        public let family: String?

        public init(village: String?, relationship: String?, family: String?) {
            self.village = village
            self.relationship = relationship
            self.family = family
        }
    }

    /// Families some of whose rows the reader rejected: a missing head there is the rejection's consequence, already reported.
    public var familiesWithRejectedRows = Set<FamilyKey>()

    static let rowsPerStatement = 400

    init(session: TransactionSession, dialect: SchemaDialect, tree: RegionTree, info: ImportBatchInfo) async throws {
        self.session = session
        self.db = session.sql
        self.dialect = dialect
        self.tree = tree
        self.info = info
        asOf = info.asOf
        scope = info.scope
        jobID = info.jobID
        try await ImportLock.holdShared(db, engine: dialect.engine)
        try await createStage()
    }

    // MARK: Staging

    static let familyFields = [
        "head_name", "address", "rt", "rw", "dusun", "desil", "building_ownership", "floor_area", "floor", "wall", "roof", "drinking_water",
        "lighting", "cooking_fuel", "defecation_facility", "toilet_type", "sewage_disposal",
    ]

    static let personFields = [
        "full_name", "sex", "birth_date", "birth_place", "relationship", "marital_status", "education", "occupation", "mother_name", "disability",
        "pregnant", "chronic_illness", "school_participation", "health_insurance", "religion", "resident_status", "stated_age", "stated_age_on",
    ]

    private func createStage() async throws {
        let onCommit = dialect.engine == .postgres ? " ON COMMIT DROP" : ""
        for table in ["stage_family", "stage_person", "merged_family", "nik_match"] {
            try await run("DROP TABLE IF EXISTS \(table)")
        }
        try await run("""
            CREATE TEMP TABLE stage_family (row_number \(dialect.bigint) NOT NULL, family_key TEXT NOT NULL, kk_number TEXT, source_family_id TEXT,
              regency_code TEXT, village_code TEXT, row_rank INTEGER NOT NULL, head_name TEXT, address TEXT, rt TEXT, rw TEXT, dusun TEXT,
              desil INTEGER, building_ownership INTEGER, floor_area INTEGER, floor INTEGER, wall INTEGER, roof INTEGER, drinking_water INTEGER,
              lighting INTEGER, cooking_fuel INTEGER, defecation_facility INTEGER, toilet_type INTEGER, sewage_disposal INTEGER,
              kept_row \(dialect.bigint))\(onCommit)
            """)
        try await run("""
            CREATE TEMP TABLE stage_person (row_number \(dialect.bigint) NOT NULL, family_key TEXT NOT NULL, row_village TEXT,
              regency_code TEXT, village_code TEXT, household_id \(dialect.bigint), person_id \(dialect.bigint), old_regency TEXT, old_village TEXT,
              nik TEXT, nik_status TEXT NOT NULL, name_key TEXT NOT NULL, full_name TEXT NOT NULL, sex INTEGER, birth_date TEXT, birth_place TEXT,
              relationship INTEGER, marital_status INTEGER, education INTEGER, occupation TEXT, mother_name TEXT, disability INTEGER,
              pregnant \(dialect.boolean), chronic_illness INTEGER, school_participation INTEGER, health_insurance INTEGER, religion INTEGER,
              resident_status INTEGER, stated_age INTEGER, stated_age_on TEXT, needs_verification \(dialect.boolean) NOT NULL,
              match_key TEXT, kept_row \(dialect.bigint), changed INTEGER)\(onCommit)
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

    static let familyColumns = ["row_number", "family_key", "kk_number", "source_family_id", "regency_code", "village_code", "row_rank"] + familyFields

    static let personColumns = [
        "row_number", "family_key", "row_village", "nik", "nik_status", "name_key", "needs_verification",
    ] + personFields

    static func familyKey(_ key: FamilyKey) -> String {
        switch key {
        case .kk(let number): "k:" + number
        case .source(let id): "s:" + id
        }
    }

    /// A name compared without case and with single spaces (people without a NIK are matched by it).
    static func nameKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private func flushFamilies() async throws {
        let rows: [[CopyWriter.Value]] = familyBuffer.map { family in
            let h = family.household, housing = h.housing
            return [.int(family.row), .text(Self.familyKey(family.key)), .init(family.key.kk), .init(family.key.source),
                    .init(family.village?.regency?.dotted), .init(family.village?.dotted), .int(family.rank.rawValue),
                    .init(h.headName), .init(h.address), .init(h.rt), .init(h.rw), .init(family.dusun), .init(h.desil),
                    .init(housing.buildingOwnership?.code), .init(housing.floorArea), .init(housing.floor?.code), .init(housing.wall?.code),
                    .init(housing.roof?.code), .init(housing.drinkingWater?.code), .init(housing.lighting?.code), .init(housing.cookingFuel?.code),
                    .init(housing.defecationFacility?.code), .init(housing.toiletType?.code), .init(housing.sewageDisposal?.code)]
        }
        familyBuffer.removeAll(keepingCapacity: true)
        try await stage(rows, into: "stage_family", columns: Self.familyColumns)
    }

    private func flushPeople() async throws {
        let rows: [[CopyWriter.Value]] = personBuffer.map { imported in
            let p = imported.person
            // Only a pregnancy that is stated is written: "not pregnant" from a file without the column must not erase one.
            return [.int(imported.row), .text(Self.familyKey(imported.family)), .init(imported.village?.dotted), .init(p.nik),
                    .text(p.nikStatus.rawValue), .text(Self.nameKey(p.name)), .bool(p.needsVerification),
                    .text(p.name), .init(p.sex?.code), .init(p.birthDate?.description), .init(p.birthPlace), .init(p.relationship?.code),
                    .init(p.maritalStatus?.code), .init(p.education?.code), .init(p.occupation), .init(p.motherName), .init(p.disability?.code),
                    p.pregnant ? .bool(true) : .null, .init(p.chronicIllness), .init(p.schoolParticipation?.code), .init(p.healthInsurance?.rawValue),
                    .init(p.religion?.code), .init(p.residentStatus?.code), .init(p.statedAge?.years), .init(p.statedAge?.on.description)]
        }
        personBuffer.removeAll(keepingCapacity: true)
        try await stage(rows, into: "stage_person", columns: Self.personColumns)
    }

    /// COPY on PostgreSQL; multi-row INSERTs of bound values on SQLite.
    private func stage(_ rows: [[CopyWriter.Value]], into table: String, columns: [String]) async throws {
        guard !rows.isEmpty else { return }
        if let connection = session.postgres {
            try await CopyWriter.copy(rows, into: table, columns: columns, on: connection)
        } else if let connection = session.sqlite {
            try await SQLiteBulkWriter.insert(rows, into: table, columns: columns, perStatement: Self.rowsPerStatement, on: connection)
        }
    }

    // MARK: Moving into the registry

    /// The work on staged rows alone, before the write transaction: the last rows are flushed, the staging tables
    /// indexed, each family's rows chosen and merged (and their conflicts reported).
    public func prepare() async throws {
        try await flushFamilies()
        try await flushPeople()
        for statement in ["CREATE INDEX stage_family_key ON stage_family (family_key)", "CREATE INDEX stage_family_row ON stage_family (row_number)",
                          "CREATE INDEX stage_person_key ON stage_person (family_key)", "CREATE INDEX stage_person_row ON stage_person (row_number)",
                          "CREATE INDEX stage_person_nik ON stage_person (nik)"] {
            try await run(statement)
        }
        if dialect.engine == .postgres { try await run("ANALYZE stage_family"); try await run("ANALYZE stage_person") }
        try await chooseFamilyRows(&prepared)
        try await mergeFamilies(&prepared)
        isPrepared = true
    }

    /// What `prepare` found (merged and refused rows), carried into `finish`.
    private var prepared = WriteOutcome()
    private var isPrepared = false

    /// Writes the batch: matches and writes everything staged, records the issues and recomputes the touched
    /// villages' aggregates. Runs inside the write transaction (`ImportSession.commit`), after `prepare`.
    public func finish(issues: [StoredIssue], counts: BatchCounts) async throws -> WriteOutcome {
        if !isPrepared { try await prepare() }
        guard let row = try await db.raw("""
            INSERT INTO import_batch (layout, file_name, sha256, dry_run, status, as_of, region_scope)
            VALUES (\(bind: info.layout), \(bind: info.fileName), \(bind: info.sha256), \(bind: info.dryRun), 'running', \(bind: info.asOf.description),
                    \(bind: info.scope?.dotted))
            RETURNING id
            """).first() else { throw StoreError.queryFailed(reason: "the new import batch has no id") }
        batchID = try row.decode(column: "id", as: Int.self)
        var outcome = prepared
        outcome.batchID = batchID
        var villages = try await matchFamilies(&outcome)
        villages += try await writeFamilies(&outcome)
        villages += try await writePeople(&outcome)
        try await checkHeads(&outcome)

        var allIssues = issues
        allIssues += outcome.refused.map { StoredIssue($0, rawRow: nil) }
        allIssues += outcome.warnings.map { StoredIssue($0, rawRow: nil) }
        outcome.mergedIssues = outcome.merged.map { merge in
            let sheet = ImportedRowID.sheet(of: merge.row), keptSheet = ImportedRowID.sheet(of: merge.into)
            let row = ImportedRowID.row(of: merge.row), kept = ImportedRowID.row(of: merge.into)
            guard sheet != keptSheet else { return .duplicateInFile(row: row, keptRow: kept, sheet: sheetNames[sheet]) }
            return ImportIssue(row: row, sheet: sheetNames[sheet], column: nil, value: nil, severity: .warning, code: "joined_across_sheets",
                               message: "Data keluarga baris ini digabung dengan baris \(kept) di lembar \(sheetNames[keptSheet] ?? String(keptSheet + 1)) (No. KK atau ID keluarga yang sama).")
        }
        allIssues += outcome.mergedIssues.map { StoredIssue($0, rawRow: nil) }
        try await BulkInsert.rows(db, into: "import_issue",
                                  columns: ["batch_id", "row_number", "sheet_name", "column_name", "raw_value", "severity", "code", "message", "raw_row"],
                                  allIssues.map { [batchID, $0.issue.row, $0.issue.sheet, $0.issue.column, $0.issue.value, $0.issue.severity.rawValue,
                                                   $0.issue.code, $0.issue.message, $0.rawRow] },
                                  perStatement: 200, casts: dialect.engine == .postgres ? ["raw_row": "jsonb"] : [:])
        outcome.villagesTouched = try await VillageAggregates(db: db, dialect: dialect, tree: tree, asOf: asOf)
            .refresh(batchID: batchID, alsoVillages: Array(Set(villages)))
        try await db.raw("""
            UPDATE import_batch SET status = 'done', rows_read = \(bind: counts.read), rows_imported = \(bind: outcome.inserted),
              rows_updated = \(bind: outcome.updated), rows_warned = \(bind: counts.warned),
              rows_rejected = \(bind: counts.rejected + outcome.refused.count), rows_unchanged = \(bind: outcome.unchanged),
              rows_merged = \(bind: outcome.merged.count), rows_skipped = \(bind: counts.skipped),
              families_inserted = \(bind: outcome.familiesInserted), families_updated = \(bind: outcome.familiesUpdated),
              finished_at = \(unsafeRaw: dialect.now)
            WHERE id = \(bind: batchID)
            """).run()
        if let jobID { try await db.raw("UPDATE import_job SET batch_id = \(bind: batchID) WHERE id = \(bind: jobID)").run() }
        if dialect.engine == .sqlite {
            for table in ["stage_family", "stage_person", "merged_family", "nik_match"] { try await run("DROP TABLE IF EXISTS \(table)") }
        }
        return outcome
    }

    /// The row that speaks for each family: one naming a desa first, then the family row (the last one, when
    /// a family file repeats a family), then the head's row, then the first member's.
    private func chooseFamilyRows(_ outcome: inout WriteOutcome) async throws {
        try await run("""
            UPDATE stage_family SET kept_row = k.kept FROM (
              SELECT row_number AS r, FIRST_VALUE(row_number) OVER (PARTITION BY family_key ORDER BY
                CASE WHEN village_code IS NULL THEN 1 ELSE 0 END, row_rank, CASE WHEN row_rank = 0 THEN -row_number ELSE row_number END) AS kept
              FROM stage_family) AS k
            WHERE stage_family.row_number = k.r
            """)
        // A member whose desa is not the family's: refused, with both desa named.
        let conflicts = try await rows("""
            SELECT s.row_number, s.village_code, k.village_code AS family_village, k.row_number AS family_row FROM stage_family s
            JOIN stage_family k ON k.row_number = s.kept_row
            WHERE s.row_rank > 0 AND s.village_code IS NOT NULL AND k.village_code IS NOT NULL AND s.village_code <> k.village_code
            ORDER BY s.row_number
            """)
        var refusedRows: [Int] = []
        for row in conflicts {
            let id = try row.decode(column: "row_number", as: Int.self)
            let village = try row.decode(column: "village_code", as: String.self), familyVillage = try row.decode(column: "family_village", as: String.self)
            let familyRow = ImportedRowID.row(of: try row.decode(column: "family_row", as: Int.self))
            refusedRows.append(id)
            outcome.refuse(id, issue(id, column: columnNames[ImportedRowID.sheet(of: id)]?.village, value: village, .error, "family_village_conflict",
                                         "Orang ini tercatat di desa \(title(village)), padahal anggota lain keluarganya (No. KK yang sama, baris \(familyRow)) di desa \(title(familyVillage)). Satu KK hanya di satu desa: perbaiki kode desanya atau No. KK-nya."))
        }
        try await delete(rows: refusedRows)
        // Repeats of a family row merge into the kept one.
        let merged = try await rows("""
            SELECT row_number, kept_row FROM stage_family WHERE row_rank = 0 AND kept_row <> row_number ORDER BY row_number
            """)
        outcome.merged += try merged.map { (try $0.decode(column: "row_number", as: Int.self), try $0.decode(column: "kept_row", as: Int.self)) }
    }

    /// One row per family with every field: the kept row's value, else any other row's; rows that disagree are reported.
    private func mergeFamilies(_ outcome: inout WriteOutcome) async throws {
        let values = Self.familyFields.map { "COALESCE(MAX(CASE WHEN row_number = kept_row THEN \($0) END), MAX(\($0))) AS \($0)" }
        let differences = Self.familyFields.map { "COUNT(DISTINCT \($0)) AS n_\($0)" }
        try await run("""
            CREATE TEMP TABLE merged_family\(dialect.engine == .postgres ? " ON COMMIT DROP" : "") AS
            SELECT kept_row, family_key, MAX(kk_number) AS kk_number, MAX(source_family_id) AS source_family_id,
              MAX(CASE WHEN row_number = kept_row THEN village_code END) AS village_code,
              MAX(CASE WHEN row_number = kept_row THEN regency_code END) AS regency_code,
              MIN(row_rank) AS best_rank, MAX(row_rank) AS worst_rank, \(values.joined(separator: ", ")), \(differences.joined(separator: ", ")),
              CAST(NULL AS \(dialect.bigint)) AS household_id, CAST(NULL AS TEXT) AS stored_regency, CAST(NULL AS TEXT) AS stored_village,
              CAST(NULL AS TEXT) AS matched_by, 0 AS changed
            FROM stage_family GROUP BY kept_row, family_key
            """)
        try await run("CREATE INDEX merged_family_key ON merged_family (family_key)")
        if dialect.engine == .postgres { try await run("ANALYZE merged_family") }
        let disagreeing = Self.familyFields.map { "n_\($0) > 1" }.joined(separator: " OR ")
        let found = try await rows("""
            SELECT kept_row, \(Self.familyFields.map { "n_\($0)" }.joined(separator: ", ")) FROM merged_family
            WHERE worst_rank > 0 AND (\(disagreeing)) ORDER BY kept_row LIMIT 5000
            """)
        for row in found {
            let kept = try row.decode(column: "kept_row", as: Int.self)
            let fields = try Self.familyFields.filter { try row.decode(column: "n_\($0)", as: Int.self) > 1 }
            outcome.warnings.append(issue(kept, column: nil, value: fields.joined(separator: ", "), .warning, "family_rows_disagree",
                                          "Baris-baris anggota keluarga ini berisi data keluarga yang berbeda (\(fields.map(Self.fieldLabel).joined(separator: ", "))); dipakai nilai dari baris ini (baris kepala keluarga bila ada). Periksa baris-baris dengan No. KK yang sama."))
        }
    }

    /// Finds each family in the registry: by No. KK, by source id, and — for families of sources without KK
    /// numbers — through their members' NIKs, then the head's name and birth date. Returns villages families left.
    private func matchFamilies(_ outcome: inout WriteOutcome) async throws -> [String] {
        for (column, how) in [("kk_number", "kk"), ("source_family_id", "source")] {
            try await run("""
                UPDATE merged_family SET household_id = h.id, stored_regency = h.regency_code, stored_village = h.village_code, matched_by = '\(how)'
                FROM household h WHERE merged_family.household_id IS NULL AND merged_family.\(column) IS NOT NULL AND h.\(column) = merged_family.\(column)
                """)
        }
        // Sources without KK numbers: the household where the members' NIKs already are, when it is one.
        try await run("""
            CREATE TEMP TABLE nik_match\(dialect.engine == .postgres ? " ON COMMIT DROP" : "") AS
            SELECT m.kept_row, p.regency_code, p.household_id, COUNT(*) AS n FROM merged_family m
            JOIN stage_person s ON s.family_key = m.family_key AND s.nik IS NOT NULL
            JOIN person p ON p.nik = s.nik AND p.nik_status = 'valid'
            JOIN household h ON h.regency_code = p.regency_code AND h.id = p.household_id
            WHERE m.household_id IS NULL AND (m.kk_number IS NULL OR h.kk_number IS NULL)
            GROUP BY m.kept_row, p.regency_code, p.household_id
            """)
        try await run("""
            UPDATE merged_family SET household_id = c.household_id, stored_regency = c.regency_code, matched_by = 'nik'
            FROM (SELECT kept_row, MIN(regency_code) AS regency_code, MIN(household_id) AS household_id FROM nik_match
                  GROUP BY kept_row HAVING COUNT(*) = 1) AS c
            WHERE merged_family.kept_row = c.kept_row
            """)
        for row in try await rows("SELECT kept_row, COUNT(*) AS n FROM nik_match GROUP BY kept_row HAVING COUNT(*) > 1 ORDER BY kept_row LIMIT 5000") {
            let kept = try row.decode(column: "kept_row", as: Int.self), families = try row.decode(column: "n", as: Int.self)
            outcome.warnings.append(issue(kept, column: nil, value: nil, .warning, "family_match_uncertain",
                                          "Anggota keluarga ini sudah terdaftar di \(families) keluarga berbeda di registri, jadi tidak dapat dipastikan keluarga mana yang dimaksud: dicatat sebagai keluarga baru. Periksa dan gabungkan bila perlu."))
        }
        // Still unmatched and no NIK helped: the head's name and birth date, in the same desa.
        let headDate = staged("birth_date", table: "s")
        try await run("""
            UPDATE merged_family SET household_id = c.household_id, stored_regency = c.regency_code, matched_by = 'head'
            FROM (SELECT m.kept_row, MIN(p.regency_code) AS regency_code, MIN(p.household_id) AS household_id FROM merged_family m
                  JOIN stage_person s ON s.family_key = m.family_key AND s.relationship = 1 AND s.birth_date IS NOT NULL
                  JOIN person p ON p.village_code = m.village_code AND p.relationship = 1 AND p.birth_date = \(headDate)
                   AND LOWER(p.full_name) = s.name_key
                  WHERE m.household_id IS NULL AND m.kk_number IS NULL AND m.village_code IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM nik_match x WHERE x.kept_row = m.kept_row)
                  GROUP BY m.kept_row HAVING COUNT(DISTINCT p.household_id) = 1) AS c
            WHERE merged_family.kept_row = c.kept_row
            """)
        try await run("""
            UPDATE merged_family SET stored_village = h.village_code FROM household h
            WHERE merged_family.stored_village IS NULL AND merged_family.household_id IS NOT NULL
              AND h.regency_code = merged_family.stored_regency AND h.id = merged_family.household_id
            """)
        for row in try await rows("SELECT kept_row FROM merged_family WHERE matched_by = 'nik' OR matched_by = 'head' ORDER BY kept_row LIMIT 5000") {
            let kept = try row.decode(column: "kept_row", as: Int.self)
            outcome.warnings.append(issue(kept, column: nil, value: nil, .warning, "family_matched_by_members",
                                          "Keluarga ini tidak punya No. KK; dikenali sebagai keluarga yang sudah ada di registri lewat NIK anggotanya (atau nama dan tanggal lahir kepala keluarga), sehingga tidak dicatat dua kali."))
        }
        // Families stored outside the uploader's region, and new families with no desa: refused.
        var refusedFamilies: [(kept: Int, code: String, message: String)] = []
        if let scope {
            for row in try await db.raw("""
                SELECT kept_row FROM merged_family WHERE household_id IS NOT NULL AND NOT \(RegionSQL.atOrBelow("stored_village", scope))
                """).all() {
                refusedFamilies.append((try row.decode(column: "kept_row", as: Int.self), "out_of_scope",
                                        "Keluarga ini terdaftar di luar wilayah kerja Anda (\(scope.dotted)); baris ini tidak diimpor."))
            }
        }
        for row in try await rows("SELECT kept_row FROM merged_family WHERE household_id IS NULL AND village_code IS NULL") {
            refusedFamilies.append((try row.decode(column: "kept_row", as: Int.self), "family_not_found",
                                    "Keluarga ini (No. KK atau ID keluarga) belum ada di registri dan barisnya tidak menyebut desa: impor berkas keluarganya lebih dulu, tambahkan kolom kode desa, atau pilih desanya saat mengimpor."))
        }
        // A family that moves to a desa of another kabupaten/kota keeps its stored desa, and says so.
        for row in try await rows("""
            SELECT kept_row, village_code, stored_village FROM merged_family
            WHERE household_id IS NOT NULL AND village_code IS NOT NULL AND stored_regency <> regency_code
            """) {
            let kept = try row.decode(column: "kept_row", as: Int.self)
            outcome.warnings.append(issue(kept, column: nil, value: try row.decode(column: "village_code", as: String.self), .warning, "family_other_regency",
                                          "Keluarga ini terdaftar di \(title(try row.decode(column: "stored_village", as: String.self))); pindah antarkabupaten/kota tidak dilakukan lewat impor, desa lamanya tetap dipakai."))
        }
        try await run("UPDATE merged_family SET village_code = stored_village, regency_code = stored_regency WHERE household_id IS NOT NULL AND (village_code IS NULL OR stored_regency <> regency_code)")
        if !refusedFamilies.isEmpty {
            let kept = refusedFamilies.map(\.kept)
            let messages = Dictionary(refusedFamilies.map { ($0.kept, ($0.code, $0.message)) }, uniquingKeysWith: { a, _ in a })
            var rowsOfFamily: [Int] = []
            for chunk in kept.chunked(500) {
                for row in try await db.raw("SELECT row_number, kept_row FROM stage_family WHERE kept_row IN (\(binds: Array(chunk)))").all() {
                    let id = try row.decode(column: "row_number", as: Int.self), family = try row.decode(column: "kept_row", as: Int.self)
                    rowsOfFamily.append(id)
                    if let (code, message) = messages[family] {
                        outcome.refuse(id, issue(id, column: columnNames[ImportedRowID.sheet(of: id)]?.family, value: nil, .error, code, message))
                    }
                }
                try await db.raw("DELETE FROM merged_family WHERE kept_row IN (\(binds: Array(chunk)))").run()
            }
            try await delete(rows: rowsOfFamily)
            let gone = Set(rowsOfFamily)
            outcome.merged.removeAll { gone.contains($0.row) }
        }
        return try await rows("SELECT DISTINCT stored_village FROM merged_family WHERE household_id IS NOT NULL AND stored_village <> village_code")
            .map { try $0.decode(column: "stored_village", as: String.self) }
    }

    /// Updates matched families field by field (a value the batch lacks keeps the stored one) and inserts new ones.
    private func writeFamilies(_ outcome: inout WriteOutcome) async throws -> [String] {
        let changed = (["village_code"] + Self.familyFields).map {
            "(merged_family.\($0) IS NOT NULL AND \(dialect.isDistinct("merged_family.\($0)", "h.\($0)")))"
        }.joined(separator: " OR ")
        try await run("""
            UPDATE merged_family SET changed = 1 FROM household h
            WHERE h.regency_code = merged_family.regency_code AND h.id = merged_family.household_id AND (\(changed))
            """)
        try await recordSources(kind: "household", fields: Self.familyFields,
                                from: "merged_family m JOIN household h ON h.regency_code = m.regency_code AND h.id = m.household_id",
                                condition: "TRUE", record: "h", new: { "m.\($0)" }, key: { $0 }, &outcome)
        let assignments = (["village_code"] + Self.familyFields).map { "\($0) = COALESCE(m.\($0), household.\($0))" }
            + ["source_family_id = COALESCE(household.source_family_id, m.source_family_id)",
               "kk_number = COALESCE(household.kk_number, m.kk_number)", "last_batch_id = \(batchID)", "last_seen_at = \(dialect.now)"]
        try await run("""
            UPDATE household SET \(assignments.joined(separator: ", "))
            FROM merged_family m WHERE household.regency_code = m.regency_code AND household.id = m.household_id
            """)
        try await run("""
            INSERT INTO household (regency_code, village_code, kk_number, source_family_id, \(Self.familyFields.joined(separator: ", ")), first_batch_id, last_batch_id)
            SELECT regency_code, village_code, kk_number, source_family_id, \(Self.familyFields.joined(separator: ", ")), \(batchID), \(batchID)
            FROM merged_family WHERE household_id IS NULL
            """)
        for column in ["kk_number", "source_family_id"] {
            try await run("""
                UPDATE merged_family SET household_id = h.id, changed = 2 FROM household h
                WHERE merged_family.household_id IS NULL AND merged_family.\(column) IS NOT NULL AND h.regency_code = merged_family.regency_code
                  AND h.\(column) = merged_family.\(column) AND h.first_batch_id = \(batchID)
                """)
        }
        // Counted per family row of family files; families built from person rows are counted apart.
        let familyRows = try await rows("SELECT changed, best_rank, COUNT(*) AS n FROM merged_family GROUP BY changed, best_rank")
        for row in familyRows {
            let changed = try row.decode(column: "changed", as: Int.self), rank = try row.decode(column: "best_rank", as: Int.self)
            let n = try row.decode(column: "n", as: Int.self)
            if rank == 0 {
                switch changed {
                case 2: outcome.inserted += n
                case 1: outcome.updated += n
                default: outcome.unchanged += n
                }
            } else if changed == 2 {
                outcome.familiesInserted += n
            } else if changed == 1 {
                outcome.familiesUpdated += n
            }
        }
        return []
    }

    /// Matches people by NIK (anywhere in the registry), people without one by family, name and birth date,
    /// merges repeats within the file, then updates field by field and inserts the rest.
    private func writePeople(_ outcome: inout WriteOutcome) async throws -> [String] {
        try await run("""
            UPDATE stage_person SET household_id = m.household_id, regency_code = m.regency_code, village_code = m.village_code
            FROM merged_family m WHERE m.family_key = stage_person.family_key
            """)
        let birth = staged("birth_date", table: "stage_person")
        // Repeats within the file: the same NIK, or (without NIK) the same family, name and birth date; the last row is kept.
        try await run("""
            UPDATE stage_person SET match_key = CASE WHEN nik IS NOT NULL THEN nik
              ELSE 'x:' || CAST(household_id AS TEXT) || ':' || name_key || ':' || COALESCE(birth_date, '') END
            """)
        try await run("""
            UPDATE stage_person SET kept_row = k.kept FROM (
              SELECT row_number AS r, MAX(row_number) OVER (PARTITION BY match_key) AS kept FROM stage_person) AS k
            WHERE stage_person.row_number = k.r
            """)
        let merged = try await rows("SELECT row_number, kept_row FROM stage_person WHERE kept_row <> row_number ORDER BY row_number")
        outcome.merged += try merged.map { (try $0.decode(column: "row_number", as: Int.self), try $0.decode(column: "kept_row", as: Int.self)) }
        if dialect.engine == .postgres { try await run("ANALYZE stage_person") }
        // Stored people: by NIK anywhere; without NIK by family, name and birth date.
        try await run("""
            UPDATE stage_person SET person_id = p.id, old_regency = p.regency_code, old_village = p.village_code
            FROM person p WHERE stage_person.nik IS NOT NULL AND stage_person.kept_row = stage_person.row_number
              AND p.nik = stage_person.nik AND p.nik_status = 'valid'
            """)
        try await run("""
            UPDATE stage_person SET person_id = p.id, old_regency = p.regency_code, old_village = p.village_code
            FROM person p WHERE stage_person.nik IS NULL AND stage_person.kept_row = stage_person.row_number AND stage_person.person_id IS NULL
              AND p.regency_code = stage_person.regency_code AND p.household_id = stage_person.household_id
              AND LOWER(p.full_name) = stage_person.name_key AND p.nik IS NULL
              AND (p.birth_date = \(birth) OR (p.birth_date IS NULL AND stage_person.birth_date IS NULL))
            """)
        // Without NIK but the same family, name and birth date as a stored person with one: the same person, said so.
        let sameAsStored = try await rows("""
            SELECT s.row_number FROM stage_person s JOIN person p ON p.regency_code = s.regency_code AND p.household_id = s.household_id
              AND LOWER(p.full_name) = s.name_key AND p.nik IS NOT NULL AND p.birth_date = \(staged("birth_date", table: "s"))
            WHERE s.nik IS NULL AND s.person_id IS NULL AND s.kept_row = s.row_number ORDER BY s.row_number
            """)
        try await run("""
            UPDATE stage_person SET person_id = p.id, old_regency = p.regency_code, old_village = p.village_code
            FROM person p WHERE stage_person.nik IS NULL AND stage_person.kept_row = stage_person.row_number AND stage_person.person_id IS NULL
              AND p.regency_code = stage_person.regency_code AND p.household_id = stage_person.household_id
              AND LOWER(p.full_name) = stage_person.name_key AND p.nik IS NOT NULL AND p.birth_date = \(birth)
            """)
        for row in sameAsStored {
            let id = try row.decode(column: "row_number", as: Int.self)
            outcome.warnings.append(issue(id, column: nil, value: nil, .warning, "person_without_nik_matches",
                                          "Orang tanpa NIK ini punya nama, tanggal lahir dan keluarga yang sama dengan orang yang sudah terdaftar dengan NIK: dianggap orang yang sama dan datanya diperbarui, bukan ditambah."))
        }
        // Someone stored outside the uploader's region is not moved by this upload.
        if let scope {
            let outside = try await db.raw("""
                SELECT row_number FROM stage_person WHERE person_id IS NOT NULL AND NOT \(RegionSQL.atOrBelow("old_village", scope)) ORDER BY row_number
                """).all().map { try $0.decode(column: "row_number", as: Int.self) }
            for id in outside {
                outcome.refuse(id, issue(id, column: nil, value: nil, .error, "out_of_scope",
                                             "Orang dengan NIK ini terdaftar di luar wilayah kerja Anda (\(scope.dotted)); pindah antarwilayah dilakukan oleh admin."))
            }
            for chunk in outside.chunked(500) { try await db.raw("DELETE FROM stage_person WHERE row_number IN (\(binds: Array(chunk)))").run() }
        }
        let changed = (["household_id", "village_code"] + Self.personFields).map { field -> String in
            "(stage_person.\(field) IS NOT NULL AND \(dialect.isDistinct(staged(field, table: "stage_person"), "p.\(field)")))"
        }.joined(separator: " OR ")
        try await run("UPDATE stage_person SET changed = 0 WHERE person_id IS NOT NULL")
        try await run("""
            UPDATE stage_person SET changed = 1 FROM person p
            WHERE p.regency_code = stage_person.old_regency AND p.id = stage_person.person_id AND (\(changed))
            """)
        let kept = "kept_row = row_number"
        outcome.inserted += try await count("SELECT COUNT(*) AS n FROM stage_person WHERE \(kept) AND person_id IS NULL")
        outcome.updated += try await count("SELECT COUNT(*) AS n FROM stage_person WHERE \(kept) AND changed = 1")
        outcome.unchanged += try await count("SELECT COUNT(*) AS n FROM stage_person WHERE \(kept) AND changed = 0")
        let moved = try await rows("SELECT DISTINCT old_village FROM stage_person WHERE person_id IS NOT NULL AND old_village <> village_code")
            .map { try $0.decode(column: "old_village", as: String.self) }
        try await recordSources(kind: "person", fields: Self.personFields.filter { $0 != "stated_age_on" },
                                from: "stage_person s JOIN person p ON p.regency_code = s.old_regency AND p.id = s.person_id",
                                condition: "s.kept_row = s.row_number", record: "p", new: { staged($0, table: "s") }, key: { "person." + $0 }, &outcome)
        let assignments = Self.personFields.map { "\($0) = COALESCE(\(staged($0, table: "s")), person.\($0))" }
            + ["regency_code = s.regency_code", "household_id = s.household_id", "village_code = s.village_code",
               "status_seen_on = CASE WHEN s.resident_status IS NOT NULL THEN \(dialect.engine == .postgres ? "CAST('\(asOf)' AS DATE)" : "'\(asOf)'") ELSE person.status_seen_on END",
               "last_batch_id = \(batchID)", "last_seen_at = \(dialect.now)"]
        try await run("""
            UPDATE person SET \(assignments.joined(separator: ", "))
            FROM stage_person s WHERE person.regency_code = s.old_regency AND person.id = s.person_id AND s.kept_row = s.row_number
            """)
        let statusDate = "CASE WHEN resident_status IS NOT NULL THEN \(dialect.engine == .postgres ? "CAST('\(asOf)' AS DATE)" : "'\(asOf)'") END"
        try await run("""
            INSERT INTO person (regency_code, household_id, village_code, nik, nik_status, needs_verification, \(Self.personFields.joined(separator: ", ")),
              status_seen_on, first_batch_id, last_batch_id)
            SELECT regency_code, household_id, village_code, nik, nik_status, needs_verification,
              \(Self.personFields.map { staged($0, table: nil) }.joined(separator: ", ")), \(statusDate), \(batchID), \(batchID)
            FROM stage_person WHERE person_id IS NULL AND kept_row = row_number AND household_id IS NOT NULL
            """)
        // Sources of a person's fields follow the person into another kabupaten/kota.
        try await run("""
            UPDATE field_source SET regency_code = s.regency_code FROM stage_person s
            WHERE field_source.record_kind = 'person' AND field_source.regency_code = s.old_regency AND field_source.record_id = s.person_id
              AND s.kept_row = s.row_number AND s.old_regency <> s.regency_code
            """)
        try await run("""
            INSERT INTO person_batch (person_id, regency_code, batch_id) SELECT id, regency_code, \(batchID) FROM person WHERE last_batch_id = \(batchID)
            """)
        return moved
    }

    /// A family whose people came in this batch should have exactly one head living there: none or two is a warning.
    private func checkHeads(_ outcome: inout WriteOutcome) async throws {
        guard try await count("SELECT COUNT(*) AS n FROM stage_person WHERE relationship IS NOT NULL") > 0 else { return }
        let skipped = Set(familiesWithRejectedRows.map(Self.familyKey))
        let resident = ResidentSQL.isResident("p.resident_status")
        let found = try await rows("""
            SELECT m.kept_row, m.family_key, SUM(CASE WHEN p.relationship = 1 AND \(resident) THEN 1 ELSE 0 END) AS heads
            FROM merged_family m JOIN person p ON p.regency_code = m.regency_code AND p.household_id = m.household_id
            WHERE m.worst_rank > 0
            GROUP BY m.kept_row, m.family_key
            HAVING SUM(CASE WHEN p.relationship = 1 AND \(resident) THEN 1 ELSE 0 END) <> 1
            ORDER BY m.kept_row LIMIT 5000
            """)
        for row in found where !skipped.contains(try row.decode(column: "family_key", as: String.self)) {
            let kept = try row.decode(column: "kept_row", as: Int.self), heads = try row.decode(column: "heads", as: Int.self)
            if heads == 0 {
                outcome.warnings.append(issue(kept, column: columnNames[ImportedRowID.sheet(of: kept)]?.relationship, value: nil, .warning, "family_head_missing",
                                              "Keluarga ini tidak punya kepala keluarga (tidak ada anggota dengan hubungan 'Kepala Keluarga'): keluarga tetap disimpan, tetapi jenis kelamin kepala keluarganya tidak diketahui. Periksa kolom hubungan keluarga."))
            } else {
                outcome.warnings.append(issue(kept, column: columnNames[ImportedRowID.sheet(of: kept)]?.relationship, value: String(heads), .warning, "family_head_multiple",
                                              "Keluarga ini punya \(heads) kepala keluarga: keluarga tetap disimpan; periksa kolom hubungan keluarga anggota-anggotanya."))
            }
        }
    }

    // MARK: Where values came from

    /// For the stored records this batch updates: counts per field the values it replaces with different ones,
    /// by the batch that had given each (a conflict between sources, reported), then records this batch as the
    /// source of every value it fills in or changes (`field_source`; a value the batch repeats keeps its source).
    /// `from` joins the staged rows to the stored `record` alias; `new` is a field's staged value.
    private func recordSources(kind: String, fields: [String], from: String, condition: String, record: String,
                               new: (String) -> String, key: (String) -> String, _ outcome: inout WriteOutcome) async throws {
        let replaced = fields.map { field in
            let differs = "\(new(field)) IS NOT NULL AND \(record).\(field) IS NOT NULL AND \(new(field)) <> \(record).\(field)"
            return """
            SELECT '\(field)' AS field, COALESCE(fs.batch_id, \(record).first_batch_id, 0) AS source FROM \(from)
            LEFT JOIN field_source fs ON fs.regency_code = \(record).regency_code AND fs.record_kind = '\(kind)' AND fs.record_id = \(record).id
              AND fs.field = '\(field)'
            WHERE \(condition) AND \(differs)
            """
        }
        let counted = try await rows("""
            SELECT field, source, COUNT(*) AS n FROM (\(replaced.joined(separator: " UNION ALL "))) x GROUP BY field, source ORDER BY field, source
            """).map { (field: try $0.decode(column: "field", as: String.self), source: try $0.decode(column: "source", as: Int.self),
                        n: try $0.decode(column: "n", as: Int.self)) }
        if !counted.isEmpty {
            let batches = Array(Set(counted.map(\.source)))
            var names: [Int: String] = [:]
            for row in try await db.raw("SELECT id, file_name FROM import_batch WHERE id IN (\(binds: batches))").all() {
                names[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "file_name", as: String.self)
            }
            for entry in counted {
                outcome.replacedValues[key(entry.field), default: []].append(
                    .init(batchID: entry.source, fileName: names[entry.source] ?? "?", count: entry.n))
            }
        }
        for field in fields {
            try await run("""
                INSERT INTO field_source (regency_code, record_kind, record_id, field, batch_id)
                SELECT DISTINCT \(record).regency_code, '\(kind)', \(record).id, '\(field)', \(batchID) FROM \(from)
                WHERE \(condition) AND \(new(field)) IS NOT NULL AND (\(record).\(field) IS NULL OR \(new(field)) <> \(record).\(field))
                ON CONFLICT (regency_code, record_kind, record_id, field) DO UPDATE SET batch_id = excluded.batch_id
                """)
        }
    }

    // MARK: Helpers

    /// Removes rows from both staging tables (they were refused).
    private func delete(rows ids: [Int]) async throws {
        for chunk in ids.chunked(500) {
            try await db.raw("DELETE FROM stage_family WHERE row_number IN (\(binds: Array(chunk)))").run()
            try await db.raw("DELETE FROM stage_person WHERE row_number IN (\(binds: Array(chunk)))").run()
        }
    }

    private func issue(_ id: Int, column: String?, value: String?, _ severity: ImportIssue.Severity, _ code: String, _ message: String) -> ImportIssue {
        ImportIssue(row: ImportedRowID.row(of: id), sheet: sheetNames[ImportedRowID.sheet(of: id)], column: column, value: value,
                    severity: severity, code: code, message: message)
    }

    private func title(_ village: String) -> String {
        (try? RegionCode(village)).flatMap { tree[$0] }.map { "\($0.name) (\(village))" } ?? village
    }

    /// A staged person field as the person table holds it: dates are text in staging, `DATE` on PostgreSQL.
    private func staged(_ field: String, table: String?) -> String {
        let column = table.map { "\($0).\(field)" } ?? field
        return (field == "birth_date" || field == "stated_age_on") && dialect.engine == .postgres ? "CAST(\(column) AS DATE)" : column
    }

    public static func fieldLabel(_ column: String) -> String {
        switch column {
        case "head_name": "nama kepala keluarga"
        case "address": "alamat"
        case "rt": "RT"
        case "rw": "RW"
        case "dusun": "dusun"
        case "desil": "desil"
        case "building_ownership": "status kepemilikan rumah"
        case "floor_area": "luas lantai"
        case "floor": "jenis lantai"
        case "wall": "jenis dinding"
        case "roof": "jenis atap"
        case "drinking_water": "sumber air minum"
        case "lighting": "sumber penerangan"
        case "cooking_fuel": "bahan bakar memasak"
        case "defecation_facility": "fasilitas BAB"
        case "toilet_type": "jenis kloset"
        case "sewage_disposal": "pembuangan akhir tinja"
        case "person.full_name": "nama"
        case "person.sex": "jenis kelamin"
        case "person.birth_date": "tanggal lahir"
        case "person.birth_place": "tempat lahir"
        case "person.relationship": "hubungan dalam keluarga"
        case "person.marital_status": "status perkawinan"
        case "person.education": "pendidikan"
        case "person.occupation": "pekerjaan"
        case "person.mother_name": "nama ibu kandung"
        case "person.disability": "disabilitas"
        case "person.pregnant": "kehamilan"
        case "person.chronic_illness": "penyakit kronis"
        case "person.school_participation": "partisipasi sekolah"
        case "person.health_insurance": "jaminan kesehatan"
        case "person.religion": "agama"
        case "person.resident_status": "status kependudukan"
        case "person.stated_age": "umur"
        default: column
        }
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
    public let skipped: Int

    public init(read: Int, warned: Int, rejected: Int, skipped: Int = 0) {
        self.read = read
        self.warned = warned
        self.rejected = rejected
        self.skipped = skipped
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
