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
            guard user.scope.covers(region) else { throw AppError.outOfScope(region) }
            do {
                let organisation = try await store.addOrganisation(Organisation(name: form["nama"] ?? "", kind: kind, region: region), by: context.auditActor)
                return .redirect(to: "/program?pesan=" + Self.escape("Organisasi \(organisation.name) ditambahkan."))
            } catch let problem as ProgrammeProblem {
                return try await list(context, message: nil, error: problem.indonesianDescription, status: .badRequest)
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
            return detail(record, context, message: FormQuery.value("pesan", in: request), error: nil, status: .ok)
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
                return .redirect(to: "/program/\(closed.programme.code.value)?pesan=" + Self.escape("Program ditutup pada \(date)."))
            } catch let problem as ProgrammeProblem {
                return detail(record, context, message: nil, error: problem.indonesianDescription, status: .badRequest)
            }
        }
        pages.get("program/{programme}/peserta", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            let rows = try await ProgrammeAPIController.enrolments(record, request: request, context: context, services: services)
            let match = FormQuery.value("cocok", in: request) ?? ""
            let pageText = FormQuery.value("halaman", in: request) ?? ""
            let page = max(0, min(10_000, Int(pageText) ?? 0))
            let base = "/program/\(record.programme.code.value)/peserta?cocok=\(Self.escape(match))&halaman="
            let filters = [ProgrammeListPage.Option(value: "", label: "Semua", selected: match.isEmpty)]
                + EnrolmentMatch.allCases.map { .init(value: $0.rawValue, label: $0.label, selected: $0.rawValue == match) }
            return services.pages.render("program-peserta", EnrolmentListPage(
                title: "Peserta \(record.programme.code.value) — Lumbung", code: record.programme.code.value, name: record.programme.name, rows: rows,
                hasRows: !rows.isEmpty, masked: !user.role.may(.seeFullIdentity), filters: filters,
                previous: page > 0 ? base + String(page - 1) : nil, next: rows.count == 200 ? base + String(page + 1) : nil), for: context)
        }
        pages.post("program/{programme}/unggah", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            do {
                let outcome = try await ListUpload.run(record, request: request, context: context, services: services)
                return services.pages.render("program-unggah", UploadResultPage(record: record, outcome: outcome), for: context)
            } catch let error as AppError {
                switch error {
                case .listRefused, .listUnreadable, .badUpload:
                    return detail(record, context, message: nil, error: error.indonesianMessage, status: error.status)
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
                return services.pages.render("program-unggah", UploadResultPage(code: code, name: name, outcome: outcome), for: context)
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
            return services.pages.render("koordinasi", coordination.page(), for: context)
        }
        pages.get("koordinasi.xlsx", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let coordination = try await coordination(request, context)
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
        let page = ProgrammeListPage(
            csrf: context.csrfToken, canManage: user.role.may(.manageProgrammes),
            programmes: records.map { ProgrammeListPage.row($0, restricted: context.suppressesSmallCells) }, hasProgrammes: !records.isEmpty,
            organisations: organisations.map {
                .init(name: $0.name, kind: $0.kind.label, region: $0.region?.dotted ?? "nasional",
                      registerLink: WorkbookProgramme.mayRegister(user, for: $0) ? $0.id.map { "/organisasi/\($0)/program-baru" } : nil)
            },
            message: message, error: error)
        return services.pages.render("program", page, status: status, for: context)
    }

    private func form(_ form: ProgrammeForm, isNew: Bool, errors: [String], context: AppRequestContext, status: HTTPResponse.Status) async throws -> Response {
        let page = ProgrammeFormPage(form: form, isNew: isNew, organisations: try await store.organisations(), csrf: context.csrfToken, errors: errors)
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
                let note = existing == nil ? "Program \(saved.programme.code.value) didaftarkan." : "Perubahan disimpan."
                return .redirect(to: "/program/\(saved.programme.code.value)?pesan=" + Self.escape(note))
            } catch let problem as ProgrammeProblem {
                return try await self.form(form, isNew: existing == nil, errors: [problem.indonesianDescription], context: context, status: .badRequest)
            }
        }
    }

    private func detail(_ record: ProgrammeRecord, _ context: AppRequestContext, message: String?, error: String?, status: HTTPResponse.Status) -> Response {
        let view = ProgrammeView(record, restricted: context.suppressesSmallCells)
        let user = context.identity?.user
        let programme = record.programme
        let page = ProgrammeDetailPage(
            title: "\(programme.code.value) — Lumbung", csrf: context.csrfToken, programme: view, enrolmentsText: view.enrolments.text,
            familiesText: view.familiesReached.text, unit: programme.unit.label,
            period: ProgrammeListPage.period(programme), regions: programme.targetRegions.map { code in
                services.regions[code].map { "\($0.title) (\(code.dotted))" } ?? code.dotted
            }.joined(separator: ", "),
            closed: programme.closedOn != nil, canManage: user.map { ProgrammeAccess.manages($0, programme) } ?? false,
            canListPeople: user.map { ProgrammeAccess.listsPeople($0, record) } ?? false,
            canUpload: user.map { ListUpload.mayUpload($0, record) && programme.closedOn == nil } ?? false,
            matches: EnrolmentMatch.allCases.map { .init(label: $0.label, count: view.enrolmentsByMatch[$0.rawValue]?.text ?? "0") },
            message: message, error: error)
        return services.pages.render("program-detail", page, status: status, for: context)
    }

    private func coordination(_ request: Request, _ context: AppRequestContext) async throws -> Coordination {
        let user = try context.requireUser()
        let within = try FormQuery.value("within", in: request).flatMap { $0.isEmpty ? nil : $0 }.map { try AppError.region($0, in: services.regions) }
            ?? services.regions[user.scope.region]
        guard let region = within else { throw AppError.unknownRegion(user.scope.region) }
        let sector = try CoverageRequest.sector(request)
        let period = try CoverageRequest.period(request)
        let level: CoverageReport.Level = region.code.depth <= 1 ? .kabupaten : region.code.depth == 2 ? .kecamatan : .desa
        let villages = try await services.coverage.villages(within: region.code, sector: sector, period: period)
        let totals = CoverageReport.totals(villages, tree: services.regions)
        let records = try await store.programmes(visibleIn: region.code, counted: false)
        return Coordination(region: region, level: level, sector: sector, period: period, totals: totals, tree: services.regions, records: records,
                            restricted: context.suppressesSmallCells)
    }

    /// The coordination page as a workbook: one sheet per table.
    static func workbook(_ coordination: Coordination) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("koordinasi-\(UUID()).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let page = coordination.page()
        let writer = try XLSXTableWriter(url: url, sheetName: "Ringkasan", columnWidths: [60, 16])
        try writer.write([.text("Koordinasi \(page.regionName)" + (page.sectorLabel.map { " — sektor \($0)" } ?? "") + (page.periodLabel.map { " — periode \($0)" } ?? ""))])
        try writer.write([.text("Ukuran"), .text("Jumlah")])
        for row in page.summary { try writer.write([.text(row.label), .text(row.count)]) }
        if page.suppressed { try writer.write([.text("Jumlah di bawah 5 ditampilkan sebagai \"<5\", dan yang dapat membukanya sebagai \"×\".")]) }
        try writer.startSheet(named: "4W", columnWidths: [32, 22, 22, 30, 30, 14, 20])
        try writer.write(["Organisasi", "Jenis", "Sektor", "Program", "Wilayah sasaran", "Keluarga dijangkau", "Anggaran"].map { .text($0) })
        for row in page.matrix {
            try writer.write([row.organisation, row.kind, row.sector, row.programmes, row.areas, row.families, row.budget].map { .text($0) })
        }
        try writer.startSheet(named: "Tumpang tindih", columnWidths: [36, 16, 16])
        try writer.write([.text("Pasangan program"), .text("Keluarga"), .text("Sektor sama")])
        for row in page.pairs { try writer.write([.text(row.pair), .text(row.families), .text(row.sameSector ? "ya" : "tidak")]) }
        try writer.startSheet(named: "Celah", columnWidths: [16, 30, 14, 18, 18, 16, 16, 14])
        try writer.write(["Kode", "Wilayah", "Keluarga desil 1", "Desil 1 tak terjangkau", "Desil 1–4 tak terjangkau", "Bantuan ganda", "Salah sasaran", "Cakupan desil 1"].map { .text($0) })
        for row in page.areas {
            try writer.write([row.code, row.name, row.desil1, row.desil1Unreached, row.eligibleUnreached, row.duplicated, row.inclusion, row.coverage].map { .text($0) })
        }
        try writer.startSheet(named: "Kebocoran", columnWidths: [18, 36, 16, 18, 12])
        try writer.write(["Program", "Nama", "Keluarga", "Keluarga desil 6–10", "Bagian"].map { .text($0) })
        for row in page.leaks { try writer.write([row.code, row.name, row.families, row.betterOff, row.share].map { .text($0) }) }
        try writer.finish()
        return Array(try Data(contentsOf: url))
    }
}

/// Forms of stored programmes.
enum ProgrammePages {
    static func fields(of record: ProgrammeRecord) -> ProgrammeForm { ProgrammeFormPage.fields(of: record) }
}
