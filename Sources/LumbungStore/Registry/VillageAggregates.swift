import Foundation
import LumbungDomain
import SQLKit

/// Keeps `village_aggregate` exact: after a batch, the villages it touched are tallied again from their
/// households and people, with the same domain rules (`RegionTally`) the reference calculator uses.
/// Every higher level is then a sum over villages, so a dashboard costs O(villages), not O(people).
struct VillageAggregates {
    let db: any SQLDatabase
    let dialect: SchemaDialect
    let tree: RegionTree
    let asOf: CalendarDate

    /// Villages tallied per pass: their rows are held in memory together (measured: 40 villages of a
    /// scale-1 Lombok Timur took about 500 MB; 6 keep an import under 300 MB).
    static let villagesPerPass = 6

    /// Recomputes every village holding a family or person written by `batchID`, and `alsoVillages` (those
    /// families or people moved away from); returns how many.
    func refresh(batchID: Int, alsoVillages: [String] = []) async throws -> Int {
        let written = try await db.raw("""
            SELECT DISTINCT village_code FROM household WHERE last_batch_id = \(bind: batchID)
            UNION SELECT DISTINCT village_code FROM person WHERE last_batch_id = \(bind: batchID)
            """).all().map { try $0.decode(column: "village_code", as: String.self) }
        let touched = Set(written + alsoVillages).sorted()
        try await recompute(touched)
        return touched.count
    }

    /// Recomputes `villages` in passes of `villagesPerPass` and raises the aggregate generation, so
    /// cached figures (the web app's) are read again.
    func recompute(_ villages: [String]) async throws {
        var start = 0
        while start < villages.count {
            try await recomputePass(Array(villages[start..<min(start + Self.villagesPerPass, villages.count)]))
            start += Self.villagesPerPass
        }
        if !villages.isEmpty { try await db.raw("UPDATE aggregate_state SET generation = generation + 1").run() }
    }

    /// Tallies every stored village again (after `RegionTally.format` changed), each as of its stored date.
    static func rebuildAll(db: any SQLDatabase, dialect: SchemaDialect) async throws {
        let tree = try await RegionStore.tree(on: db)
        var byDate: [String: [String]] = [:]
        for row in try await db.raw("SELECT village_code, as_of FROM village_aggregate ORDER BY village_code").all() {
            byDate[try row.decode(column: "as_of", as: String.self), default: []].append(try row.decode(column: "village_code", as: String.self))
        }
        for (date, villages) in byDate {
            guard let asOf = CalendarDate(iso: date) else { throw StoreError.queryFailed(reason: "village_aggregate holds date \(date)") }
            try await VillageAggregates(db: db, dialect: dialect, tree: tree, asOf: asOf).recompute(villages)
        }
    }

    private func recomputePass(_ villages: [String]) async throws {
        var tallies: [String: RegionTally] = Dictionary(uniqueKeysWithValues: villages.map { ($0, RegionTally()) })
        for family in try await FamilyRecords.read(db, villages: villages) {
            let rural = tree[family.household.villageCode]?.level != .kelurahan
            tallies[family.household.villageCode.dotted]?.add(household: family.household, members: family.members, asOf: asOf, rural: rural)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await db.raw("DELETE FROM village_aggregate WHERE village_code IN (\(binds: villages))").run()
        let rows: [[any Encodable & Sendable]] = try villages.map { village in
            [village, String(village.prefix(5)), asOf.description, String(decoding: try encoder.encode(tallies[village]!), as: UTF8.self)]
        }
        try await BulkInsert.rows(db, into: "village_aggregate", columns: ["village_code", "regency_code", "as_of", "tally"], rows,
                                  casts: dialect.engine == .postgres ? ["tally": "jsonb"] : [:])
    }
}
