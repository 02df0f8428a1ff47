extension Migration {
    /// The region scope of the uploader of each batch (NULL: the command line, province-wide), so that batches,
    /// reports and "already imported" are seen only within the scope they were made in (`Oversight`).
    /// `created_by` (migration 4) is filled from now on by the web server.
    static let importBatchScope = Migration(id: 11, name: "import batch region scope, for scoped batch lists") { _ in
        [
            "ALTER TABLE import_batch ADD COLUMN region_scope TEXT",
            "CREATE INDEX import_batch_created_by ON import_batch (created_by)",
        ]
    }
}
