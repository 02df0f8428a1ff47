import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungSheets
import LumbungStore

/// The poor families nobody reaches, for the responsible operator to verify (issue 14: exclusion gaps with a list):
///
/// - `/koordinasi/belum-terjangkau?within=KODE&desil=1|1-4&sektor=…&halaman=N` — 200 families a page;
/// - `/koordinasi/belum-terjangkau.xlsx?…` and `.csv?…` — all of them (at most 100,000) as a visit list;
/// - `GET /api/v1/coverage/unreached?within=KODE&desil=1|1-4&sector=…&page=N` — the same as JSON.
///
/// Personal data: analysts, operators and admins, within their scope (`.readPersonalData`); No. KK in full only for
/// roles that see full identities. Every view and download is audited with the number of families shown.
struct UnreachedFamiliesController {
    let services: AppServices
    static let pageSize = 200
    static let downloadLimit = 100_000

    var store: ProgrammeStore { ProgrammeStore(database: services.database) }

    /// What a request asks for: the region, which families, the sector, the page.
    struct Asked {
        let region: Region
        let selection: UnreachedSelection
        let sector: Sector?
        let page: Int

        init(_ request: Request, user: UserRecord, tree: RegionTree) throws {
            let within = try FormQuery.filled("within", in: request).map { try AppError.region($0, in: tree) } ?? tree[user.scope.region]
            guard let within else { throw AppError.unknownRegion(user.scope.region) }
            region = within
            let desilText = FormQuery.value("desil", in: request) ?? ""
            guard let chosen = UnreachedSelection(text: desilText) else { throw AppError.badUnreachedSelection(String(desilText.prefix(20))) }
            selection = chosen
            sector = try CoverageRequest.sector(request)
            let pageText = FormQuery.value("halaman", in: request) ?? FormQuery.value("page", in: request) ?? ""
            page = max(0, min(10_000, Int(pageText) ?? 0))
        }

        /// The filters as query parameters, for links and the download.
        var query: String {
            "within=\(region.code.dotted)&desil=\(selection.rawValue)" + (sector.map { "&sektor=\($0.rawValue)" } ?? "")
        }

        var auditTarget: String {
            selection.auditTarget(region: region.code, sector: sector)
        }
    }

    /// One family as a role may see it.
    struct FamilyView: Encodable {
        let kkNumber: String?
        let headName: String?
        let village: String
        let villageName: String
        let address: String?
        let rt: String?
        let rw: String?
        let desil: Int
        let members: Int
    }

    func view(_ family: UnreachedFamily, fullIdentity: Bool) -> FamilyView {
        let village = (try? RegionCode(family.village)).flatMap { services.regions[$0]?.name } ?? ""
        return FamilyView(kkNumber: family.kkNumber.map { fullIdentity ? $0 : IdentityMask.masked($0) }, headName: family.headName,
                          village: family.village, villageName: village, address: family.address, rt: family.rt, rw: family.rw,
                          desil: family.desil, members: family.members)
    }

    /// The families a request asks for, as the user may see them, with how many there are in all; the reading is audited
    /// (`personal_data.viewed`, or `.exported` for a download) with the number of families given.
    func listed(_ request: Request, _ context: AppRequestContext, download: Bool) async throws -> (Asked, [FamilyView], total: Int) {
        let user = try context.requireUser()
        let asked = try Asked(request, user: user, tree: services.regions)
        let (families, total) = try await store.unreachedFamilies(within: asked.region.code, selection: asked.selection, sector: asked.sector,
                                                                  limit: download ? Self.downloadLimit : Self.pageSize,
                                                                  offset: download ? 0 : asked.page * Self.pageSize)
        try await services.audit.append(context.auditActor, download ? .personalDataExported : .personalDataViewed, region: asked.region.code.dotted,
                                        target: asked.auditTarget, recordCount: families.count)
        let full = user.role.may(.seeFullIdentity)
        return (asked, families.map { view($0, fullIdentity: full) }, total)
    }

    func register(pages: GuardedRoutes<some RouterMethods<AppRequestContext>>, api: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        pages.get("koordinasi/belum-terjangkau", .permitted(.readPersonalData, region: .query("within"))) { request, context -> Response in
            let (asked, families, total) = try await listed(request, context, download: false)
            let texts = context.texts
            let full = try context.requireUser().role.may(.seeFullIdentity)
            let base = "/koordinasi/belum-terjangkau?\(asked.query)&halaman="
            let page = UnreachedFamiliesPage(
                title: texts("unreached_title", ["region": asked.region.title]) + " — Lumbung",
                heading: texts("unreached_title", ["region": asked.region.title]), regionCode: asked.region.code.dotted,
                lead: texts(asked.selection == .desil1 ? "unreached_lead_desil1" : "unreached_lead_eligible", ["count": texts.number(total)])
                    + (asked.sector.map { " " + texts("unreached_lead_sector", ["sector": texts.name($0)]) } ?? ""),
                selectionOptions: UnreachedSelection.allCases.map { .init(value: $0.rawValue, label: texts("unreached_option_\($0 == .desil1 ? "desil1" : "eligible")"), selected: $0 == asked.selection) },
                sectorOptions: [ProgrammeListPage.Option(value: "", label: texts["coord_all_sectors"], selected: asked.sector == nil)]
                    + Sector.allCases.map { .init(value: $0.rawValue, label: texts.name($0), selected: $0 == asked.sector) },
                rows: families, hasRows: !families.isEmpty, masked: !full,
                download: "/koordinasi/belum-terjangkau.xlsx?\(asked.query)", downloadCSV: "/koordinasi/belum-terjangkau.csv?\(asked.query)", back: "/koordinasi?within=\(asked.region.code.dotted)",
                previous: asked.page > 0 ? base + String(asked.page - 1) : nil,
                next: (asked.page + 1) * Self.pageSize < total ? base + String(asked.page + 1) : nil)
            return services.pages.render("belum-terjangkau", page, for: context)
        }
        for format in DownloadFormat.allCases {
            pages.get("koordinasi/belum-terjangkau.\(format.rawValue)", .permitted(.readPersonalData, region: .query("within"))) { request, context -> Response in
                let (asked, families, _) = try await listed(request, context, download: true)
                let data = try Self.file(families, format: format, texts: context.texts)
                let name = "belum-terjangkau-\(asked.region.code.compact)-desil\(asked.selection.rawValue)\(asked.sector.map { "-" + $0.rawValue } ?? "").\(format.rawValue)"
                return Response(status: .ok, headers: [.contentType: format.contentType, .contentDisposition: "attachment; filename=\"\(name)\"",
                                                       .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
        }
        api.get("coverage/unreached", .permitted(.readPersonalData, region: .query("within"))) { request, context -> Response in
            let (asked, families, total) = try await listed(request, context, download: false)
            return JSONBody.response(Body(within: asked.region.code.dotted, desil: asked.selection.rawValue, sector: asked.sector?.rawValue,
                                          total: total, page: asked.page, pageSize: Self.pageSize, families: families))
        }
    }

    struct Body: Encodable {
        let within: String
        let desil: String
        let sector: String?
        /// All the families of the selection; `families` holds one page of them.
        let total: Int
        let page: Int
        let pageSize: Int
        let families: [FamilyView]
    }

    /// The downloads: XLSX (the No. KK stays text in Excel) and CSV for other tools.
    enum DownloadFormat: String, CaseIterable {
        case xlsx, csv

        var contentType: String {
            switch self {
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .csv: "text/csv; charset=utf-8"
            }
        }
    }

    /// The families as a visit list: the headings in the user's language, and an empty column for the operator's finding.
    /// CSV with `;` (as Excel in an Indonesian locale reads it) and a UTF-8 byte order mark.
    static func file(_ rows: [FamilyView], format: DownloadFormat, texts: Catalogue) throws -> [UInt8] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("belum-terjangkau-\(UUID()).\(format.rawValue)")
        defer { try? FileManager.default.removeItem(at: url) }
        let header: [Cell] = ["unreached_csv_kk", "unreached_csv_head", "unreached_csv_village_code", "unreached_csv_village", "unreached_csv_address",
                              "unreached_csv_rt", "unreached_csv_rw", "unreached_csv_desil", "unreached_csv_members", "unreached_csv_finding"].map { .text(texts[$0]) }
        let writer: any TableWriter = switch format {
        case .csv: try CSVTableWriter(url: url, delimiter: ";", byteOrderMark: true)
        case .xlsx: try XLSXTableWriter(url: url, sheetName: texts["unreached_sheet"], columnWidths: [20, 28, 16, 24, 36, 6, 6, 7, 10, 30], frozenRows: 1)
        }
        try writer.write(header)
        for row in rows {
            try writer.write([.text(row.kkNumber ?? ""), .text(row.headName ?? ""), .text(row.village), .text(row.villageName), .text(row.address ?? ""),
                              .text(row.rt ?? ""), .text(row.rw ?? ""), .number(row.desil), .number(row.members), .text("")])
        }
        try writer.finish()
        return Array(try Data(contentsOf: url))
    }
}

/// `/koordinasi/belum-terjangkau`: one page of the families nobody reaches.
struct UnreachedFamiliesPage {
    let title: String
    let query = ""
    let heading: String
    let regionCode: String
    let lead: String
    let selectionOptions: [ProgrammeListPage.Option]
    let sectorOptions: [ProgrammeListPage.Option]
    let rows: [UnreachedFamiliesController.FamilyView]
    let hasRows: Bool
    let masked: Bool
    let download: String
    let downloadCSV: String
    let back: String
    let previous: String?
    let next: String?
}
