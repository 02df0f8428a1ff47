import Foundation
import LumbungDomain
import SQLKit

/// The registry's entry point for imports: finds earlier imports of the same file and runs a batch in
/// one transaction (committed, or for a dry run rolled back after everything was checked).
public struct RegistryStore: Sendable {
    private let database: Database
    private let tree: RegionTree

    public init(database: Database, tree: RegionTree) {
        self.database = database
        self.tree = tree
    }

    /// Whether the registry holds no person yet.
    public static func isEmpty(_ database: Database) async throws -> Bool {
        try await database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM (SELECT 1 FROM person LIMIT 1) AS any_person").first()!.decode(column: "n", as: Int.self) == 0
        }
    }

    /// An earlier, completed, real import of a file with this SHA-256 that already did what this one would:
    /// it wrote or updated at least one record, and its uploader's scope covers `scope` (the new uploader's;
    /// `nil` for the command line, province-wide). A batch of another region's operator — whose rows were all
    /// refused as out of scope — or one that imported nothing never makes a later import a no-op.
    public func previousImport(sha256: String, scope: RegionCode? = nil) async throws -> (batchID: Int, finishedAt: String)? {
        // Scopes that cover the new uploader's: its own and every region above it (the province for the command line).
        let covering = scope.map { [$0.dotted] + $0.ancestors.map(\.dotted) } ?? []
        return try await database.read { db -> (batchID: Int, finishedAt: String)? in
            var query = SQLQueryString("""
                SELECT id, CAST(finished_at AS TEXT) AS finished_at FROM import_batch
                WHERE sha256 = \(bind: sha256) AND status = 'done' AND dry_run = \(bind: false) AND rows_imported + rows_updated + rows_unchanged + families_inserted + families_updated > 0
                  AND (region_scope IS NULL OR region_scope NOT LIKE '%.%'
                """)
            for code in covering {
                query.appendInterpolation(unsafeRaw: " OR region_scope = ")
                query.appendInterpolation(bind: code)
            }
            query.appendInterpolation(unsafeRaw: ") ORDER BY id LIMIT 1")
            return try await db.raw(query).first().map {
                (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "finished_at", as: String?.self) ?? "")
            }
        }
    }

    /// Runs `body` against a new batch; `body` feeds rows and returns the issues and counts it found. The batch is
    /// all or nothing: rows are staged first (on SQLite outside any transaction, so sign-ins and other writes do not
    /// wait for the reading of the file), then written into the registry in one transaction. With `info.dryRun`
    /// everything is checked against the registry and then rolled back.
    public func importBatch(
        _ info: ImportBatchInfo, sheetNames: [Int: String] = [:],
        _ body: @escaping @Sendable (RegistryImport) async throws -> (issues: [StoredIssue], counts: BatchCounts)
    ) async throws -> WriteOutcome {
        try await importBatch(info, sheetNames: sheetNames, body, then: { _ in () }).outcome
    }

    /// As `importBatch(_:sheetNames:_:)`, and then, in the same transaction once the registry rows are written (not
    /// for a dry run), `then` — the programme flags the file's rows carry: all of it is committed, or none of it.
    public func importBatch<Then: Sendable>(
        _ info: ImportBatchInfo, sheetNames: [Int: String] = [:],
        _ body: @escaping @Sendable (RegistryImport) async throws -> (issues: [StoredIssue], counts: BatchCounts),
        then: @escaping @Sendable (BatchTransaction) async throws -> Then
    ) async throws -> (outcome: WriteOutcome, then: Then?) {
        let dialect = SchemaDialect(engine: database.engine)
        let tree = tree
        do {
            return try await database.importSession { importing in
                let batch = try await RegistryImport(session: importing.session, dialect: dialect, tree: tree, info: info)
                batch.sheetNames = sheetNames
                let (issues, counts) = try await body(batch)
                // A stopped import (graceful shutdown cancels its task) rolls back: whatever it read is not committed.
                try Task.checkCancellation()
                try await batch.prepare()
                try Task.checkCancellation()
                return try await importing.commit {
                    let outcome = try await batch.finish(issues: issues, counts: counts)
                    try Task.checkCancellation()
                    if info.dryRun { throw DryRunFinished(outcome: outcome) }
                    let after = try await then(BatchTransaction(db: importing.session.sql))
                    try Task.checkCancellation()
                    return (outcome, after)
                }
            }
        } catch let finished as DryRunFinished {
            return (finished.outcome, nil)
        }
    }

    /// Thrown to roll a dry run back once it has been fully checked.
    fileprivate struct DryRunFinished: Error {
        let outcome: WriteOutcome
    }
}

/// The open transaction of a registry batch, for what must be committed with it or not at all (the programme flags
/// its rows carry): stores take it in place of their own transaction.
public struct BatchTransaction: Sendable {
    let db: any SQLDatabase
}
