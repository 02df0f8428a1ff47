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
    }

    /// The most recent completed batches, newest first.
    public func recent(limit: Int = 20) async throws -> [Summary] {
        try await database.read { db in
            try await db.raw("""
                SELECT id, file_name, layout, CAST(started_at AS TEXT) AS started_at, rows_read, rows_imported, rows_updated, rows_rejected
                FROM import_batch WHERE status = 'done' ORDER BY id DESC LIMIT \(bind: limit)
                """).all().map { row in
                Summary(id: try row.decode(column: "id", as: Int.self), fileName: try row.decode(column: "file_name", as: String.self),
                        layout: try row.decode(column: "layout", as: String.self),
                        startedAt: String(try row.decode(column: "started_at", as: String.self).prefix(19)),
                        read: try row.decode(column: "rows_read", as: Int.self), inserted: try row.decode(column: "rows_imported", as: Int.self),
                        updated: try row.decode(column: "rows_updated", as: Int.self), rejected: try row.decode(column: "rows_rejected", as: Int.self))
            }
        }
    }
}
