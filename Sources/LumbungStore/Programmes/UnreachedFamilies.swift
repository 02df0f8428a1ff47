import Foundation
import LumbungDomain
import SQLKit

/// A family of the registry that no running programme reaches, as a list for verification shows it.
public struct UnreachedFamily: Sendable, Equatable, Encodable {
    public let kkNumber: String?
    /// The name of the family's head as the registry gives it.
    public let headName: String?
    public let village: String
    public let address: String?
    public let rt: String?
    public let rw: String?
    public let desil: Int
    /// Residents of the family (`ResidentStatus.countsAsResident`).
    public let members: Int
}

extension ProgrammeStore {
    /// The families within `region` of `selection`'s desil that no running programme reaches (only programmes of
    /// `sector` count when it is given): the families `coverageByVillage` counts as `desil1UnreachedFamilies` or
    /// `eligibleUnreachedFamilies`. By desa, desil and head's name; `limit` rows from `offset`, and how many there are.
    public func unreachedFamilies(within region: RegionCode, selection: UnreachedSelection, sector: Sector? = nil,
                                  limit: Int = 200, offset: Int = 0) async throws -> (families: [UnreachedFamily], total: Int) {
        try await database.read { db in
            var condition: SQLQueryString = "\(RegionSQL.atOrBelow("h.village_code", region)) AND h.desil BETWEEN \(bind: selection.desil.lowerBound) AND \(bind: selection.desil.upperBound)"
            condition.appendInterpolation(unsafeRaw: """
                 AND NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.regency_code = h.regency_code AND e.household_id = h.id AND e.ended_on IS NULL
                """)
            if let sector {
                let ids = try await fetchProgrammes(db).filter { $0.programme.sectors.contains(sector) }.compactMap(\.programme.id)
                condition.appendInterpolation(unsafeRaw: " AND e.programme_id IN (")
                condition.appendInterpolation(binds: ids.isEmpty ? [0] : ids)
                condition.appendInterpolation(unsafeRaw: ")")
            }
            condition.appendInterpolation(unsafeRaw: ")")
            let total = try await db.raw("SELECT COUNT(*) AS n FROM household h WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
            let rows = try await db.raw("""
                SELECT h.kk_number, h.head_name, h.village_code, h.address, h.rt, h.rw, h.desil,
                       \(unsafeRaw: ResidentSQL.residents(ofFamily: "h")) AS members
                FROM household h WHERE \(condition)
                ORDER BY h.village_code, h.desil, h.head_name, h.id
                LIMIT \(unsafeRaw: String(max(0, min(limit, 100_000)))) OFFSET \(unsafeRaw: String(max(0, offset)))
                """).all()
            let families = try rows.map { row in
                UnreachedFamily(
                    kkNumber: try row.decode(column: "kk_number", as: String?.self), headName: try row.decode(column: "head_name", as: String?.self),
                    village: try row.decode(column: "village_code", as: String.self), address: try row.decode(column: "address", as: String?.self),
                    rt: try row.decode(column: "rt", as: String?.self), rw: try row.decode(column: "rw", as: String?.self),
                    desil: try row.decode(column: "desil", as: Int.self), members: try row.decode(column: "members", as: Int.self))
            }
            return (families, total)
        }
    }
}
