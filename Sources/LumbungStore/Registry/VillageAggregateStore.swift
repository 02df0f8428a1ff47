import Foundation
import LumbungDomain
import SQLKit

/// Reads the per-village tallies kept by imports.
public struct VillageAggregateStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The tallies of every village at or below `code` that holds records.
    public func fetchTallies(within code: RegionCode) async throws -> [RegionCode: RegionTally] {
        let rows = try await database.read { db in
            try await db.raw("""
                SELECT village_code, CAST(tally AS TEXT) AS tally FROM village_aggregate WHERE \(RegionSQL.atOrBelow("village_code", code))
                """).all()
        }
        let decoder = JSONDecoder()
        var tallies: [RegionCode: RegionTally] = [:]
        for row in rows {
            let village = try RegionCode(try row.decode(column: "village_code", as: String.self))
            tallies[village] = try decoder.decode(RegionTally.self, from: Data(try row.decode(column: "tally", as: String.self).utf8))
        }
        return tallies
    }
}

extension VillageAggregateStore {
    /// The aggregate generation: it rises whenever any village's tally changes, so a reader holding
    /// figures of an older generation knows to read them again.
    public func generation() async throws -> Int {
        try await database.read { db in
            try await db.raw("SELECT generation FROM aggregate_state WHERE id = 1").first()?.decode(column: "generation", as: Int.self) ?? 0
        }
    }
}
