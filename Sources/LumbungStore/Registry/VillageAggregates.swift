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

    /// Recomputes every village holding a family or person written by `batchID`; returns how many.
    func refresh(batchID: Int) async throws -> Int {
        let touched = try await db.raw("""
            SELECT DISTINCT village_code FROM household WHERE last_batch_id = \(bind: batchID)
            UNION SELECT DISTINCT village_code FROM person WHERE last_batch_id = \(bind: batchID)
            """).all().map { try $0.decode(column: "village_code", as: String.self) }.sorted()
        var start = 0
        while start < touched.count {
            let villages = Array(touched[start..<min(start + Self.villagesPerPass, touched.count)])
            try await recompute(villages)
            start += Self.villagesPerPass
        }
        return touched.count
    }

    private func recompute(_ villages: [String]) async throws {
        var households: [Int: (village: String, household: Household)] = [:]
        for row in try await db.raw("""
            SELECT id, village_code, desil, building_ownership, floor_area, floor, wall, roof, drinking_water, lighting, cooking_fuel,
                   defecation_facility, toilet_type, sewage_disposal
            FROM household WHERE village_code IN (\(binds: villages))
            """).all() {
            let village = try row.decode(column: "village_code", as: String.self)
            func code<L: CodeList>(_ column: String, _: L.Type) throws -> L? {
                try row.decodeNil(column: column) ? nil : L(rawValue: try row.decode(column: column, as: Int.self))
            }
            let housing = Housing(
                buildingOwnership: try code("building_ownership", BuildingOwnership.self), floorArea: try row.decode(column: "floor_area", as: Int?.self),
                floor: try code("floor", FloorMaterial.self), wall: try code("wall", WallMaterial.self), roof: try code("roof", RoofMaterial.self),
                drinkingWater: try code("drinking_water", DrinkingWaterSource.self), lighting: try code("lighting", LightingSource.self),
                cookingFuel: try code("cooking_fuel", CookingFuel.self), defecationFacility: try code("defecation_facility", DefecationFacility.self),
                toiletType: try code("toilet_type", ToiletType.self), sewageDisposal: try code("sewage_disposal", SewageDisposal.self))
            households[try row.decode(column: "id", as: Int.self)] = (village, Household(
                kkNumber: nil, villageCode: try RegionCode(village), desil: try row.decode(column: "desil", as: Int?.self), housing: housing))
        }
        var members: [Int: [Person]] = [:]
        for row in try await db.raw("""
            SELECT household_id, nik, sex, CAST(birth_date AS TEXT) AS birth_date, relationship, disability, pregnant, chronic_illness,
                   school_participation, health_insurance
            FROM person WHERE village_code IN (\(binds: villages))
            """).all() {
            func code<L: CodeList>(_ column: String, _: L.Type) throws -> L? {
                try row.decodeNil(column: column) ? nil : L(rawValue: try row.decode(column: column, as: Int.self))
            }
            let birth = try row.decode(column: "birth_date", as: String?.self).flatMap { CalendarDate(iso: $0.prefix(10)) }
            let person = Person(
                nik: try row.decode(column: "nik", as: String?.self), name: "", sex: try code("sex", Sex.self), birthDate: birth,
                relationship: try code("relationship", FamilyRelationship.self), disability: try code("disability", DisabilityType.self),
                pregnant: try row.decode(column: "pregnant", as: Bool?.self) ?? false,
                chronicIllness: try row.decode(column: "chronic_illness", as: Int?.self),
                schoolParticipation: try code("school_participation", SchoolParticipation.self),
                healthInsurance: try row.decode(column: "health_insurance", as: Int?.self).map(HealthInsurance.init(rawValue:)))
            members[try row.decode(column: "household_id", as: Int.self), default: []].append(person)
        }
        var tallies: [String: RegionTally] = Dictionary(uniqueKeysWithValues: villages.map { ($0, RegionTally()) })
        for (id, entry) in households {
            let rural = tree[entry.household.villageCode]?.level != .kelurahan
            tallies[entry.village]?.add(household: entry.household, members: members[id] ?? [], asOf: asOf, rural: rural)
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
