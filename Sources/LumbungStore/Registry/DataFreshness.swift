import LumbungDomain
import SQLKit

/// How fresh a region's figures are: the latest reference date of its village tallies and the last completed import.
public struct DataFreshness: Sendable, Equatable {
    /// The latest `as_of` (yyyy-mm-dd) of the region's village tallies; `nil` when no village holds records.
    public let asOf: String?
    /// Villages of the region holding records.
    public let villagesWithData: Int
    /// The last completed import (not a dry run): its number, layout and when it ended (UTC, yyyy-mm-dd hh:mm:ss).
    public let lastBatch: Int?
    public let lastLayout: String?
    public let lastFinished: String?

    public init(asOf: String?, villagesWithData: Int, lastBatch: Int? = nil, lastLayout: String? = nil, lastFinished: String? = nil) {
        self.asOf = asOf
        self.villagesWithData = villagesWithData
        self.lastBatch = lastBatch
        self.lastLayout = lastLayout
        self.lastFinished = lastFinished
    }

    /// Reads the freshness of `code` and everything below it.
    public static func read(_ code: RegionCode, database: Database) async throws -> DataFreshness {
        try await database.read { db in
            let tallies = try await db.raw("""
                SELECT MAX(as_of) AS as_of, COUNT(*) AS villages FROM village_aggregate WHERE \(RegionSQL.atOrBelow("village_code", code))
                """).first()
            let batch = try await db.raw("""
                SELECT id, layout, CAST(COALESCE(finished_at, started_at) AS TEXT) AS finished FROM import_batch
                WHERE status = 'done' AND NOT dry_run ORDER BY id DESC LIMIT 1
                """).first()
            return DataFreshness(
                asOf: try tallies?.decode(column: "as_of", as: String?.self) ?? nil,
                villagesWithData: try tallies?.decode(column: "villages", as: Int.self) ?? 0,
                lastBatch: try batch?.decode(column: "id", as: Int.self),
                lastLayout: try batch?.decode(column: "layout", as: String.self),
                lastFinished: try batch.map { String(try $0.decode(column: "finished", as: String.self).prefix(19)) })
        }
    }
}
