import LumbungDomain
import SQLKit

extension ProgrammeStore {
    /// Programme coverage of every desa within `region` that holds families: families by desil from the registry,
    /// and each enrolled family with the set of programmes reaching it, counted with `CoverageRules` (in Swift, not
    /// SQL: the rules live once, in the domain). The SQL only groups: one row per desa × desil × set of programmes.
    ///
    /// - Parameters:
    ///   - sector: only programmes of this sector count as reaching a family.
    ///   - programmes: only these programme codes count (`nil`: all).
    public func coverageByVillage(within region: RegionCode, sector: Sector? = nil, programmes codes: Set<String>? = nil) async throws -> [RegionCode: CoverageTally] {
        let engine = database.engine
        return try await database.read { db in
            let records = try await fetchProgrammes(db).filter { record in
                (sector.map { record.programme.sectors.contains($0) } ?? true) && (codes.map { $0.contains(record.programme.code.value) } ?? true)
            }
            var receipts: [Int: CoverageRules.Receipt] = [:]
            for record in records {
                guard let id = record.programme.id, let organisation = record.organisation.id else { continue }
                receipts[id] = CoverageRules.Receipt(programme: record.programme.code.value, organisation: organisation, sectors: record.programme.sectors)
            }
            var tallies: [RegionCode: CoverageTally] = [:]
            var villages: [String: RegionCode] = [:]
            func village(_ text: String) -> RegionCode? {
                if let code = villages[text] { return code }
                let code = try? RegionCode(text)
                villages[text] = code
                return code
            }
            for row in try await db.raw("""
                SELECT village_code, desil, COUNT(*) AS n FROM household WHERE \(RegionSQL.atOrBelow("village_code", region)) GROUP BY village_code, desil
                """).all() {
                guard let code = village(try row.decode(column: "village_code", as: String.self)) else { continue }
                tallies[code, default: CoverageTally()].addFamilies(desil: try row.decode(column: "desil", as: Int?.self), count: try row.decode(column: "n", as: Int.self))
            }
            guard !receipts.isEmpty else { return tallies }
            let programmeList = engine == .postgres
                ? "string_agg(DISTINCT CAST(e.programme_id AS TEXT), ',' ORDER BY CAST(e.programme_id AS TEXT))"
                : "group_concat(DISTINCT e.programme_id)"
            var onlyProgrammes = SQLQueryString("")
            if sector != nil || codes != nil {
                onlyProgrammes.appendInterpolation(unsafeRaw: " AND e.programme_id IN (")
                onlyProgrammes.appendInterpolation(binds: receipts.keys.sorted())
                onlyProgrammes.appendInterpolation(unsafeRaw: ")")
            }
            // Per desa × desil × programme set: the number of families. Sets are sorted in Swift (SQLite's order is its own).
            var groups: [String: [String: [Int?: Int]]] = [:]
            for row in try await db.raw("""
                SELECT village_code, desil, programmes, COUNT(*) AS n FROM (
                  SELECT h.village_code, h.desil, \(unsafeRaw: programmeList) AS programmes
                  FROM enrolment e JOIN household h ON h.regency_code = e.regency_code AND h.id = e.household_id
                  WHERE e.household_id IS NOT NULL AND \(RegionSQL.atOrBelow("h.village_code", region))\(onlyProgrammes)
                  GROUP BY h.regency_code, h.id, h.village_code, h.desil
                ) AS family GROUP BY village_code, desil, programmes
                """).all() {
                let villageText = try row.decode(column: "village_code", as: String.self)
                let set = try row.decode(column: "programmes", as: String.self).split(separator: ",").compactMap { Int($0) }.sorted()
                    .map(String.init).joined(separator: ",")
                groups[villageText, default: [:]][set, default: [:]][try row.decode(column: "desil", as: Int?.self), default: 0] += try row.decode(column: "n", as: Int.self)
            }
            var cache: [String: [CoverageRules.Receipt]] = [:]
            for (villageText, sets) in groups {
                guard let code = village(villageText) else { continue }
                var tally = tallies[code] ?? CoverageTally()
                for (set, byDesil) in sets {
                    let list = cache[set] ?? set.split(separator: ",").compactMap { Int($0).flatMap { receipts[$0] } }
                    cache[set] = list
                    for (desil, count) in byDesil { tally.addReached(desil: desil, receipts: list, count: count) }
                }
                tallies[code] = tally
            }
            return tallies
        }
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
