import Foundation
import LumbungDomain
import SQLKit

/// Reads the region tables.
public struct RegionStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The whole region tree (1,294 regions for NTB).
    public func fetchTree() async throws -> RegionTree {
        try await database.read { db in try await Self.tree(on: db) }
    }

    /// The region tree read through `db` (inside a transaction or a migration).
    static func tree(on db: any SQLDatabase) async throws -> RegionTree {
        let rows = try await db.raw("SELECT code, name, level FROM region ORDER BY code").all()
        return RegionTree(try rows.map { row in
            let code = try row.decode(column: "code", as: String.self)
            let level = try row.decode(column: "level", as: String.self)
            guard let regionCode = try? RegionCode(code), let regionLevel = RegionLevel(rawValue: level) else {
                throw StoreError.queryFailed(reason: "region table holds an invalid row \(code)")
            }
            return Region(code: regionCode, name: try row.decode(column: "name", as: String.self), level: regionLevel)
        })
    }

    /// The boundaries of the given regions that have one (16 newer NTB desa have none yet).
    public func fetchBoundaries(_ codes: [RegionCode]) async throws -> [RegionCode: Boundary] {
        guard !codes.isEmpty else { return [:] }
        let dotted = codes.map(\.dotted)
        let rows = try await database.read { db in
            try await db.raw("""
                SELECT region_code, geometry FROM region_boundary WHERE region_code IN (\(binds: dotted))
                """).all()
        }
        var result: [RegionCode: Boundary] = [:]
        for row in rows {
            let code = try RegionCode(try row.decode(column: "region_code", as: String.self))
            let geometry = try row.decode(column: "geometry", as: String.self)
            result[code] = try Boundary(geoJSONGeometry: Data(geometry.utf8))
        }
        return result
    }

    /// The Kemendagri region a BPS (Wilkerstat) code denotes, if the crosswalk knows it.
    public func region(forBPSCode bpsCode: String) async throws -> RegionCode? {
        let rows = try await database.read { db in
            try await db.raw("SELECT region_code FROM region_bps_code WHERE bps_code = \(bind: bpsCode)").all()
        }
        return try rows.first.map { try RegionCode(try $0.decode(column: "region_code", as: String.self)) }
    }
}
