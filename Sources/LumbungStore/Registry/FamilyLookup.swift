import Foundation
import LumbungDomain
import SQLKit

/// A family as the registry holds it, found through one member's NIK: what a verifier needs at the door.
public struct FamilyCard: Sendable {
    public struct Member: Sendable {
        public let nik: String?
        public let name: String
        public let sex: Sex?
        public let birthDate: CalendarDate?
        public let relationship: FamilyRelationship?
        public let disability: DisabilityType?
        public let needsVerification: Bool
        /// The member whose NIK was looked up.
        public let isSubject: Bool
    }

    public let villageCode: RegionCode
    public let kkNumber: String?
    public let headName: String?
    public let address: String?
    public let desil: Int?
    public let members: [Member]
    /// Where the family's data came from: each import that gave some of it, oldest first.
    public let sources: [Source]
    /// The family's key in the registry (kabupaten/kota and id), to find what else is recorded of it (programmes).
    public var regencyCode = ""
    public var householdID = 0

    /// One import batch and what of this family it gave: the family or members it first recorded, and the
    /// fields it filled in or changed later (each field remembers the batch that gave its stored value).
    public struct Source: Sendable {
        public let batchID: Int
        public let fileName: String
        public let layout: String
        public let asOf: String?
        public let gave: [String]
    }
}

/// Finds a person's family by NIK, only within a region scope: the scope is part of the query, so a
/// person outside it is exactly as absent as one who does not exist (no hint either way).
public struct FamilyLookup: Sendable {
    private let database: Database
    private let tree: RegionTree

    public init(database: Database, tree: RegionTree) {
        self.database = database
        self.tree = tree
    }

    public func family(ofNIK nik: String, within scope: RegionCode) async throws -> FamilyCard? {
        // The registry is keyed by kabupaten/kota (partitions on PostgreSQL): name them, so the NIK index is used.
        let regencies = scope.depth >= 2 ? [scope.ancestors.first { $0.depth == 2 } ?? scope].map(\.dotted)
            : tree.children(of: scope).map(\.code.dotted)
        guard !regencies.isEmpty else { return nil }
        return try await database.read { db in
            guard let subject = try await db.raw("""
                SELECT p.id, p.regency_code, p.household_id FROM person p
                WHERE p.regency_code IN (\(binds: regencies)) AND p.nik = \(bind: nik)
                  AND \(RegionSQL.atOrBelow("p.village_code", scope))
                """).first() else { return nil }
            let regency = try subject.decode(column: "regency_code", as: String.self)
            let householdID = try subject.decode(column: "household_id", as: Int.self)
            let subjectID = try subject.decode(column: "id", as: Int.self)
            guard let family = try await db.raw("""
                SELECT village_code, kk_number, head_name, address, desil, first_batch_id FROM household WHERE regency_code = \(bind: regency) AND id = \(bind: householdID)
                """).first() else { return nil }
            let memberRows = try await db.raw("""
                SELECT id, nik, full_name, sex, CAST(birth_date AS TEXT) AS birth_date, relationship, disability, needs_verification, first_batch_id
                FROM person WHERE regency_code = \(bind: regency) AND household_id = \(bind: householdID)
                ORDER BY COALESCE(relationship, 99), birth_date, id
                """).all()
            let members = try memberRows.map { row in
                func code<L: CodeList>(_ column: String, _: L.Type) throws -> L? {
                    try row.decodeNil(column: column) ? nil : L(rawValue: try row.decode(column: column, as: Int.self))
                }
                return FamilyCard.Member(
                    nik: try row.decode(column: "nik", as: String?.self), name: try row.decode(column: "full_name", as: String.self),
                    sex: try code("sex", Sex.self),
                    birthDate: try row.decode(column: "birth_date", as: String?.self).flatMap { CalendarDate(iso: $0.prefix(10)) },
                    relationship: try code("relationship", FamilyRelationship.self), disability: try code("disability", DisabilityType.self),
                    needsVerification: try row.decode(column: "needs_verification", as: Bool.self),
                    isSubject: try row.decode(column: "id", as: Int.self) == subjectID)
            }
            // What each batch gave: the family and members it first recorded, then the fields it filled in or changed.
            var gave: [Int: [String]] = [:]
            if let first = try family.decode(column: "first_batch_id", as: Int?.self) { gave[first, default: []].append("keluarga") }
            var names: [Int: String] = [:], firstOfMembers: [Int: Int] = [:]
            for row in memberRows {
                let id = try row.decode(column: "id", as: Int.self)
                names[id] = try row.decode(column: "full_name", as: String.self)
                if let first = try row.decode(column: "first_batch_id", as: Int?.self) { firstOfMembers[first, default: 0] += 1 }
            }
            for (batch, n) in firstOfMembers { gave[batch, default: []].append("\(n) anggota") }
            let changed = try await db.raw("""
                SELECT record_kind, record_id, field, batch_id FROM field_source WHERE regency_code = \(bind: regency)
                  AND ((record_kind = 'household' AND record_id = \(bind: householdID))
                    OR (record_kind = 'person' AND record_id IN (\(binds: Array(names.keys) + [-1]))))
                ORDER BY record_kind, record_id, field
                """).all()
            for row in changed {
                let field = try row.decode(column: "field", as: String.self), batch = try row.decode(column: "batch_id", as: Int.self)
                if try row.decode(column: "record_kind", as: String.self) == "household" {
                    gave[batch, default: []].append(RegistryImport.fieldLabel(field))
                } else {
                    let who = names[try row.decode(column: "record_id", as: Int.self)] ?? "?"
                    gave[batch, default: []].append("\(RegistryImport.fieldLabel("person." + field)) (\(who))")
                }
            }
            var sources: [FamilyCard.Source] = []
            if !gave.isEmpty {
                for row in try await db.raw("""
                    SELECT id, file_name, layout, CAST(as_of AS TEXT) AS as_of FROM import_batch WHERE id IN (\(binds: Array(gave.keys))) ORDER BY id
                    """).all() {
                    let id = try row.decode(column: "id", as: Int.self)
                    sources.append(.init(batchID: id, fileName: try row.decode(column: "file_name", as: String.self),
                                         layout: try row.decode(column: "layout", as: String.self),
                                         asOf: try row.decode(column: "as_of", as: String?.self), gave: gave[id] ?? []))
                }
            }
            return FamilyCard(villageCode: try RegionCode(try family.decode(column: "village_code", as: String.self)),
                              kkNumber: try family.decode(column: "kk_number", as: String?.self),
                              headName: try family.decode(column: "head_name", as: String?.self),
                              address: try family.decode(column: "address", as: String?.self),
                              desil: try family.decode(column: "desil", as: Int?.self), members: members, sources: sources,
                              regencyCode: regency, householdID: householdID)
        }
    }
}
