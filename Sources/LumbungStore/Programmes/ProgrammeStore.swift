import Foundation
import LumbungDomain
import SQLKit

/// Organisations and their programmes: add, change, close, list, show. Every change is written with its audit
/// event in the same transaction. Beneficiary lists (`importEnrolments`), the family's programmes and coverage
/// live in the extensions beside this file.
public struct ProgrammeStore: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    var dialect: SchemaDialect { SchemaDialect(engine: database.engine) }

    // MARK: Organisations

    static let organisationColumns = "o.id AS organisation_id, o.name AS organisation_name, o.kind AS organisation_kind, o.region_code AS organisation_region, "
        + "CAST(o.closed_on AS TEXT) AS organisation_closed_on"

    static func organisation(_ row: any SQLRow) throws -> Organisation {
        guard let kind = OrganisationKind(rawValue: try row.decode(column: "organisation_kind", as: String.self)) else {
            throw StoreError.queryFailed(reason: "organisation holds an unknown kind")
        }
        let region = try row.decode(column: "organisation_region", as: String?.self).flatMap { try? RegionCode($0) }
        return Organisation(id: try row.decode(column: "organisation_id", as: Int.self), name: try row.decode(column: "organisation_name", as: String.self),
                            kind: kind, region: region,
                            closedOn: try row.decode(column: "organisation_closed_on", as: String?.self).flatMap { CalendarDate(iso: $0) })
    }

    /// Registers an organisation. Throws `ProgrammeProblem` when its name is missing or taken, or its region unknown.
    public func addOrganisation(_ organisation: Organisation, by actor: AuditActor) async throws -> Organisation {
        if let problem = organisation.problems().first { throw problem }
        let name = organisation.name.trimmingCharacters(in: .whitespaces)
        return try await database.transaction { db in
            try await Self.insertOrganisation(db, name: name, kind: organisation.kind, region: organisation.region, engine: database.engine, actor: actor)
        }
    }

    static func insertOrganisation(_ db: any SQLDatabase, name: String, kind: OrganisationKind, region: RegionCode?, engine: Database.Engine,
                                   actor: AuditActor) async throws -> Organisation {
        if try await db.raw("SELECT id FROM organisation WHERE lower(name) = lower(\(bind: name))").first() != nil {
            throw ProgrammeProblem.organisationNameTaken(name)
        }
        if let region, try await db.raw("SELECT code FROM region WHERE code = \(bind: region.dotted)").first() == nil {
            throw ProgrammeProblem.regionUnknown(region.dotted)
        }
        guard let row = try await db.raw("""
            INSERT INTO organisation (name, kind, region_code) VALUES (\(bind: name), \(bind: kind.rawValue), \(bind: region?.dotted)) RETURNING id
            """).first() else { throw StoreError.queryFailed(reason: "the new organisation has no id") }
        try await AuditLog.append(db, engine: engine, actor: actor, action: .organisationAdded, region: region?.dotted, target: name)
        return Organisation(id: try row.decode(column: "id", as: Int.self), name: name, kind: kind, region: region)
    }

    public func organisations() async throws -> [Organisation] {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.organisationColumns) FROM organisation o ORDER BY o.name").all().map(Self.organisation)
        }
    }

    /// The organisation called `name` (case ignored).
    public func organisation(named name: String) async throws -> Organisation? {
        try await database.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.organisationColumns) FROM organisation o WHERE lower(o.name) = lower(\(bind: name.trimmingCharacters(in: .whitespaces)))
                """).first().map(Self.organisation)
        }
    }

    /// The organisation with the id `id`.
    public func organisation(id: Int) async throws -> Organisation? {
        try await database.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.organisationColumns) FROM organisation o WHERE o.id = \(bind: id)").first().map(Self.organisation)
        }
    }

    /// Changes an organisation's name and kind (`nil`: kept), with its audit event. Its programmes follow it (they
    /// refer to it by id), and so do its partners' users and column templates (they name it); the same name and kind
    /// again change and log nothing. Throws `ProgrammeProblem` when it is unknown, or the new name is missing, too long or taken.
    public func changeOrganisation(_ id: Int, name: String? = nil, kind: OrganisationKind? = nil, by actor: AuditActor) async throws -> Organisation {
        let engine = database.engine
        return try await database.transaction { db in
            guard let current = try await db.raw("SELECT \(unsafeRaw: Self.organisationColumns) FROM organisation o WHERE o.id = \(bind: id)").first()
                .map(Self.organisation) else { throw ProgrammeProblem.organisationUnknown(String(id)) }
            var changed = current
            if let name { changed.name = name.trimmingCharacters(in: .whitespaces) }
            if let kind { changed.kind = kind }
            if let problem = changed.problems().first { throw problem }
            // The same name and kind again: nothing to write, nothing to log.
            if changed == current { return current }
            if try await db.raw("SELECT id FROM organisation WHERE lower(name) = lower(\(bind: changed.name)) AND id <> \(bind: id)").first() != nil {
                throw ProgrammeProblem.organisationNameTaken(changed.name)
            }
            try await db.raw("UPDATE organisation SET name = \(bind: changed.name), kind = \(bind: changed.kind.rawValue) WHERE id = \(bind: id)").run()
            if changed.name != current.name {
                // Partners' users and saved column templates name their organisation: they follow the new name.
                for table in ["app_user", "column_template"] {
                    try await db.raw("UPDATE \(unsafeRaw: table) SET organisation = \(bind: changed.name) WHERE lower(organisation) = lower(\(bind: current.name))").run()
                }
            }
            // A rename names the old and the new name: the log still finds the organisation by either.
            try await AuditLog.append(db, engine: engine, actor: actor, action: .organisationChanged, region: current.managingRegion?.dotted,
                                      target: changed.name == current.name ? changed.name : "\(current.name) → \(changed.name)")
            return changed
        }
    }

    /// Closes an organisation on `date`: it keeps its programmes and what they reached, but gets no new programmes.
    /// Throws `ProgrammeProblem` when it is unknown or already closed.
    public func closeOrganisation(_ id: Int, on date: CalendarDate, by actor: AuditActor) async throws -> Organisation {
        let dialect = self.dialect
        return try await database.transaction { db in
            guard var organisation = try await db.raw("SELECT \(unsafeRaw: Self.organisationColumns) FROM organisation o WHERE o.id = \(bind: id)").first()
                .map(Self.organisation) else { throw ProgrammeProblem.organisationUnknown(String(id)) }
            if organisation.closedOn != nil { throw ProgrammeProblem.organisationAlreadyClosed(organisation.name) }
            try await db.raw("UPDATE organisation SET closed_on = \(Self.date(date, dialect)) WHERE id = \(bind: id)").run()
            try await AuditLog.append(db, engine: dialect.engine, actor: actor, action: .organisationClosed, region: organisation.managingRegion?.dotted,
                                      target: organisation.name)
            organisation.closedOn = date
            return organisation
        }
    }

    // MARK: Programmes

    static let programmeColumns = """
        p.id, p.code, p.name, p.organisation_id, p.unit, p.funding_source, CAST(p.start_date AS TEXT) AS start_date,
        CAST(p.end_date AS TEXT) AS end_date, p.budget, p.eligibility, p.maximum_desil, CAST(p.closed_on AS TEXT) AS closed_on
        """

    /// Every programme (with sectors and regions), optionally only those of one organisation.
    func fetchProgrammes(_ db: any SQLDatabase, code: ProgrammeCode? = nil) async throws -> [ProgrammeRecord] {
        try await Self.fetchProgrammes(db, code: code)
    }

    static func fetchProgrammes(_ db: any SQLDatabase, code: ProgrammeCode? = nil) async throws -> [ProgrammeRecord] {
        var query = SQLQueryString("SELECT \(unsafeRaw: Self.programmeColumns), \(unsafeRaw: Self.organisationColumns) FROM programme p JOIN organisation o ON o.id = p.organisation_id")
        if let code { query.appendInterpolation(unsafeRaw: " WHERE p.code = "); query.appendInterpolation(bind: code.value) }
        query.appendInterpolation(unsafeRaw: " ORDER BY p.code")
        let rows = try await db.raw(query).all()
        guard !rows.isEmpty else { return [] }
        var sectors: [Int: [Sector]] = [:], regions: [Int: [RegionCode]] = [:]
        for row in try await db.raw("SELECT programme_id, sector FROM programme_sector").all() {
            if let sector = Sector(rawValue: try row.decode(column: "sector", as: String.self)) {
                sectors[try row.decode(column: "programme_id", as: Int.self), default: []].append(sector)
            }
        }
        for row in try await db.raw("SELECT programme_id, region_code FROM programme_region ORDER BY region_code").all() {
            if let code = try? RegionCode(try row.decode(column: "region_code", as: String.self)) {
                regions[try row.decode(column: "programme_id", as: Int.self), default: []].append(code)
            }
        }
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int.self)
            guard let code = ProgrammeCode(try row.decode(column: "code", as: String.self)),
                  let unit = ProgrammeUnit(rawValue: try row.decode(column: "unit", as: String.self)),
                  let start = CalendarDate(iso: try row.decode(column: "start_date", as: String.self)) else {
                throw StoreError.queryFailed(reason: "programme \(id) holds an invalid code, unit or start date")
            }
            let programme = Programme(
                id: id, code: code, name: try row.decode(column: "name", as: String.self), organisationID: try row.decode(column: "organisation_id", as: Int.self),
                sectors: (sectors[id] ?? []).sorted(), unit: unit, fundingSource: try row.decode(column: "funding_source", as: String.self), start: start,
                end: try row.decode(column: "end_date", as: String?.self).flatMap { CalendarDate(iso: $0) },
                budget: try row.decode(column: "budget", as: Int?.self), targetRegions: regions[id] ?? [],
                eligibility: try row.decode(column: "eligibility", as: String.self), maximumDesil: try row.decode(column: "maximum_desil", as: Int?.self),
                closedOn: try row.decode(column: "closed_on", as: String?.self).flatMap { CalendarDate(iso: $0) })
            return ProgrammeRecord(programme: programme, organisation: try Self.organisation(row))
        }
    }

    /// Programmes working in `scope` (a target region inside it or containing it), optionally only those of the
    /// organisation called `organisation` (a partner's), with their enrolment counts inside `scope`.
    /// - Parameter counted: with the enrolment counts (a scan of the programme's enrolments in `scope`); without, the
    ///   catalogue alone, for pages that take their figures from the coverage tallies.
    public func programmes(visibleIn scope: RegionCode? = nil, organisation: String? = nil, counted: Bool = true) async throws -> [ProgrammeRecord] {
        try await database.read { db in
            var records = try await fetchProgrammes(db).filter { record in
                guard let scope else { return true }
                return record.programme.targetRegions.contains { $0.contains(scope) || scope.contains($0) }
            }
            if let organisation { records = records.filter { $0.organisation.name.lowercased() == organisation.lowercased() } }
            if counted { try await Self.addCounts(db, to: &records, within: scope) }
            return records
        }
    }

    /// One programme with its counts inside `scope`.
    public func programme(_ code: ProgrammeCode, within scope: RegionCode? = nil) async throws -> ProgrammeRecord? {
        try await database.read { db in
            var records = try await fetchProgrammes(db, code: code)
            try await Self.addCounts(db, to: &records, within: scope)
            return records.first
        }
    }

    static func addCounts(_ db: any SQLDatabase, to records: inout [ProgrammeRecord], within scope: RegionCode?) async throws {
        guard !records.isEmpty else { return }
        let ids = records.compactMap(\.programme.id)
        var filter = SQLQueryString(" programme_id IN (\(binds: ids))")
        if let scope, scope.depth > 1 {
            // Unmatched enrolments have no family desa: the list's own desa places them.
            filter.appendInterpolation(unsafeRaw: " AND (")
            filter.appendInterpolation(RegionSQL.atOrBelow("village_code", scope))
            filter.appendInterpolation(unsafeRaw: " OR village_code IS NULL AND ")
            filter.appendInterpolation(RegionSQL.atOrBelow("listed_village_code", scope))
            filter.appendInterpolation(unsafeRaw: ")")
        }
        var byMatch: [Int: [String: Int]] = [:], families: [Int: Int] = [:]
        for row in try await db.raw("SELECT programme_id, match_kind, COUNT(*) AS n FROM enrolment WHERE ended_on IS NULL AND \(filter) GROUP BY programme_id, match_kind").all() {
            byMatch[try row.decode(column: "programme_id", as: Int.self), default: [:]][try row.decode(column: "match_kind", as: String.self)] =
                try row.decode(column: "n", as: Int.self)
        }
        for row in try await db.raw("""
            SELECT programme_id, COUNT(*) AS n FROM (SELECT DISTINCT programme_id, regency_code, household_id FROM enrolment
              WHERE household_id IS NOT NULL AND ended_on IS NULL AND \(filter)) AS reached GROUP BY programme_id
            """).all() {
            families[try row.decode(column: "programme_id", as: Int.self)] = try row.decode(column: "n", as: Int.self)
        }
        for index in records.indices {
            guard let id = records[index].programme.id else { continue }
            records[index].enrolmentsByMatch = byMatch[id] ?? [:]
            records[index].familiesReached = families[id] ?? 0
        }
    }

    /// Registers a programme. Throws the first `ProgrammeProblem` it has (`Programme.problems()`, then a taken code,
    /// an unknown organisation or region).
    public func add(_ programme: Programme, by actor: AuditActor) async throws -> ProgrammeRecord {
        if let problem = programme.problems().first { throw problem }
        let engine = database.engine
        let id = try await database.transaction { db in
            try await Self.insert(db, programme, dialect: SchemaDialect(engine: engine), actor: actor)
        }
        guard let record = try await self.programme(programme.code), record.programme.id == id else {
            throw StoreError.queryFailed(reason: "the new programme was not found")
        }
        return record
    }

    static func insert(_ db: any SQLDatabase, _ programme: Programme, dialect: SchemaDialect, actor: AuditActor) async throws -> Int {
        if try await db.raw("SELECT id FROM programme WHERE code = \(bind: programme.code.value)").first() != nil {
            throw ProgrammeProblem.codeTaken(programme.code.value)
        }
        try await checkReferences(db, programme, keeping: nil)
        guard let row = try await db.raw("""
            INSERT INTO programme (code, name, organisation_id, unit, funding_source, start_date, end_date, budget, eligibility, maximum_desil, closed_on)
            VALUES (\(bind: programme.code.value), \(bind: programme.name.trimmingCharacters(in: .whitespaces)), \(bind: programme.organisationID),
                    \(bind: programme.unit.rawValue), \(bind: programme.fundingSource), \(date(programme.start, dialect)), \(date(programme.end, dialect)),
                    \(bind: programme.budget), \(bind: programme.eligibility), \(bind: programme.maximumDesil), \(date(programme.closedOn, dialect)))
            RETURNING id
            """).first() else { throw StoreError.queryFailed(reason: "the new programme has no id") }
        let id = try row.decode(column: "id", as: Int.self)
        try await writeLists(db, id: id, programme)
        try await AuditLog.append(db, engine: dialect.engine, actor: actor, action: .programmeAdded, region: programme.targetRegions.first?.dotted,
                                  target: programme.code.value)
        return id
    }

    /// Changes a programme's fields (the code stays: lists and reports name it).
    public func update(_ programme: Programme, by actor: AuditActor) async throws -> ProgrammeRecord {
        if let problem = programme.problems().first { throw problem }
        let dialect = self.dialect
        try await database.transaction { db in
            try await Self.change(db, programme, dialect: dialect, actor: actor)
        }
        guard let record = try await self.programme(programme.code) else { throw ProgrammeProblem.programmeUnknown(programme.code.value) }
        return record
    }

    /// Writes a programme's changed fields, sectors and regions, with its audit event, inside `db`'s transaction.
    static func change(_ db: any SQLDatabase, _ programme: Programme, dialect: SchemaDialect, actor: AuditActor) async throws {
        guard let row = try await db.raw("SELECT id, organisation_id FROM programme WHERE code = \(bind: programme.code.value)").first() else {
            throw ProgrammeProblem.programmeUnknown(programme.code.value)
        }
        let id = try row.decode(column: "id", as: Int.self)
        try await checkReferences(db, programme, keeping: try row.decode(column: "organisation_id", as: Int.self))
        try await db.raw("""
            UPDATE programme SET name = \(bind: programme.name.trimmingCharacters(in: .whitespaces)), organisation_id = \(bind: programme.organisationID),
              unit = \(bind: programme.unit.rawValue), funding_source = \(bind: programme.fundingSource), start_date = \(date(programme.start, dialect)),
              end_date = \(date(programme.end, dialect)), budget = \(bind: programme.budget), eligibility = \(bind: programme.eligibility),
              maximum_desil = \(bind: programme.maximumDesil), updated_at = \(unsafeRaw: dialect.now)
            WHERE id = \(bind: id)
            """).run()
        try await db.raw("DELETE FROM programme_sector WHERE programme_id = \(bind: id)").run()
        try await db.raw("DELETE FROM programme_region WHERE programme_id = \(bind: id)").run()
        try await writeLists(db, id: id, programme)
        try await AuditLog.append(db, engine: dialect.engine, actor: actor, action: .programmeChanged, region: programme.targetRegions.first?.dotted,
                                  target: programme.code.value)
    }

    /// Closes a programme on `date`: it takes no more lists; what it reached stays.
    public func close(_ code: ProgrammeCode, on date: CalendarDate, by actor: AuditActor) async throws -> ProgrammeRecord {
        let dialect = self.dialect
        try await database.transaction { db in
            guard let record = try await fetchProgrammes(db, code: code).first, let id = record.programme.id else {
                throw ProgrammeProblem.programmeUnknown(code.value)
            }
            if record.programme.closedOn != nil { throw ProgrammeProblem.alreadyClosed(code.value) }
            if date < record.programme.start { throw ProgrammeProblem.closedBeforeStart(start: record.programme.start, closedOn: date) }
            try await db.raw("UPDATE programme SET closed_on = \(Self.date(date, dialect)), updated_at = \(unsafeRaw: dialect.now) WHERE id = \(bind: id)").run()
            try await AuditLog.append(db, engine: dialect.engine, actor: actor, action: .programmeClosed,
                                      region: record.programme.targetRegions.first?.dotted, target: code.value)
        }
        guard let record = try await programme(code) else { throw ProgrammeProblem.programmeUnknown(code.value) }
        return record
    }

    /// Refuses an unknown organisation or region, and a closed organisation unless it is `keeping`, the one the
    /// programme already has (a closed organisation keeps its programmes but gets no new ones).
    private static func checkReferences(_ db: any SQLDatabase, _ programme: Programme, keeping: Int?) async throws {
        guard let organisation = programme.organisationID,
              let row = try await db.raw("SELECT name, closed_on FROM organisation WHERE id = \(bind: organisation)").first() else {
            throw ProgrammeProblem.organisationUnknown(programme.organisationID.map(String.init) ?? "")
        }
        if organisation != keeping, try row.decodeNil(column: "closed_on") == false {
            throw ProgrammeProblem.organisationClosed(try row.decode(column: "name", as: String.self))
        }
        let codes = programme.targetRegions.map(\.dotted)
        let known = Set(try await db.raw("SELECT code FROM region WHERE code IN (\(binds: codes))").all().map { try $0.decode(column: "code", as: String.self) })
        if let unknown = codes.first(where: { !known.contains($0) }) { throw ProgrammeProblem.regionUnknown(unknown) }
    }

    private static func writeLists(_ db: any SQLDatabase, id: Int, _ programme: Programme) async throws {
        for sector in Set(programme.sectors).sorted() {
            try await db.raw("INSERT INTO programme_sector (programme_id, sector) VALUES (\(bind: id), \(bind: sector.rawValue))").run()
        }
        for region in Set(programme.targetRegions.map(\.dotted)).sorted() {
            try await db.raw("INSERT INTO programme_region (programme_id, region_code) VALUES (\(bind: id), \(bind: region))").run()
        }
    }

    /// A date as a value for a DATE column: cast on PostgreSQL (a bound text is no date there), as text on SQLite.
    static func date(_ date: CalendarDate?, _ dialect: SchemaDialect) -> SQLQueryString {
        guard let date else { return "NULL" }
        return dialect.engine == .postgres ? "CAST(\(bind: date.description) AS DATE)" : "\(bind: date.description)"
    }
}
