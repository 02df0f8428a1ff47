import Foundation
import LumbungDomain
import SQLKit

/// Reads families with their members back into domain records — the fields indicators need (no names,
/// no KK numbers): what village tallies are computed from.
public enum FamilyRecords {
    /// A family and its members.
    public struct Family: Sendable {
        public let household: Household
        public let members: [Person]
    }

    /// Every family in `villages` (dotted codes) with its members.
    static func read(_ db: any SQLDatabase, villages: [String]) async throws -> [Family] {
        var households: [Int: Household] = [:]
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
            households[try row.decode(column: "id", as: Int.self)] = Household(
                kkNumber: nil, villageCode: try RegionCode(village), desil: try row.decode(column: "desil", as: Int?.self), housing: housing)
        }
        var members: [Int: [Person]] = [:]
        for row in try await db.raw("""
            SELECT household_id, nik, sex, CAST(birth_date AS TEXT) AS birth_date, relationship, disability, pregnant, chronic_illness,
                   school_participation, health_insurance, resident_status, stated_age, CAST(stated_age_on AS TEXT) AS stated_age_on
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
                healthInsurance: try row.decode(column: "health_insurance", as: Int?.self).map(HealthInsurance.init(rawValue:)),
                residentStatus: try code("resident_status", ResidentStatus.self),
                statedAge: try statedAge(row))
            members[try row.decode(column: "household_id", as: Int.self), default: []].append(person)
        }
        return households.sorted { $0.key < $1.key }.map { Family(household: $0.value, members: members[$0.key] ?? []) }
    }

    private static func statedAge(_ row: any SQLRow) throws -> StatedAge? {
        guard let years = try row.decode(column: "stated_age", as: Int?.self),
              let on = try row.decode(column: "stated_age_on", as: String?.self).flatMap({ CalendarDate(iso: $0.prefix(10)) }) else { return nil }
        return StatedAge(years: years, on: on)
    }

    /// Every family under `code` with its members (for checks against the stored tallies; reads O(people)).
    public static func read(_ database: Database, within code: RegionCode, tree: RegionTree) async throws -> [Family] {
        let villages = tree.descendants(of: code, depth: 4).map(\.code.dotted)
        return try await database.read { db in try await read(db, villages: villages) }
    }
}
