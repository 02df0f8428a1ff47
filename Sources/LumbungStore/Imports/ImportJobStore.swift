import Foundation
import LumbungDomain
import SQLKit

/// An import job started from the web, as stored in `import_job` (migration 17): what its page and the API show
/// after the process that ran it has ended.
public struct ImportJobRecord: Sendable, Equatable {
    /// `running`, `done`, `failed`, `cancelled` (stopped by its owner, nothing written), or `terminputus` (the server
    /// stopped while it ran).
    public enum State: String, Sendable, Codable {
        case running, done, failed, cancelled
        case interrupted = "terminputus"
    }

    public var id: String
    public var userID: Int
    public var username: String
    /// The uploader's region scope (dotted code), which decides which admins see the job.
    public var regionScope: String
    public var fileName: String
    public var dryRun: Bool
    public var state: State
    public var rowsRead: Int
    /// The batch the import wrote (committed), if it wrote one.
    public var batchID: Int?
    /// The report as shown, JSON (`ImportReport`).
    public var reportJSON: String?
    /// The names of its rejects files, in the job's upload folder.
    public var rejects: [String]
    public var errorEnglish: String?
    public var errorIndonesian: String?

    public init(id: String, userID: Int, username: String, regionScope: String, fileName: String, dryRun: Bool,
                state: State = .running, rowsRead: Int = 0, batchID: Int? = nil, reportJSON: String? = nil, rejects: [String] = [],
                errorEnglish: String? = nil, errorIndonesian: String? = nil) {
        self.id = id
        self.userID = userID
        self.username = username
        self.regionScope = regionScope
        self.fileName = fileName
        self.dryRun = dryRun
        self.state = state
        self.rowsRead = rowsRead
        self.batchID = batchID
        self.reportJSON = reportJSON
        self.rejects = rejects
        self.errorEnglish = errorEnglish
        self.errorIndonesian = errorIndonesian
    }
}

/// The web's import jobs in the database (`import_job`): written when a job starts and when it ends, read when its
/// page is asked for after a restart. A real import's batch id is written by the import's own transaction
/// (`ImportBatchInfo.jobID`), so a job whose process died knows whether its batch was committed.
public struct ImportJobStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Records a job that starts now.
    public func insert(_ job: ImportJobRecord) async throws {
        try await database.transaction { db in
            try await db.raw("""
                INSERT INTO import_job (id, user_id, username, region_scope, file_name, dry_run, state)
                VALUES (\(bind: job.id), \(bind: job.userID), \(bind: job.username), \(bind: job.regionScope), \(bind: job.fileName),
                        \(bind: job.dryRun), \(bind: job.state.rawValue))
                """).run()
        }
    }

    /// Records how a job ended: its state, rows read, report (JSON), rejects files and error messages.
    public func finish(_ job: ImportJobRecord) async throws {
        let d = SchemaDialect(engine: database.engine)
        let rejects = String(decoding: (try? JSONEncoder().encode(job.rejects)) ?? Data("[]".utf8), as: UTF8.self)
        try await database.transaction { db in
            try await db.raw("""
                UPDATE import_job SET state = \(bind: job.state.rawValue), rows_read = \(bind: job.rowsRead),
                  batch_id = COALESCE(batch_id, \(bind: job.batchID)), report_json = \(bind: job.reportJSON), rejects_json = \(bind: rejects),
                  error_en = \(bind: job.errorEnglish), error_id = \(bind: job.errorIndonesian), finished_at = \(unsafeRaw: d.now)
                WHERE id = \(bind: job.id)
                """).run()
        }
    }

    /// The job `id`, or nil when there is none — or when its batch was written and no longer exists (a report is
    /// kept only as long as its batch).
    public func job(_ id: String) async throws -> ImportJobRecord? {
        try await database.read { db in
            guard let row = try await db.raw("""
                SELECT j.id, j.user_id, j.username, j.region_scope, j.file_name, j.dry_run, j.state, j.rows_read, j.batch_id, j.report_json,
                       j.rejects_json, j.error_en, j.error_id, b.id AS existing_batch
                FROM import_job j LEFT JOIN import_batch b ON b.id = j.batch_id
                WHERE j.id = \(bind: id)
                """).first() else { return nil }
            let batchID = try row.decode(column: "batch_id", as: Int?.self)
            if batchID != nil, try row.decode(column: "existing_batch", as: Int?.self) == nil { return nil }
            let rejectsText = try row.decode(column: "rejects_json", as: String.self)
            let stateText = try row.decode(column: "state", as: String.self)
            return ImportJobRecord(
                id: try row.decode(column: "id", as: String.self), userID: try row.decode(column: "user_id", as: Int.self),
                username: try row.decode(column: "username", as: String.self), regionScope: try row.decode(column: "region_scope", as: String.self),
                fileName: try row.decode(column: "file_name", as: String.self), dryRun: try Self.flag(row, "dry_run"),
                state: ImportJobRecord.State(rawValue: stateText) ?? .failed, rowsRead: try row.decode(column: "rows_read", as: Int.self),
                batchID: batchID, reportJSON: try row.decode(column: "report_json", as: String?.self),
                rejects: (try? JSONDecoder().decode([String].self, from: Data(rejectsText.utf8))) ?? [],
                errorEnglish: try row.decode(column: "error_en", as: String?.self), errorIndonesian: try row.decode(column: "error_id", as: String?.self))
        }
    }

    /// A boolean column on either engine (SQLite keeps 0/1).
    static func flag(_ row: any SQLRow, _ column: String) throws -> Bool {
        if let value = try? row.decode(column: column, as: Bool.self) { return value }
        return try row.decode(column: column, as: Int.self) != 0
    }

    /// At start-up: every job still `running` was cut off when the previous process ended. Each is marked
    /// `terminputus`: a job whose batch was committed (its id was written in the same transaction) says so and gets
    /// its uploader recorded on the batch; any other says that nothing of it was written (an import is all-or-nothing).
    /// Returns the ids marked.
    @discardableResult
    public func markInterrupted(except running: Set<String> = []) async throws -> [String] {
        let d = SchemaDialect(engine: database.engine)
        return try await database.transaction { db in
            let rows = try await db.raw("SELECT id, file_name, batch_id, user_id FROM import_job WHERE state = 'running' ORDER BY id").all()
            var marked: [String] = []
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                guard !running.contains(id) else { continue }
                let file = try row.decode(column: "file_name", as: String.self)
                let batchID = try row.decode(column: "batch_id", as: Int?.self)
                let message = ImportJobStore.interruptedMessage(file: file, rowsRead: nil, batchID: batchID)
                if let batchID {
                    try await db.raw("UPDATE import_batch SET created_by = \(bind: try row.decode(column: "user_id", as: Int.self)) WHERE id = \(bind: batchID) AND created_by IS NULL").run()
                }
                try await db.raw("""
                    UPDATE import_job SET state = 'terminputus', error_en = \(bind: message.english), error_id = \(bind: message.indonesian),
                      finished_at = \(unsafeRaw: d.now)
                    WHERE id = \(bind: id)
                    """).run()
                marked.append(id)
            }
            return marked
        }
    }

    /// What an interrupted job says: with `batchID` its batch was committed in full (only the report was lost);
    /// without, nothing of it was written (`rowsRead`: how far it had read, when known).
    public static func interruptedMessage(file: String, rowsRead: Int?, batchID: Int?) -> (english: String, indonesian: String) {
        if let batchID {
            return ("\(file): the server stopped after import batch #\(batchID) was written in full; its report was lost. The batch is listed on the Impor page.",
                    "\(file): server berhenti sesudah impor no. \(batchID) selesai ditulis seluruhnya; laporannya hilang. Impor itu tercantum di halaman Impor.")
        }
        let read = rowsRead.map { ($0, " after reading \($0) rows") }
        return ("\(file): the import was interrupted because the server stopped\(read?.1 ?? ""); nothing of this file was written (an import is all or nothing). Upload it again.",
                "\(file): impor terputus karena server berhenti\(read.map { " setelah membaca \(IndonesianNumber.format($0.0)) baris" } ?? ""); tidak ada satu baris pun dari berkas ini yang ditulis (impor tersimpan utuh atau tidak sama sekali). Unggah ulang berkasnya.")
    }

    /// Forgets jobs whose upload folders were removed (`UploadRetention`).
    public func remove(_ ids: [String]) async throws {
        guard !ids.isEmpty else { return }
        try await database.transaction { db in
            for id in ids { try await db.raw("DELETE FROM import_job WHERE id = \(bind: id)").run() }
        }
    }
}
