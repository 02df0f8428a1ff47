import Foundation
import LumbungDomain
import SQLKit

/// Output targets of programmes per region and year, and the realisation of each: entered, or counted from the
/// enrolments of the year with the coverage code (`coverageByVillage`, the `CoveragePeriod` rule).
public struct ProgrammeTargetStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Saves `targets` in one transaction (a target for the same programme, region and year is replaced).
    ///
    /// - Throws: `ProgrammeProblem.programmeUnknown`, `MonitoringProblem` (region unknown, year out of range, negative figure).
    public func save(_ targets: [ProgrammeTarget], by author: String) async throws {
        for target in targets { if let problem = target.problems.first { throw problem } }
        try await database.transaction { db in
            for target in targets {
                guard let id = try await db.raw("SELECT id FROM programme WHERE code = \(bind: target.programme)").first()?.decode(column: "id", as: Int.self) else {
                    throw ProgrammeProblem.programmeUnknown(target.programme)
                }
                guard try await db.raw("SELECT code FROM region WHERE code = \(bind: target.region.dotted)").first() != nil else {
                    throw MonitoringProblem.regionUnknown(target.region.dotted)
                }
                try await db.raw("""
                    DELETE FROM programme_target WHERE programme_id = \(bind: id) AND region_code = \(bind: target.region.dotted) AND year = \(bind: target.year)
                    """).run()
                try await db.raw("""
                    INSERT INTO programme_target (programme_id, region_code, year, target, entered, updated_by)
                    VALUES (\(bind: id), \(bind: target.region.dotted), \(bind: target.year), \(bind: target.target), \(bind: target.entered), \(bind: author))
                    """).run()
            }
        }
    }

    /// The targets of `programme` at or below `region`, by year then region code.
    public func targets(of programme: String, within region: RegionCode? = nil) async throws -> [ProgrammeTarget] {
        try await database.read { db in
            var query: SQLQueryString = """
                SELECT t.region_code, t.year, t.target, t.entered FROM programme_target t JOIN programme p ON p.id = t.programme_id
                WHERE p.code = \(bind: programme)
                """
            if let region {
                query.appendInterpolation(unsafeRaw: " AND ")
                query.appendInterpolation(RegionSQL.atOrBelow("t.region_code", region))
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY t.year, t.region_code")
            return try await db.raw(query).all().map { row in
                ProgrammeTarget(programme: programme, region: try RegionCode(try row.decode(column: "region_code", as: String.self)),
                                year: try row.decode(column: "year", as: Int.self), target: try row.decode(column: "target", as: Int.self),
                                entered: try row.decode(column: "entered", as: Int?.self))
            }
        }
    }

    /// The families (or people, by the programme's unit, as the coverage code counts them) the programme's enrolments of
    /// `year` reach in `region`.
    public func counted(_ programme: String, in region: RegionCode, year: Int) async throws -> Int {
        guard let period = CoveragePeriod(String(year)) else { throw MonitoringProblem.yearOutOfRange(year) }
        let villages = try await ProgrammeStore(database: database).coverageByVillage(within: region, programmes: [programme], period: period)
        return villages.values.reduce(0) { $0 + ($1.familiesReached[programme] ?? 0) }
    }

    /// Every target of `programme` at or below `region` with its realisation and capaian, by year then region code.
    public func results(of programme: String, within region: RegionCode? = nil, tree: RegionTree, restricted: Bool) async throws -> [ProgrammeResult] {
        var results: [ProgrammeResult] = []
        for target in try await targets(of: programme, within: region) {
            let counted = target.entered == nil ? try await self.counted(programme, in: target.region, year: target.year) : 0
            results.append(ProgrammeResult(target, name: tree[target.region]?.name ?? target.region.dotted, counted: counted, restricted: restricted))
        }
        return results
    }

    /// Where the programme's enrolments come from: how many imported lists (batches) wrote them, and the latest data
    /// date (`as_of`) among those lists; `nil` when no list was imported.
    public func listSources(of programme: String) async throws -> (lists: Int, latest: CalendarDate?) {
        try await database.read { db in
            let row = try await db.raw("""
                SELECT COUNT(DISTINCT b.id) AS lists, MAX(b.as_of) AS latest
                FROM enrolment e JOIN programme p ON p.id = e.programme_id JOIN import_batch b ON b.id = e.batch_id
                WHERE p.code = \(bind: programme)
                """).first()
            let lists = try row?.decode(column: "lists", as: Int.self) ?? 0
            let latest = try row?.decode(column: "latest", as: String?.self).flatMap { CalendarDate(iso: String($0.prefix(10))) }
            return (lists, latest)
        }
    }
}
