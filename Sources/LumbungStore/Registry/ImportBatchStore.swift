import LumbungDomain
import SQLKit

/// Reads the ledger of import batches.
public struct ImportBatchStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// One batch as listed on the Impor page.
    public struct Summary: Sendable, Encodable {
        public let id: Int
        public let fileName: String
        public let layout: String
        public let startedAt: String
        public let read: Int
        public let inserted: Int
        public let updated: Int
        public let rejected: Int
        /// The web import job that wrote the batch, whose report and rejects file `/impor/proses/{job}` shows; `nil` for a
        /// batch the command line wrote.
        public let jobID: String?
    }

    /// Who asks for the list: their user id and what they oversee.
    public struct Reader: Sendable {
        public let userID: Int
        public let oversight: Oversight

        public init(userID: Int, oversight: Oversight) {
            self.userID = userID
            self.oversight = oversight
        }
    }

    /// The most recent completed batches, newest first: for `reader`, only those `Oversight.maySeeImport` allows —
    /// an admin the batches uploaded inside its scope (those of the command line only when province-wide), anyone
    /// else only their own; `nil` (the command line) every batch.
    public func recent(limit: Int = 20, for reader: Reader? = nil) async throws -> [Summary] {
        try await database.read { db in
            var query = SQLQueryString("""
                SELECT id, file_name, layout, CAST(started_at AS TEXT) AS started_at, rows_read, rows_imported, rows_updated, rows_rejected,
                  (SELECT MAX(j.id) FROM import_job j WHERE j.batch_id = import_batch.id) AS job_id
                FROM import_batch WHERE status = 'done'
                """)
            if let reader {
                query.appendInterpolation(unsafeRaw: " AND (created_by = ")
                query.appendInterpolation(bind: reader.userID)
                if reader.oversight.role.may(.manageUsers) {
                    query.appendInterpolation(unsafeRaw: " OR ")
                    query.appendInterpolation(RegionSQL.atOrBelow("region_scope", reader.oversight.scope.region))
                    if reader.oversight.isProvinceWide { query.appendInterpolation(unsafeRaw: " OR region_scope IS NULL") }
                }
                query.appendInterpolation(unsafeRaw: ")")
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(max(1, min(limit, 500)))")
            return try await db.raw(query).all().map { row in
                Summary(id: try row.decode(column: "id", as: Int.self), fileName: try row.decode(column: "file_name", as: String.self),
                        layout: try row.decode(column: "layout", as: String.self),
                        startedAt: String(try row.decode(column: "started_at", as: String.self).prefix(19)),
                        read: try row.decode(column: "rows_read", as: Int.self), inserted: try row.decode(column: "rows_imported", as: Int.self),
                        updated: try row.decode(column: "rows_updated", as: Int.self), rejected: try row.decode(column: "rows_rejected", as: Int.self),
                        jobID: try row.decode(column: "job_id", as: String?.self))
            }
        }
    }

    /// Records who uploaded a batch (the web server knows it; the import job does not).
    public func recordUploader(batchID: Int, userID: Int) async throws {
        try await database.transaction { db in
            try await db.raw("UPDATE import_batch SET created_by = \(bind: userID) WHERE id = \(bind: batchID) AND created_by IS NULL").run()
        }
    }
}
