extension Migration {
    /// One row per imported file (`import_batch`) and one per problem found in it (`import_issue`),
    /// keeping the raw row so a rejects file can be given back to the user to fix and re-import.
    static let importBatches = Migration(id: 4, name: "create import batches and issues") { d in
        [
            """
            CREATE TABLE import_batch (
                id \(d.serialPrimaryKey),
                layout TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                created_by \(d.bigint) REFERENCES app_user (id),
                dry_run \(d.boolean) NOT NULL DEFAULT \(d.falseValue),
                status TEXT NOT NULL \(d.check("status", in: ["running", "done", "failed", "unchanged"])),
                rows_read INTEGER NOT NULL DEFAULT 0,
                rows_imported INTEGER NOT NULL DEFAULT 0,
                rows_updated INTEGER NOT NULL DEFAULT 0,
                rows_warned INTEGER NOT NULL DEFAULT 0,
                rows_rejected INTEGER NOT NULL DEFAULT 0,
                started_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                finished_at \(d.timestamp)
            )
            """,
            "CREATE INDEX import_batch_sha256 ON import_batch (sha256)",
            """
            CREATE TABLE import_issue (
                id \(d.serialPrimaryKey),
                batch_id \(d.bigint) NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
                row_number INTEGER NOT NULL,
                column_name TEXT,
                raw_value TEXT,
                severity TEXT NOT NULL \(d.check("severity", in: ["error", "warning"])),
                code TEXT NOT NULL,
                message TEXT NOT NULL,
                raw_row \(d.json)
            )
            """,
            "CREATE INDEX import_issue_batch ON import_issue (batch_id, row_number)",
        ]
    }
}
