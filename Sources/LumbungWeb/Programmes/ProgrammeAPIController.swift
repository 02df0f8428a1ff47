import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The programmes JSON API:
///
/// - `GET /api/v1/programmes?within=CODE` — programmes working in the region (default: the user's scope);
/// - `POST /api/v1/programmes` — register one (form fields or JSON; admins and operators, target regions in scope);
/// - `GET /api/v1/programmes/{programme}` — one programme with its enrolment counts in the user's scope;
/// - `POST /api/v1/programmes/{programme}` — change it: the fields given replace the stored ones, the others stay
///   (the page's validation; the code stays; admins and operators whose scope covers its regions, old and new);
/// - `POST /api/v1/programmes/{programme}/close` — close it (`date`, default today);
/// - `GET /api/v1/programmes/{programme}/enrolments` — its enrolled people (personal data: analysts, operators,
///   admins, and partners for their own organisation's programmes; audited);
/// - `GET /api/v1/organisations`, `POST /api/v1/organisations` — the organisations;
/// - `POST /api/v1/organisations/{organisation}` — change its name or kind; `POST /api/v1/organisations/{organisation}/close`
///   — close it (it keeps its programmes, gets no new ones); `{organisation}` is its id or name; admins and operators
///   whose scope covers its region (the province for a national body);
/// - `GET /api/v1/coverage?within=CODE&level=kabupaten|kecamatan|desa&sector=…` — coverage per region.
/// Counts under 5 are withheld for partners and viewers.
struct ProgrammeAPIController {
    let services: AppServices
    let coverage: CoverageCache

    var store: ProgrammeStore { ProgrammeStore(database: services.database) }

    func register(on api: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        api.get("programmes", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let user = try context.requireUser()
            let within = try FormQuery.value("within", in: request).map { try AppError.region($0, in: services.regions).code } ?? user.scope.region
            let records = try await store.programmes(visibleIn: within).filter { ProgrammeAccess.sees(user, $0.programme) }
            return JSONBody.response(["programmes": records.map { ProgrammeView($0, restricted: context.suppressesSmallCells) }])
        }
        api.post("programmes", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let form = try await ProgrammeForm.read(request)
            let programme: Programme
            switch form.programme(organisations: try await store.organisations()) {
            case .success(let made): programme = made
            case .failure(let problems): throw AppError.programmeRefused(problems.list)
            }
            try await ProgrammeAccess.requireManage(user, programme, request, context, audit: services.audit)
            let record = try await Self.saving { try await store.add(programme, by: context.auditActor) }
            return JSONBody.response(ProgrammeView(record, restricted: false), status: .created)
        }
        api.get("programmes/{programme}", .permitted(.readAggregates, region: .none)) { _, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            return JSONBody.response(ProgrammeView(record, restricted: context.suppressesSmallCells))
        }
        api.post("programmes/{programme}", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            try await ProgrammeAccess.requireManage(user, record.programme, request, context, audit: services.audit)
            // The stored programme as the page's form holds it, with the fields given written over it: one validation.
            var form = ProgrammePages.fields(of: record)
            for (key, value) in try await ProgrammeForm.read(request).fields where key != "kode" { form.fields[key] = value }
            var programme: Programme
            switch form.programme(organisations: try await store.organisations(), existingCode: record.programme.code) {
            case .success(let made): programme = made
            case .failure(let problems): throw AppError.programmeRefused(problems.list)
            }
            try await ProgrammeAccess.requireManage(user, programme, request, context, audit: services.audit)
            programme.closedOn = record.programme.closedOn
            let saved = try await Self.saving { try await store.update(programme, by: context.auditActor) }
            return JSONBody.response(ProgrammeView(saved, restricted: false))
        }
        api.post("programmes/{programme}/close", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            try await ProgrammeAccess.requireManage(user, record.programme, request, context, audit: services.audit)
            let text = try await ProgrammeForm.read(request).text("tanggal")
            let date: CalendarDate
            if text.isEmpty { date = .todayInNTB(secondsSince1970: Date().timeIntervalSince1970) } else {
                guard let parsed = CalendarDate(iso: text) else { throw AppError.badDate(String(text.prefix(40))) }
                date = parsed
            }
            let closed = try await Self.saving { try await store.close(record.programme.code, on: date, by: context.auditActor) }
            return JSONBody.response(ProgrammeView(closed, restricted: false))
        }
        api.get("programmes/{programme}/enrolments", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            let people = try await Self.enrolments(record, request: request, context: context, services: services)
            return JSONBody.response(EnrolmentsBody(programme: record.programme.code.value, enrolments: people))
        }
        api.post("programmes/{programme}/enrolments", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            return JSONBody.response(try await ListUpload.run(record, request: request, context: context, services: services))
        }
        api.get("organisations", .permitted(.readAggregates, region: .none)) { _, _ -> Response in
            JSONBody.response(["organisations": try await store.organisations().map(OrganisationBody.init)])
        }
        api.post("organisations/{organisation}", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let organisation = try await ProgrammeAccess.organisation(context.parameters.get("organisation") ?? "", store: store)
            try await ProgrammeAccess.requireManage(user, organisation, request, context, audit: services.audit)
            let form = try await ProgrammeForm.read(request)
            let kindText = form.text("jenis").isEmpty ? form.text("kind") : form.text("jenis")
            var kind: OrganisationKind?
            if !kindText.isEmpty {
                guard let parsed = OrganisationKind.parse(kindText) else { throw AppError.programmeRefused([.organisationKindUnknown(kindText)]) }
                kind = parsed
            }
            // A name sent empty is refused ("nama" wajib); a name not sent stays.
            let name = form.fields["nama"] ?? form.fields["name"]
            guard let id = organisation.id else { throw AppError.unknownOrganisation(organisation.name) }
            let changed = try await Self.saving { try await store.changeOrganisation(id, name: name, kind: kind, by: context.auditActor) }
            return JSONBody.response(OrganisationBody(changed))
        }
        api.post("organisations/{organisation}/close", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let organisation = try await ProgrammeAccess.organisation(context.parameters.get("organisation") ?? "", store: store)
            try await ProgrammeAccess.requireManage(user, organisation, request, context, audit: services.audit)
            let form = try await ProgrammeForm.read(request)
            let text = form.text("tanggal").isEmpty ? form.text("date") : form.text("tanggal")
            let date: CalendarDate
            if text.isEmpty { date = .todayInNTB(secondsSince1970: Date().timeIntervalSince1970) } else {
                guard let parsed = CalendarDate(iso: text) else { throw AppError.programmeRefused([.dateUnreadable(field: "tanggal", text: text)]) }
                date = parsed
            }
            guard let id = organisation.id else { throw AppError.unknownOrganisation(organisation.name) }
            let closed = try await Self.saving { try await store.closeOrganisation(id, on: date, by: context.auditActor) }
            return JSONBody.response(OrganisationBody(closed))
        }
        api.post("organisations", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let form = try await ProgrammeForm.read(request)
            guard let kind = OrganisationKind.parse(form.text("jenis").isEmpty ? form.text("kind") : form.text("jenis")) else {
                throw AppError.programmeRefused([.organisationKindUnknown(form.text("jenis").isEmpty ? form.text("kind") : form.text("jenis"))])
            }
            let regionText = form.text("wilayah").isEmpty ? form.text("region") : form.text("wilayah")
            let region = regionText.isEmpty ? user.scope.region : try AppError.region(regionText, in: services.regions).code
            guard user.scope.covers(region) else { throw AppError.outOfScope(region, scope: user.scope.region) }
            let organisation = try await Self.saving {
                try await store.addOrganisation(Organisation(name: form.text("nama"), kind: kind, region: region), by: context.auditActor)
            }
            return JSONBody.response(["name": organisation.name, "kind": organisation.kind.rawValue, "region": region.dotted], status: .created)
        }
        api.get("coverage", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let user = try context.requireUser()
            let asked = try CoverageRequest(request, tree: services.regions, defaultWithin: user.scope.region)
            let villages = try await coverage.villages(within: asked.within, sector: asked.sector, period: asked.period)
            let totals = CoverageReport.totals(villages, tree: services.regions)
            let rows = CoverageReport.regions(totals, tree: services.regions, within: asked.within, level: asked.level, threshold: asked.threshold)
            let parent = RegionCoverage(code: asked.within, name: services.regions[asked.within]?.name ?? "", tally: totals[asked.within] ?? CoverageTally(),
                                        threshold: asked.threshold)
            let disclosed = DisclosedCoverage.rows(rows, parent: parent, restricted: context.suppressesSmallCells)
            let records = FourWMatrix.listed(try await ProgrammeStore(database: services.database).programmes(visibleIn: asked.within, counted: false),
                                             sector: asked.sector, period: asked.period)
            let matrix = FourWMatrix.rows(tally: totals[asked.within] ?? CoverageTally(), records: records, sector: asked.sector)
                .map { DisclosedFourWRow($0, restricted: context.suppressesSmallCells) }
            return JSONBody.response(CoverageBody(within: asked.within.dotted, level: asked.level.rawValue, sector: asked.sector?.rawValue,
                                                  from: asked.period?.from.description, to: asked.period?.to.description,
                                                  inclusionThreshold: asked.threshold, region: disclosed.parent, regions: disclosed.rows, matrix: matrix))
        }
    }

    /// An organisation as the API shows it.
    struct OrganisationBody: Encodable {
        let id: Int?
        let name: String
        let kind: String
        let region: String
        /// When it was closed (no new programmes), if it was.
        let closedOn: String?

        init(_ organisation: Organisation) {
            id = organisation.id
            name = organisation.name
            kind = organisation.kind.rawValue
            region = organisation.region?.dotted ?? ""
            closedOn = organisation.closedOn?.description
        }
    }

    struct EnrolmentsBody: Encodable {
        let programme: String
        let enrolments: [EnrolmentView]
    }

    struct CoverageBody: Encodable {
        let within: String
        let level: String
        let sector: String?
        /// The period counted (`nil`: every enrolment).
        let from: String?
        let to: String?
        /// The desil from which a family counts as better off.
        let inclusionThreshold: Int
        let region: DisclosedCoverage
        let regions: [DisclosedCoverage]
        /// The 4W matrix of `within`: organisation × sector, families and people reached there, budget.
        let matrix: [DisclosedFourWRow]
    }

    /// Runs a store change, turning what the domain refuses into a 400/404/409 that says why.
    static func saving<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let problem as ProgrammeProblem { throw AppError.programmeRefused([problem]) }
    }

    /// One enrolled person as listed.
    struct EnrolmentView: Encodable {
        let nik: String?
        let kkNumber: String?
        let name: String?
        let village: String?
        let period: String
        let receivedOn: String?
        let amount: Int?
        let match: String
        let matchLabel: String
        let desil: Int?
        /// The programme's participant number (`No. Peserta`), when a list gave one.
        let participantNumber: String?
    }

    /// The programme's enrolled people the user may see (403, audited, for anyone else), in the user's scope; the
    /// viewing is audited with the number of people shown. `?cocok=unmatched` lists one kind of match.
    /// `texts`: the language of the match labels (the JSON API keeps the Indonesian default).
    static func enrolments(_ record: ProgrammeRecord, request: Request, context: AppRequestContext, services: AppServices,
                           texts: Catalogue = .of(.id)) async throws -> [EnrolmentView] {
        let user = try context.requireUser()
        guard ProgrammeAccess.listsPeople(user, record) else {
            try await services.audit.append(context.auditActor, .accessDenied, region: user.scope.region.dotted,
                                            target: "\(request.method) \(request.uri.path)", outcome: "denied")
            throw AppError.forbidden(user.role, .readPersonalData)
        }
        let match = FormQuery.value("cocok", in: request).flatMap(EnrolmentMatch.init(rawValue:))
        let pageText = FormQuery.value("halaman", in: request) ?? ""
        let page = max(0, min(10_000, Int(pageText) ?? 0))
        let rows = try await ProgrammeStore(database: services.database).enrolments(of: record.programme.code, within: user.scope.region, match: match,
                                                                                      limit: 200, offset: page * 200)
        let full = user.role.may(.seeFullIdentity)
        try await services.audit.append(context.auditActor, .personalDataViewed, region: user.scope.region.dotted,
                                        target: "enrolments of \(record.programme.code.value)", recordCount: rows.count)
        return rows.map { row in
            EnrolmentView(nik: row.nik.map { full ? $0 : IdentityMask.masked($0) }, kkNumber: row.kkNumber.map { full ? $0 : IdentityMask.masked($0) },
                          name: row.name, village: row.village, period: row.period, receivedOn: row.receivedOn?.description, amount: row.amount,
                          match: row.match.rawValue, matchLabel: texts.name(row.match), desil: row.desil, participantNumber: row.participantNumber)
        }
    }
}


/// `?within=CODE&level=kabupaten|kecamatan|desa&sector=…&period=2025` (or `from=…&to=…`) of a coverage request; the level
/// defaults to the one under `within`.
struct CoverageRequest {
    let within: RegionCode
    let level: CoverageReport.Level
    let sector: Sector?
    let period: CoveragePeriod?
    /// The desil from which a family counts as better off (`ambang`/`threshold`, 5–10; 6 when absent).
    let threshold: Int

    init(_ request: Request, tree: RegionTree, defaultWithin: RegionCode) throws {
        within = try FormQuery.value("within", in: request).map { try AppError.region($0, in: tree).code } ?? defaultWithin
        let levelText = FormQuery.value("level", in: request) ?? ""
        if levelText.isEmpty {
            level = within.depth <= 1 ? .kabupaten : within.depth == 2 ? .kecamatan : .desa
        } else {
            guard let chosen = CoverageReport.Level(rawValue: levelText), chosen.depth >= within.depth else { throw AppError.badCoverageLevel(String(levelText.prefix(20))) }
            level = chosen
        }
        sector = try Self.sector(request)
        period = try Self.period(request)
        threshold = try Self.threshold(request)
    }

    /// `ambang`/`threshold`: the inclusion threshold; 6 when absent or empty, 400 naming the value when no desil 5–10.
    static func threshold(_ request: Request) throws -> Int {
        let text = (FormQuery.value("ambang", in: request) ?? FormQuery.value("threshold", in: request) ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return CoverageRules.inclusionErrorDesil }
        guard let threshold = CoverageRules.inclusionThreshold(text) else { throw AppError.badInclusionThreshold(String(text.prefix(20))) }
        return threshold
    }

    /// `sector`/`sektor`: `nil` when absent or empty; 400 naming it when unknown.
    static func sector(_ request: Request) throws -> Sector? {
        let text = FormQuery.value("sector", in: request) ?? FormQuery.value("sektor", in: request) ?? ""
        if text.isEmpty { return nil }
        guard let parsed = Sector.parse(text) else { throw AppError.programmeRefused([.sectorUnknown(String(text.prefix(30)))]) }
        return parsed
    }

    /// `period`/`periode` (`2025`, `2025-03`, `2025-03-15`), or `from`/`dari` and `to`/`sampai` (yyyy-mm-dd, either may be
    /// left out): `nil` when none is given; 400 naming the value when unreadable or ending before it starts.
    static func period(_ request: Request) throws -> CoveragePeriod? {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { FormQuery.value($0, in: request)?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        }
        if let text = value("period", "periode") {
            guard let period = CoveragePeriod(text) else { throw AppError.programmeRefused([.dateUnreadable(field: "periode", text: String(text.prefix(40)))]) }
            return period
        }
        let fromText = value("from", "dari"), toText = value("to", "sampai")
        guard fromText != nil || toText != nil else { return nil }
        func date(_ text: String?, field: String, otherwise: CalendarDate) throws -> CalendarDate {
            guard let text else { return otherwise }
            guard let date = CalendarDate(iso: text) else { throw AppError.programmeRefused([.dateUnreadable(field: field, text: String(text.prefix(40)))]) }
            return date
        }
        let from = try date(fromText, field: "dari", otherwise: CalendarDate(year: 1900, month: 1, day: 1) ?? .todayInNTB(secondsSince1970: 0))
        let to = try date(toText, field: "sampai", otherwise: CalendarDate(year: 2200, month: 12, day: 31) ?? from)
        guard let period = CoveragePeriod(from: from, to: to) else { throw AppError.programmeRefused([.endsBeforeStart(start: from, end: to)]) }
        return period
    }
}
