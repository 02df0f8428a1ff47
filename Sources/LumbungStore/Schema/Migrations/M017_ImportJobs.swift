extension Migration {
    /// Imports started from the web (issue 17): one row per job, so that its report and rejects files outlive the
    /// process. `state` is `running`, `done`, `failed`, `cancelled` or `terminputus` (the server stopped while it ran); who started
    /// it (`user_id`, `username`, `region_scope`) decides who may see it; `batch_id` is written in the import's own
    /// transaction (set ⇔ the batch was committed); `report_json` is the report as shown, `rejects_json` the names of
    /// its rejects files in the job's upload folder; `error_en`/`error_id` why it failed or stopped.
    static let importJobs = Migration(id: 17, name: "import jobs that outlive the process") { d in
        [
            """
            CREATE TABLE import_job (
                id TEXT PRIMARY KEY,
                user_id \(d.bigint) NOT NULL,
                username TEXT NOT NULL,
                region_scope TEXT NOT NULL,
                file_name TEXT NOT NULL,
                dry_run \(d.boolean) NOT NULL DEFAULT \(d.falseValue),
                state TEXT NOT NULL \(d.check("state", in: ["running", "done", "failed", "cancelled", "terminputus"])),
                rows_read INTEGER NOT NULL DEFAULT 0,
                batch_id \(d.bigint),
                report_json TEXT,
                rejects_json TEXT NOT NULL DEFAULT '[]',
                error_en TEXT,
                error_id TEXT,
                started_at \(d.timestamp) NOT NULL DEFAULT \(d.now),
                finished_at \(d.timestamp)
            )
            """,
            "CREATE INDEX import_job_state ON import_job (state)",
            "CREATE INDEX import_job_username ON import_job (username)",
        ]
    }
}
