import LumbungDomain
import SQLKit

extension ProgrammeStore {
    /// Every programme that reaches the family (through it or any member), with periods and amounts; only the
    /// programmes of `organisation` when given (a partner sees its own programmes' people only).
    public func programmes(ofFamily regency: String, household: Int, organisation: String? = nil) async throws -> [FamilyProgramme] {
        try await database.read { db in
            let sectors = try await Self.sectorsByProgramme(db)
            var query: SQLQueryString = """
                SELECT p.id AS programme_id, p.code, p.name, o.name AS organisation_name, e.period, CAST(e.received_on AS TEXT) AS received_on, e.amount,
                       e.match_kind, pe.full_name AS person_name, p.unit, e.participant_number
                FROM enrolment e JOIN programme p ON p.id = e.programme_id JOIN organisation o ON o.id = p.organisation_id
                LEFT JOIN person pe ON pe.regency_code = e.regency_code AND pe.id = e.person_id
                WHERE e.regency_code = \(bind: regency) AND e.household_id = \(bind: household) AND e.ended_on IS NULL
                """
            if let organisation {
                query.appendInterpolation(unsafeRaw: " AND lower(o.name) = lower(")
                query.appendInterpolation(bind: organisation)
                query.appendInterpolation(unsafeRaw: ")")
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY p.code, e.period, e.id")
            return try await db.raw(query).all().map { row in
                let person = try row.decode(column: "unit", as: String.self) == ProgrammeUnit.person.rawValue
                return FamilyProgramme(
                    code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                    organisation: try row.decode(column: "organisation_name", as: String.self),
                    sectors: sectors[try row.decode(column: "programme_id", as: Int.self)] ?? [],
                    period: try row.decode(column: "period", as: String.self),
                    receivedOn: try row.decode(column: "received_on", as: String?.self).flatMap { CalendarDate(iso: $0) },
                    amount: try row.decode(column: "amount", as: Int?.self),
                    personName: person ? try row.decode(column: "person_name", as: String?.self) : nil,
                    match: EnrolmentMatch(rawValue: try row.decode(column: "match_kind", as: String.self)) ?? .unmatched,
                    participantNumber: try row.decode(column: "participant_number", as: String?.self))
            }
        }
    }

    static func sectorsByProgramme(_ db: any SQLDatabase) async throws -> [Int: [Sector]] {
        var sectors: [Int: [Sector]] = [:]
        for row in try await db.raw("SELECT programme_id, sector FROM programme_sector").all() {
            if let sector = Sector(rawValue: try row.decode(column: "sector", as: String.self)) {
                sectors[try row.decode(column: "programme_id", as: Int.self), default: []].append(sector)
            }
        }
        return sectors.mapValues { $0.sorted() }
    }

    /// A programme's enrolments inside `scope` (by the family's desa, or the list's for unmatched ones), optionally
    /// only those matched a given way, in list order.
    public func enrolments(of code: ProgrammeCode, within scope: RegionCode? = nil, match: EnrolmentMatch? = nil,
                           limit: Int = 100, offset: Int = 0) async throws -> [EnrolmentRecord] {
        try await database.read { db in
            var query: SQLQueryString = """
                SELECT e.id, e.nik, e.kk_number, e.full_name, COALESCE(e.village_code, e.listed_village_code) AS village, e.period,
                       CAST(e.received_on AS TEXT) AS received_on, e.amount, e.match_kind, h.desil, e.participant_number
                FROM enrolment e JOIN programme p ON p.id = e.programme_id
                LEFT JOIN household h ON h.regency_code = e.regency_code AND h.id = e.household_id
                WHERE p.code = \(bind: code.value) AND e.ended_on IS NULL
                """
            if let scope, scope.depth > 1 {
                query.appendInterpolation(unsafeRaw: " AND (")
                query.appendInterpolation(RegionSQL.atOrBelow("e.village_code", scope))
                query.appendInterpolation(unsafeRaw: " OR e.village_code IS NULL AND ")
                query.appendInterpolation(RegionSQL.atOrBelow("e.listed_village_code", scope))
                query.appendInterpolation(unsafeRaw: ")")
            }
            if let match {
                query.appendInterpolation(unsafeRaw: " AND e.match_kind = ")
                query.appendInterpolation(bind: match.rawValue)
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY e.id LIMIT \(max(0, min(limit, 10_000))) OFFSET \(max(0, offset))")
            return try await db.raw(query).all().map { row in
                EnrolmentRecord(
                    id: try row.decode(column: "id", as: Int.self), nik: try row.decode(column: "nik", as: String?.self),
                    kkNumber: try row.decode(column: "kk_number", as: String?.self), name: try row.decode(column: "full_name", as: String?.self),
                    village: try row.decode(column: "village", as: String?.self), period: try row.decode(column: "period", as: String.self),
                    receivedOn: try row.decode(column: "received_on", as: String?.self).flatMap { CalendarDate(iso: $0) },
                    amount: try row.decode(column: "amount", as: Int?.self),
                    match: EnrolmentMatch(rawValue: try row.decode(column: "match_kind", as: String.self)) ?? .unmatched,
                    desil: try row.decode(column: "desil", as: Int?.self), participantNumber: try row.decode(column: "participant_number", as: String?.self))
            }
        }
    }
}
