import Foundation
import LumbungDomain
import SQLKit

extension ProgrammeStore {
    /// Programme coverage of every desa within `region`: families by desil from the registry, and each enrolled family
    /// with the set of programmes reaching it, counted with `CoverageRules` (in Swift, not SQL: the rules live once,
    /// in the domain). The SQL only groups: one row per desa × desil × set of programmes.
    ///
    /// Without a sector or programme filter the answer comes from `coverage_village`, one stored tally per desa kept by
    /// every beneficiary list in its own transaction and checked against the desa's registry tally
    /// (`village_aggregate.updated_at`) and the programme catalogue (ids, organisations, sectors): a desa whose
    /// registry or catalogue changed since is counted again, and stored.
    ///
    /// - Parameters:
    ///   - sector: only programmes of this sector count as reaching a family.
    ///   - programmes: only these programme codes count (`nil`: all).
    ///   - period: only enrolments of this period count (`CoveragePeriod`'s rule).
    public func coverageByVillage(within region: RegionCode, sector: Sector? = nil, programmes codes: Set<String>? = nil,
                                  period: CoveragePeriod? = nil) async throws -> [RegionCode: CoverageTally] {
        let engine = database.engine
        guard sector == nil, codes == nil, period == nil else {
            return try await database.read { db in
                let records = try await fetchProgrammes(db).filter { record in
                    (sector.map { record.programme.sectors.contains($0) } ?? true) && (codes.map { $0.contains(record.programme.code.value) } ?? true)
                }
                return try await Self.liveTallies(db, engine: engine, records: records, region: region, villages: nil, filtered: true, period: period)
            }
        }
        let (tallies, stale) = try await database.read { db in try await Self.storedTallies(db, within: region) }
        guard !stale.isEmpty else { return tallies }
        let fresh = try await database.transaction { db in try await Self.refreshStored(db, engine: engine, villages: stale) }
        return tallies.merging(fresh) { _, new in new }
    }

    /// The stored tallies of the desa within `region` that are current, and the desa whose tally must be counted again.
    static func storedTallies(_ db: any SQLDatabase, within region: RegionCode) async throws -> ([RegionCode: CoverageTally], [String]) {
        let catalogue = try await catalogueStamp(db)
        var tallies: [RegionCode: CoverageTally] = [:], stale: [String] = []
        let decoder = JSONDecoder()
        for row in try await db.raw("""
            SELECT r.code, CAST(v.updated_at AS TEXT) AS registry, c.registry_stamp, c.catalogue, c.tally
            FROM region r LEFT JOIN village_aggregate v ON v.village_code = r.code LEFT JOIN coverage_village c ON c.village_code = r.code
            WHERE r.depth = 4 AND \(RegionSQL.atOrBelow("r.code", region))
            """).all() {
            let code = try row.decode(column: "code", as: String.self)
            let registry = try row.decode(column: "registry", as: String?.self) ?? ""
            guard try row.decode(column: "registry_stamp", as: String?.self) == registry, try row.decode(column: "catalogue", as: String?.self) == catalogue,
                  let text = try row.decode(column: "tally", as: String?.self), let village = try? RegionCode(code),
                  let tally = try? decoder.decode(CoverageTally.self, from: Data(text.utf8)) else {
                stale.append(code)
                continue
            }
            if tally.families.contains(where: { $0 > 0 }) || tally.anyReachedFamilies > 0 { tallies[village] = tally }
        }
        return (tallies, stale)
    }

    /// Counts `villages` again from the registry and the enrolments, and stores their tallies with today's stamps.
    static func refreshStored(_ db: any SQLDatabase, engine: Database.Engine, villages: [String]) async throws -> [RegionCode: CoverageTally] {
        guard !villages.isEmpty else { return [:] }
        let records = try await fetchProgrammes(db)
        let catalogue = catalogueStamp(records)
        var fresh: [RegionCode: CoverageTally] = [:]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for slice in villages.chunked(500) {
            let list = Array(slice)
            let tallies = try await liveTallies(db, engine: engine, records: records, region: nil, villages: list, filtered: false)
            var stamps: [String: String] = [:]
            for row in try await db.raw("SELECT village_code, CAST(updated_at AS TEXT) AS registry FROM village_aggregate WHERE village_code IN (\(binds: list))").all() {
                stamps[try row.decode(column: "village_code", as: String.self)] = try row.decode(column: "registry", as: String.self)
            }
            try await db.raw("DELETE FROM coverage_village WHERE village_code IN (\(binds: list))").run()
            var rows: [[any Encodable & Sendable]] = []
            for code in list {
                guard let village = try? RegionCode(code) else { continue }
                let tally = tallies[village] ?? CoverageTally()
                if tally.families.contains(where: { $0 > 0 }) || tally.anyReachedFamilies > 0 { fresh[village] = tally }
                rows.append([code, stamps[code] ?? "", catalogue, String(decoding: try encoder.encode(tally), as: UTF8.self)])
            }
            try await BulkInsert.rows(db, into: "coverage_village", columns: ["village_code", "registry_stamp", "catalogue", "tally"], rows, perStatement: 200)
        }
        return fresh
    }

    /// What the stored tallies depend on in the programme catalogue: each programme's id, code, organisation and sectors.
    static func catalogueStamp(_ db: any SQLDatabase) async throws -> String {
        catalogueStamp(try await fetchProgrammes(db))
    }

    static func catalogueStamp(_ records: [ProgrammeRecord]) -> String {
        let parts = records.map { "\($0.programme.id ?? 0):\($0.programme.code.value):\($0.organisation.id ?? 0):\($0.programme.sectors.map(\.rawValue).joined(separator: ","))" }
        return SHA256.hex(parts.sorted().joined(separator: ";"))
    }

    /// Counts coverage from the registry and the enrolments, for the desa within `region` or the desa `villages`.
    static func liveTallies(_ db: any SQLDatabase, engine: Database.Engine, records: [ProgrammeRecord], region: RegionCode?, villages list: [String]?,
                            filtered: Bool, period: CoveragePeriod? = nil) async throws -> [RegionCode: CoverageTally] {
        var receipts: [Int: CoverageRules.Receipt] = [:]
        for record in records {
            guard let id = record.programme.id, let organisation = record.organisation.id else { continue }
            receipts[id] = CoverageRules.Receipt(programme: record.programme.code.value, organisation: organisation, sectors: record.programme.sectors)
        }
        func place(_ column: String) -> SQLQueryString {
            if let list { return "\(unsafeRaw: column) IN (\(binds: list))" }
            guard let region else { return "1 = 1" }
            return RegionSQL.atOrBelow(column, region)
        }
        var tallies: [RegionCode: CoverageTally] = [:]
        var villages: [String: RegionCode] = [:]
        func village(_ text: String) -> RegionCode? {
            if let code = villages[text] { return code }
            let code = try? RegionCode(text)
            villages[text] = code
            return code
        }
        for row in try await db.raw("SELECT village_code, desil, COUNT(*) AS n FROM household WHERE \(place("village_code")) GROUP BY village_code, desil").all() {
            guard let code = village(try row.decode(column: "village_code", as: String.self)) else { continue }
            tallies[code, default: CoverageTally()].addFamilies(desil: try row.decode(column: "desil", as: Int?.self), count: try row.decode(column: "n", as: Int.self))
        }
        guard !receipts.isEmpty else { return tallies }
        let programmeList = engine == .postgres
            ? "string_agg(DISTINCT CAST(e.programme_id AS TEXT), ',' ORDER BY CAST(e.programme_id AS TEXT))"
            : "group_concat(DISTINCT e.programme_id)"
        var onlyProgrammes = SQLQueryString("")
        if filtered {
            onlyProgrammes.appendInterpolation(unsafeRaw: " AND e.programme_id IN (")
            onlyProgrammes.appendInterpolation(binds: receipts.keys.sorted())
            onlyProgrammes.appendInterpolation(unsafeRaw: ")")
        }
        if period == nil {
            onlyProgrammes.appendInterpolation(unsafeRaw: " AND e.ended_on IS NULL")
        }
        if let period {
            // An ended enrolment counts for periods before its end only.
            onlyProgrammes.appendInterpolation(unsafeRaw: " AND (e.ended_on IS NULL OR e.ended_on >= ")
            onlyProgrammes.appendInterpolation(date(period.from, SchemaDialect(engine: engine)))
            onlyProgrammes.appendInterpolation(unsafeRaw: ")")
            // CoveragePeriod.includes, in SQL: the date received; else the list's year; else the programme's own period.
            let dialect = SchemaDialect(engine: engine)
            let year = engine == .postgres ? "e.period ~ '^[0-9]{4}$'" : "e.period GLOB '[0-9][0-9][0-9][0-9]'"
            let running = records.filter { period.overlaps($0.programme) }.compactMap(\.programme.id)
            onlyProgrammes.appendInterpolation(unsafeRaw: " AND ((e.received_on IS NOT NULL AND e.received_on >= ")
            onlyProgrammes.appendInterpolation(date(period.from, dialect))
            onlyProgrammes.appendInterpolation(unsafeRaw: " AND e.received_on <= ")
            onlyProgrammes.appendInterpolation(date(period.to, dialect))
            onlyProgrammes.appendInterpolation(unsafeRaw: ") OR (e.received_on IS NULL AND \(year) AND e.period IN (")
            onlyProgrammes.appendInterpolation(binds: period.years)
            onlyProgrammes.appendInterpolation(unsafeRaw: ")) OR (e.received_on IS NULL AND NOT (\(year)) AND e.programme_id IN (")
            onlyProgrammes.appendInterpolation(binds: running.isEmpty ? [0] : running)
            onlyProgrammes.appendInterpolation(unsafeRaw: ")))")
        }
        // Per desa × desil × programme set: the number of families and of their residents. Sets are sorted in Swift
        // (SQLite's order is its own).
        var groups: [String: [String: [Int?: (families: Int, people: Int)]]] = [:]
        for row in try await db.raw("""
            SELECT village_code, desil, programmes, COUNT(*) AS n, CAST(SUM(members) AS BIGINT) AS people FROM (
              SELECT h.village_code, h.desil, \(unsafeRaw: programmeList) AS programmes,
                     \(unsafeRaw: ResidentSQL.residents(ofFamily: "h")) AS members
              FROM enrolment e JOIN household h ON h.regency_code = e.regency_code AND h.id = e.household_id
              WHERE e.household_id IS NOT NULL AND \(place("h.village_code"))\(onlyProgrammes)
              GROUP BY h.regency_code, h.id, h.village_code, h.desil
            ) AS family GROUP BY village_code, desil, programmes
            """).all() {
            let villageText = try row.decode(column: "village_code", as: String.self)
            let set = try row.decode(column: "programmes", as: String.self).split(separator: ",").compactMap { Int($0) }.sorted()
                .map(String.init).joined(separator: ",")
            let desil = try row.decode(column: "desil", as: Int?.self)
            var cell = groups[villageText, default: [:]][set, default: [:]][desil] ?? (0, 0)
            cell.families += try row.decode(column: "n", as: Int.self)
            cell.people += try row.decode(column: "people", as: Int?.self) ?? 0
            groups[villageText, default: [:]][set, default: [:]][desil] = cell
        }
        var cache: [String: [CoverageRules.Receipt]] = [:]
        for (villageText, sets) in groups {
            guard let code = village(villageText) else { continue }
            var tally = tallies[code] ?? CoverageTally()
            for (set, byDesil) in sets {
                let list = cache[set] ?? set.split(separator: ",").compactMap { Int($0).flatMap { receipts[$0] } }
                cache[set] = list
                for (desil, cell) in byDesil { tally.addReached(desil: desil, receipts: list, count: cell.families, people: cell.people) }
            }
            tallies[code] = tally
        }
        return tallies
    }
}

extension ProgrammeStore {
    /// Changes whenever coverage may have: a new import batch (registry or list: desil, families, enrolments) or a
    /// programme added, changed or closed. Two index lookups, so a cached coverage is checked cheaply.
    public func coverageGeneration() async throws -> String {
        try await database.read { db in
            let batch = try await db.raw("SELECT MAX(id) AS n FROM import_batch").first()?.decode(column: "n", as: Int?.self) ?? 0
            let programmes = try await db.raw("SELECT COUNT(*) AS n, MAX(CAST(updated_at AS TEXT)) AS at FROM programme").first()
            let count = try programmes?.decode(column: "n", as: Int.self) ?? 0
            let at = try programmes?.decode(column: "at", as: String?.self) ?? ""
            return "\(batch)|\(count)|\(at)"
        }
    }
}
