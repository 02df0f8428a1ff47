import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungSheets
import LumbungStore

/// The programme pages, in Bahasa Indonesia:
///
/// - `/program` — the programmes working in the user's region with their counts, and the organisations (admins and
///   operators add organisations there);
/// - `/program/baru`, `POST /program` — a new programme; `/program/{kode}/ubah`, `POST /program/{kode}` — change it;
///   `POST /program/{kode}/tutup` — close it (admins and operators whose scope covers its regions);
/// - `/program/{kode}` — one programme with its enrolment counts; `/program/{kode}/peserta` — its enrolled people
///   (personal data: analysts, operators, admins, and a partner for its own organisation's programmes; audited);
/// - `/organisasi/{id}/ubah`, `POST /organisasi/{id}` — change an organisation's name and kind; `POST /organisasi/{id}/tutup`
///   — close it (it keeps its programmes, gets no new ones); admins and operators whose scope covers its region;
/// - `/organisasi/{organisasi}/program-baru` — a new programme of that organisation from its participant workbook
///   (`WorkbookProgramme`).
/// - `/koordinasi?within=KODE&sektor=…` — the coordination page of a region, and `/koordinasi.xlsx` the same in a workbook.
struct ProgrammePageController {
    let services: AppServices

    var store: ProgrammeStore { ProgrammeStore(database: services.database) }

    static func escape(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

    func register(on pages: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        pages.get("program", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            try await list(context, message: FormQuery.value("pesan", in: request), error: nil, status: .ok)
        }
        pages.post("organisasi", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let form = try await FormQuery.body(request)
            guard let kind = OrganisationKind.parse(form["jenis"] ?? "") else {
                return try await list(context, message: nil, error: ProgrammeProblem.organisationKindUnknown(form["jenis"] ?? "").indonesianDescription, status: .badRequest)
            }
            let regionText = (form["wilayah"] ?? "").trimmingCharacters(in: .whitespaces)
            let region = regionText.isEmpty ? user.scope.region : try AppError.region(regionText, in: services.regions).code
            guard user.scope.covers(region) else { throw AppError.outOfScope(region, scope: user.scope.region) }
            do {
                let organisation = try await store.addOrganisation(Organisation(name: form["nama"] ?? "", kind: kind, region: region), by: context.auditActor)
                return .redirect(to: "/program?pesan=" + Self.escape(context.texts("prog_organisation_added", ["name": organisation.name])))
            } catch let problem as ProgrammeProblem {
                return try await list(context, message: nil, error: problem.indonesianDescription, status: .badRequest)
            }
        }
        pages.get("organisasi/{organisasi}/ubah", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let organisation = try await ProgrammeAccess.organisation(context.parameters.get("organisasi") ?? "", store: store)
            try await ProgrammeAccess.requireManage(user, organisation, request, context, audit: services.audit)
            return services.pages.render("organisasi-form", OrganisationFormPage(organisation, csrf: context.csrfToken, error: nil, texts: context.texts),
                                         for: context)
        }
        pages.post("organisasi/{organisasi}", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let organisation = try await ProgrammeAccess.organisation(context.parameters.get("organisasi") ?? "", store: store)
            try await ProgrammeAccess.requireManage(user, organisation, request, context, audit: services.audit)
            let form = try await FormQuery.body(request)
            func refused(_ problem: ProgrammeProblem) -> Response {
                services.pages.render("organisasi-form", OrganisationFormPage(organisation, name: form["nama"], kind: form["jenis"], csrf: context.csrfToken,
                                                                              error: problem.indonesianDescription, texts: context.texts),
                                      status: .badRequest, for: context)
            }
            guard let kind = OrganisationKind.parse(form["jenis"] ?? "") else { return refused(.organisationKindUnknown(form["jenis"] ?? "")) }
            do {
                let changed = try await store.changeOrganisation(organisation.id ?? 0, name: form["nama"] ?? "", kind: kind, by: context.auditActor)
                return .redirect(to: "/program?pesan=" + Self.escape(context.texts("org_saved", ["name": changed.name])))
            } catch let problem as ProgrammeProblem {
                return refused(problem)
            }
        }
        pages.post("organisasi/{organisasi}/tutup", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let organisation = try await ProgrammeAccess.organisation(context.parameters.get("organisasi") ?? "", store: store)
            try await ProgrammeAccess.requireManage(user, organisation, request, context, audit: services.audit)
            let text = (try await FormQuery.body(request)["tanggal"] ?? "").trimmingCharacters(in: .whitespaces)
            func refused(_ problem: ProgrammeProblem) -> Response {
                services.pages.render("organisasi-form", OrganisationFormPage(organisation, csrf: context.csrfToken, error: problem.indonesianDescription,
                                                                              texts: context.texts), status: .badRequest, for: context)
            }
            guard let date = text.isEmpty ? CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970) : CalendarDate(iso: text) else {
                return refused(.dateUnreadable(field: "tanggal", text: text))
            }
            do {
                let closed = try await store.closeOrganisation(organisation.id ?? 0, on: date, by: context.auditActor)
                return .redirect(to: "/program?pesan=" + Self.escape(context.texts("org_closed_message", ["name": closed.name, "date": context.texts.date(date)])))
            } catch let problem as ProgrammeProblem {
                return refused(problem)
            }
        }
        pages.get("program/baru", .permitted(.manageProgrammes, region: .none)) { _, context -> Response in
            let user = try context.requireUser()
            return try await form(ProgrammeForm(["wilayah": user.scope.region.dotted, "mulai": "\(CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970).year)-01-01"]),
                                  isNew: true, errors: [], context: context, status: .ok)
        }
        pages.post("program", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            try await save(request, context, existing: nil)
        }
        pages.get("program/{programme}", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            let results = try await ProgrammeTargetStore(database: services.database).results(
                of: record.programme.code.value, within: user.scope.region, tree: services.regions, restricted: context.suppressesSmallCells)
            let regions = ProgrammeOutcomes.regions(record.programme.targetRegions, within: user.scope.region)
            let figures = try await ProgrammeOutcomes.figures(record.programme, regions: regions, request: request, context: context, services: services)
            let manages = ProgrammeAccess.manages(user, record.programme)
            var linked: [MonitoringPage.Option] = []
            for indicator in try await ProgrammeOutcomeStore(database: services.database).outcomes(of: record.programme.code.value) {
                linked.append(.init(value: indicator, label: IndicatorCatalogue.indicator(indicator).map(context.texts.name) ?? indicator, selected: false))
            }
            let outcomes = Outcomes(rows: ProgrammeOutcomes.rows(figures, texts: context.texts), linked: manages ? linked : [],
                                    options: manages ? try await ProgrammeOutcomes.options(services: services, texts: context.texts) : [],
                                    show: manages || !linked.isEmpty)
            return detail(record, context, message: FormQuery.value("pesan", in: request), error: FormQuery.value("galat", in: request), status: .ok,
                          results: results, outcomes: outcomes)
        }
        pages.get("program/{programme}/ubah", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            try await ProgrammeAccess.requireManage(user, record.programme, request, context, audit: services.audit)
            return try await form(ProgrammePages.fields(of: record), isNew: false, errors: [], context: context, status: .ok)
        }
        pages.post("program/{programme}", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            try await ProgrammeAccess.requireManage(user, record.programme, request, context, audit: services.audit)
            return try await save(request, context, existing: record)
        }
        pages.post("program/{programme}/tutup", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            try await ProgrammeAccess.requireManage(user, record.programme, request, context, audit: services.audit)
            let text = (try await FormQuery.body(request)["tanggal"] ?? "").trimmingCharacters(in: .whitespaces)
            let date = text.isEmpty ? CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970) : CalendarDate(iso: text)
            guard let date else {
                return detail(record, context, message: nil, error: ProgrammeProblem.dateUnreadable(field: "tanggal", text: text).indonesianDescription, status: .badRequest)
            }
            do {
                let closed = try await store.close(record.programme.code, on: date, by: context.auditActor)
                return .redirect(to: "/program/\(closed.programme.code.value)?pesan=" + Self.escape(context.texts("prog_closed_on_message", ["date": context.texts.date(date)])))
            } catch let problem as ProgrammeProblem {
                return detail(record, context, message: nil, error: problem.indonesianDescription, status: .badRequest)
            }
        }
        pages.get("program/{programme}/peserta", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            let rows = try await ProgrammeAPIController.enrolments(record, request: request, context: context, services: services, texts: context.texts)
            let match = FormQuery.value("cocok", in: request) ?? ""
            let pageText = FormQuery.value("halaman", in: request) ?? ""
            let page = max(0, min(10_000, Int(pageText) ?? 0))
            let base = "/program/\(record.programme.code.value)/peserta?cocok=\(Self.escape(match))&halaman="
            let texts = context.texts
            let filters = [ProgrammeListPage.Option(value: "", label: texts["prog_all"], selected: match.isEmpty)]
                + EnrolmentMatch.allCases.map { .init(value: $0.rawValue, label: texts.name($0), selected: $0.rawValue == match) }
            return services.pages.render("program-peserta", EnrolmentListPage(
                title: texts("prog_enrolments_of", ["name": record.programme.code.value]) + " — Lumbung",
                heading: texts("prog_enrolments_of", ["name": record.programme.name]), code: record.programme.code.value, name: record.programme.name, rows: rows,
                hasRows: !rows.isEmpty, masked: !user.role.may(.seeFullIdentity), filters: filters,
                previous: page > 0 ? base + String(page - 1) : nil, next: rows.count == 200 ? base + String(page + 1) : nil), for: context)
        }
        pages.post("program/{programme}/unggah", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            do {
                let outcome = try await ListUpload.run(record, request: request, context: context, services: services)
                return services.pages.render("program-unggah", UploadResultPage(record: record, outcome: outcome, texts: context.texts), for: context)
            } catch let error as AppError {
                switch error {
                case .listRefused, .listUnreadable, .badUpload:
                    return detail(record, context, message: nil, error: context.texts.message(error), status: error.status)
                default: throw error
                }
            }
        }
        pages.get("organisasi/{organisasi}/program-baru", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let organisation = try await WorkbookProgramme.organisation(context.parameters.get("organisasi") ?? "", request: request, context: context, services: services)
            return services.pages.render("program-baru-berkas", WorkbookProgrammePage(
                title: "Program baru dari berkas — Lumbung", csrf: context.csrfToken, organisationID: organisation.id ?? 0, organisation: organisation.name,
                error: nil), for: context)
        }
        pages.post("organisasi/{organisasi}/program-baru", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let organisation = try await WorkbookProgramme.organisation(context.parameters.get("organisasi") ?? "", request: request, context: context, services: services)
            do {
                let (code, name, outcome) = try await WorkbookProgramme.run(organisation, request: request, context: context, services: services)
                return services.pages.render("program-unggah", UploadResultPage(code: code, name: name, outcome: outcome, texts: context.texts), for: context)
            } catch let error as AppError {
                switch error {
                case .listRefused, .listUnreadable, .badUpload:
                    return services.pages.render("program-baru-berkas", WorkbookProgrammePage(
                        title: "Program baru dari berkas — Lumbung", csrf: context.csrfToken, organisationID: organisation.id ?? 0,
                        organisation: organisation.name, error: error.indonesianMessage), status: error.status, for: context)
                default: throw error
                }
            }
        }
        pages.get("koordinasi", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            var coordination = try await coordination(request, context)
            coordination.texts = context.texts
            coordination.listsFamilies = try context.requireUser().role.may(.readPersonalData)
            return services.pages.render("koordinasi", coordination.page(), for: context)
        }
        pages.get("koordinasi.xlsx", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            var coordination = try await coordination(request, context)
            coordination.texts = context.texts
            let data = try Self.workbook(coordination)
            let name = "koordinasi-\(coordination.region.code.compact)\(coordination.sector.map { "-" + $0.rawValue } ?? "")\(coordination.period.map { "-" + $0.from.description + "-" + $0.to.description } ?? "").xlsx"
            return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                                   .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    private func list(_ context: AppRequestContext, message: String?, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let records = try await store.programmes(visibleIn: user.scope.region).filter { ProgrammeAccess.sees(user, $0.programme) }
        let organisations = try await store.organisations()
        let texts = context.texts
        let page = ProgrammeListPage(
            csrf: context.csrfToken, canManage: user.role.may(.manageProgrammes),
            programmes: records.map { ProgrammeListPage.row($0, restricted: context.suppressesSmallCells, texts: texts) }, hasProgrammes: !records.isEmpty,
            organisations: organisations.map {
                .init(name: $0.name, kind: texts.name($0.kind), region: $0.region?.dotted ?? texts["prog_national"],
                      registerLink: WorkbookProgramme.mayRegister(user, for: $0) && $0.closedOn == nil ? $0.id.map { "/organisasi/\($0)/program-baru" } : nil,
                      editLink: ProgrammeAccess.manages(user, $0) ? $0.id.map { "/organisasi/\($0)/ubah" } : nil,
                      closedText: $0.closedOn.map { texts("prog_closed_on", ["date": texts.date($0)]) })
            },
            message: message, error: error, texts: texts)
        return services.pages.render("program", page, status: status, for: context)
    }

    private func form(_ form: ProgrammeForm, isNew: Bool, errors: [String], context: AppRequestContext, status: HTTPResponse.Status) async throws -> Response {
        let page = ProgrammeFormPage(form: form, isNew: isNew, organisations: try await store.organisations(), csrf: context.csrfToken, errors: errors, texts: context.texts)
        return services.pages.render("program-form", page, status: status, for: context)
    }

    private func save(_ request: Request, _ context: AppRequestContext, existing: ProgrammeRecord?) async throws -> Response {
        let user = try context.requireUser()
        var form = ProgrammeForm(try await FormQuery.body(request))
        if let existing { form.fields["kode"] = existing.programme.code.value }
        switch form.programme(organisations: try await store.organisations(), existingCode: existing?.programme.code) {
        case .failure(let problems):
            return try await self.form(form, isNew: existing == nil, errors: problems.list.map(\.indonesianDescription), context: context, status: .badRequest)
        case .success(var programme):
            try await ProgrammeAccess.requireManage(user, programme, request, context, audit: services.audit)
            do {
                let saved: ProgrammeRecord
                if let existing {
                    programme.closedOn = existing.programme.closedOn
                    saved = try await store.update(programme, by: context.auditActor)
                } else {
                    saved = try await store.add(programme, by: context.auditActor)
                }
                let note = existing == nil ? context.texts("prog_registered", ["code": saved.programme.code.value]) : context.texts["prog_saved"]
                return .redirect(to: "/program/\(saved.programme.code.value)?pesan=" + Self.escape(note))
            } catch let problem as ProgrammeProblem {
                return try await self.form(form, isNew: existing == nil, errors: [problem.indonesianDescription], context: context, status: .badRequest)
            }
        }
    }

    /// The programme page's outcome section.
    struct Outcomes {
        var rows: [ProgrammeOutcomes.Row] = []
        var linked: [MonitoringPage.Option] = []
        var options: [MonitoringPage.Option] = []
        var show = false
    }

    private func detail(_ record: ProgrammeRecord, _ context: AppRequestContext, message: String?, error: String?, status: HTTPResponse.Status,
                        results: [ProgrammeResult] = [], outcomes: Outcomes = Outcomes()) -> Response {
        let view = ProgrammeView(record, restricted: context.suppressesSmallCells)
        let user = context.identity?.user
        let programme = record.programme
        let texts = context.texts
        var page = ProgrammeDetailPage(
            title: "\(programme.code.value) — Lumbung", csrf: context.csrfToken, programme: view,
            enrolmentsText: ProgrammeListPage.text(view.enrolments, texts), familiesText: ProgrammeListPage.text(view.familiesReached, texts),
            organisationName: record.organisation.name, kindLabel: texts.name(record.organisation.kind),
            sectorLabels: programme.sectors.map(texts.name).joined(separator: ", "), unit: texts.name(programme.unit),
            fundingSource: programme.fundingSource, period: ProgrammeListPage.period(programme, texts: texts),
            closedOnText: programme.closedOn.map { texts("prog_closed_on", ["date": texts.date($0)]) },
            budgetText: programme.budget.map { "Rp " + texts.number($0) } ?? "—", eligibility: programme.eligibility, maximumDesil: programme.maximumDesil,
            regions: programme.targetRegions.map { code in
                services.regions[code].map { "\($0.title) (\(code.dotted))" } ?? code.dotted
            }.joined(separator: ", "),
            closed: programme.closedOn != nil, canManage: user.map { ProgrammeAccess.manages($0, programme) } ?? false,
            canListPeople: user.map { ProgrammeAccess.listsPeople($0, record) } ?? false,
            canUpload: user.map { ListUpload.mayUpload($0, record) && programme.closedOn == nil } ?? false,
            matches: EnrolmentMatch.allCases.map { .init(label: texts.name($0), count: view.enrolmentsByMatch[$0.rawValue].map { ProgrammeListPage.text($0, texts) } ?? "0") },
            message: message, error: error, results: ProgrammeResultRow.rows(results, texts: texts), hasResults: !results.isEmpty)
        page.outcomes = outcomes.rows
        page.hasOutcomes = !outcomes.rows.isEmpty
        page.showOutcomes = outcomes.show
        page.linked = outcomes.linked
        page.outcomeOptions = outcomes.options
        return services.pages.render("program-detail", page, status: status, for: context)
    }

    private func coordination(_ request: Request, _ context: AppRequestContext) async throws -> Coordination {
        let user = try context.requireUser()
        let within = try FormQuery.filled("within", in: request).map { try AppError.region($0, in: services.regions) }
            ?? services.regions[user.scope.region]
        guard let region = within else { throw AppError.unknownRegion(user.scope.region) }
        let sector = try CoverageRequest.sector(request)
        let period = try CoverageRequest.period(request)
        let threshold = try CoverageRequest.threshold(request)
        let level: CoverageReport.Level = region.code.depth <= 1 ? .kabupaten : region.code.depth == 2 ? .kecamatan : .desa
        let villages = try await services.coverage.villages(within: region.code, sector: sector, period: period)
        let totals = CoverageReport.totals(villages, tree: services.regions)
        let records = try await store.programmes(visibleIn: region.code, counted: false)
        return Coordination(region: region, level: level, sector: sector, period: period, threshold: threshold, totals: totals, tree: services.regions,
                            records: records, restricted: context.suppressesSmallCells)
    }

    /// The coordination page as a workbook: one sheet per table, its headings in the language of `coordination.texts`.
    static func workbook(_ coordination: Coordination) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koordinasi-\(UUID()).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let page = coordination.page()
        let t = coordination.texts
        func texts(_ keys: [String]) -> [Cell] { keys.map { .text(t["coordx_" + $0]) } }
        let writer = try XLSXTableWriter(url: url, sheetName: t["coordx_sheet_summary"], columnWidths: [60, 16])
        try writer.write([.text(t("coordx_title", ["region": page.regionName]) + (page.sectorLabel.map { t("coordx_sector", ["sector": $0]) } ?? "")
                                + (page.periodLabel.map { t("coordx_period", ["period": $0]) } ?? ""))])
        try writer.write(texts(["measure", "count"]))
        for row in page.summary { try writer.write([.text(row.label), .text(row.count)]) }
        if page.suppressed { try writer.write(texts(["withheld"])) }
        try writer.startSheet(named: "4W", columnWidths: [32, 22, 22, 30, 30, 14, 14, 20])
        try writer.write(texts(["organisation", "kind", "sector_col", "programme", "target_areas", "families_reached", "people_reached", "budget"]))
        for row in page.matrix {
            try writer.write([row.organisation, row.kind, row.sector, row.programmes, row.areas, row.families, row.people, row.budget].map { .text($0) })
        }
        try writer.startSheet(named: t["coordx_sheet_overlaps"], columnWidths: [36, 16, 16])
        try writer.write(texts(["pair", "families", "same_sector"]))
        for row in page.pairs { try writer.write([.text(row.pair), .text(row.families), .text(t[row.sameSector ? "coordx_yes" : "coordx_no"])]) }
        try writer.startSheet(named: t["coordx_sheet_gaps"], columnWidths: [16, 30, 14, 18, 18, 16, 16, 14])
        try writer.write(texts(["code", "region", "desil1", "desil1_unreached", "eligible_unreached", "duplicated", "inclusion", "coverage"]))
        for row in page.areas {
            try writer.write([row.code, row.name, row.desil1, row.desil1Unreached, row.eligibleUnreached, row.duplicated, row.inclusion, row.coverage].map { .text($0) })
        }
        try writer.startSheet(named: t["coordx_sheet_leaks"], columnWidths: [18, 36, 16, 18, 12])
        try writer.write(texts(["programme", "name", "families"]) + [.text(coordination.fromThreshold("coordx_better_off")), .text(t["coordx_share"])])
        for row in page.leaks { try writer.write([row.code, row.name, row.families, row.betterOff, row.share].map { .text($0) }) }
        try writer.finish()
        return Array(try Data(contentsOf: url))
    }
}

/// Forms of stored programmes.
enum ProgrammePages {
    static func fields(of record: ProgrammeRecord) -> ProgrammeForm { ProgrammeFormPage.fields(of: record) }
}
