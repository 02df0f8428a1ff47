extension Migration {
    /// What imports need beyond the first registry cut: P3KE families keyed by their own id, KK lookup
    /// across kabupaten, the batches each person was seen in, and per-village aggregates.
    static let importSupport = Migration(id: 6, name: "import support: source family ids, batch history, village aggregates") { d in
        [
            "CREATE UNIQUE INDEX household_source_family ON household (regency_code, source_family_id) WHERE source_family_id IS NOT NULL",
            "CREATE INDEX household_kk_anywhere ON household (kk_number)",
            "CREATE INDEX household_source_anywhere ON household (source_family_id)",
            """
            CREATE TABLE person_batch (
                person_id \(d.bigint) NOT NULL,
                regency_code TEXT NOT NULL,
                batch_id \(d.bigint) NOT NULL REFERENCES import_batch (id),
                PRIMARY KEY (regency_code, person_id, batch_id)
            )
            """,
            "CREATE INDEX person_batch_batch ON person_batch (batch_id)",
            "CREATE INDEX person_last_batch ON person (last_batch_id)",
            "CREATE INDEX household_last_batch ON household (last_batch_id)",
            """
            CREATE TABLE village_aggregate (
                village_code TEXT PRIMARY KEY REFERENCES region (code),
                regency_code TEXT NOT NULL,
                as_of TEXT NOT NULL,
                tally \(d.json) NOT NULL,
                updated_at \(d.timestamp) NOT NULL DEFAULT \(d.now)
            )
            """,
            "ALTER TABLE import_batch ADD COLUMN as_of TEXT",
            "ALTER TABLE import_batch ADD COLUMN rows_unchanged INTEGER NOT NULL DEFAULT 0",
        ]
    }
}
