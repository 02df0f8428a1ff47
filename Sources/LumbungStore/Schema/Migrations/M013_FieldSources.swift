import SQLKit

extension Migration {
    /// Where each stored value came from, and a disability of no stated kind.
    ///
    /// - `field_source`: for a family or person field whose value a later batch gave (filled in or replaced), that
    ///   batch. A field without a row here holds what the record's `first_batch_id` gave, so the table grows only
    ///   with what a second source changes, not with the registry.
    /// - `person.disability` accepts 6, a disability whose ragam the source does not name (legacy *cacat* 6
    ///   "lainnya", "Ya", Regsosek self-care only). On PostgreSQL the check is replaced; SQLite cannot alter a
    ///   check, so its text in the schema is widened as SQLite documents for loosening a constraint
    ///   (`writable_schema`, then a new `schema_version`): existing rows satisfy the wider check by construction.
    /// Codes and texts are written out here, so this step never changes.
    static let fieldSources = Migration(id: 13, name: "field sources; disability of no stated kind") { db, d in
        func run(_ sql: String) async throws { try await db.raw(SQLQueryString(sql)).run() }
        try await run("""
            CREATE TABLE field_source (
                regency_code TEXT NOT NULL,
                record_kind TEXT NOT NULL CHECK (record_kind IN ('household', 'person')),
                record_id \(d.bigint) NOT NULL,
                field TEXT NOT NULL,
                batch_id \(d.bigint) NOT NULL REFERENCES import_batch (id),
                PRIMARY KEY (regency_code, record_kind, record_id, field)
            )
            """)
        try await run("CREATE INDEX field_source_batch ON field_source (batch_id)")
        switch d.engine {
        case .postgres:
            try await run("ALTER TABLE person DROP CONSTRAINT person_disability_check")
            try await run("ALTER TABLE person ADD CONSTRAINT person_disability_check CHECK (disability IN (1,2,3,4,5,6))")
        case .sqlite:
            let old = "CHECK (disability IN (1,2,3,4,5))", new = "CHECK (disability IN (1,2,3,4,5,6))"
            guard let version = try await db.raw("PRAGMA schema_version").first()?.decode(column: "schema_version", as: Int.self) else {
                throw StoreError.queryFailed(reason: "PRAGMA schema_version gave no row")
            }
            try await run("PRAGMA writable_schema = ON")
            try await db.raw("""
                UPDATE sqlite_schema SET sql = replace(sql, \(bind: old), \(bind: new)) WHERE type = 'table' AND name = 'person'
                """).run()
            try await run("PRAGMA schema_version = \(version + 1)")
            try await run("PRAGMA writable_schema = OFF")
            let widened = try await db.raw("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'person'").first()?
                .decode(column: "sql", as: String.self) ?? ""
            guard widened.contains(new) else { throw StoreError.queryFailed(reason: "the disability check of table person was not found") }
        }
    }
}
