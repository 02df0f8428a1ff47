import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// The printable M&E report of one programme (issue 16): `/program/{kode}/laporan?wilayah=CODE` — on A4, in the
/// reader's language: the programme's facts, the data date and source of its enrolments, and per year the output
/// targets of the regions at or below `wilayah` (default the reader's scope) with realisasi, capaian and the traffic
/// light, the regions that fell behind named. Page numbers from the print stylesheet. Figures as the reader may see
/// them (a counted realisation of 1–4 withheld for partners and viewers, and its capaian).
struct ProgrammeReportController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("program/{programme}/laporan", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user,
                                                          store: ProgrammeStore(database: services.database))
            let region = try AppError.region(FormQuery.filled("wilayah", in: request) ?? user.scope.region.dotted, in: services.regions)
            let store = ProgrammeTargetStore(database: services.database)
            let code = record.programme.code.value
            let results = try await store.results(of: code, within: region.code, tree: services.regions, restricted: context.suppressesSmallCells)
            let sources = try await store.listSources(of: code)
            let texts = context.texts
            let printed = texts.time(utc: ISO8601DateFormatter().string(from: Date()), in: IndonesianTimeZone(region: region.code))
            let regions = ProgrammeOutcomes.regions(record.programme.targetRegions, within: region.code)
            let outcomes = try await ProgrammeOutcomes.figures(record.programme, regions: regions, request: request, context: context, services: services)
            var page = ProgrammeReportPage(record: record, region: region, results: results, lists: sources.lists, latest: sources.latest,
                                           printed: printed, restricted: context.suppressesSmallCells, tree: services.regions, texts: texts)
            page.outcomes = ProgrammeOutcomes.rows(outcomes, texts: texts)
            page.hasOutcomes = !outcomes.isEmpty
            return services.pages.render("program-laporan", page, for: context)
        }
    }
}

/// The model of `program-laporan.mustache`.
struct ProgrammeReportPage {
    struct Row {
        let code: String
        let name: String
        let target: String
        let realisation: String
        let source: String
        let capaian: String
        let band: String
        let light: String
    }
    struct Year {
        let year: Int
        let rows: [Row]
        let behind: String?
    }

    let title: String
    let query = ""
    let heading: String
    let code: String
    let facts: String
    let area: String
    let back: String
    let freshness: String
    let source: String
    let printed: String
    let years: [Year]
    let hasResults: Bool
    let note: String
    let suppressed: Bool
    /// The programme's outcome indicators in its target regions within the report's region.
    var outcomes: [ProgrammeOutcomes.Row] = []
    var hasOutcomes = false

    init(record: ProgrammeRecord, region: Region, results: [ProgrammeResult], lists: Int, latest: CalendarDate?, printed: String,
         restricted: Bool, tree: RegionTree, texts: Catalogue, bands: ScoreBands = .standard) {
        let programme = record.programme
        title = texts("prep_title", ["code": programme.code.value]) + " — Lumbung"
        heading = programme.name
        code = programme.code.value
        facts = [record.organisation.name, programme.sectors.map(texts.name).joined(separator: ", "), texts.name(programme.unit),
                 ProgrammeListPage.period(programme, texts: texts)].joined(separator: " · ")
        area = texts("prep_area", ["name": region.name, "code": region.code.dotted, "regions": programme.targetRegions.map { code in
            tree[code].map { "\($0.name) (\(code.dotted))" } ?? code.dotted
        }.joined(separator: ", ")])
        back = "/program/\(programme.code.value)"
        freshness = latest.map { texts("prep_freshness", ["date": texts.date($0), "lists": texts.number(lists)]) } ?? texts["prep_no_lists"]
        source = texts["prep_source"]
        self.printed = texts("prep_printed", ["time": printed])
        years = Dictionary(grouping: results, by: \.year).sorted { $0.key < $1.key }.map { year, results in
            let rows = results.map { result in
                let band = result.capaian.map { bands.band(of: $0) }
                let shown = ProgrammeResultRow.cells(result, texts: texts)
                return Row(code: result.region, name: result.name, target: shown.target, realisation: shown.realisation, source: shown.source,
                           capaian: shown.capaian, band: band.map { ProgrammeReportPage.bandName($0, texts: texts) } ?? "–", light: band?.light.rawValue ?? "kosong")
            }
            let behind = results.filter { result in
                result.capaian.map { [.red, .orange].contains(bands.band(of: $0).light) } ?? false
            }.map(\.name)
            return Year(year: year, rows: rows, behind: behind.isEmpty ? nil : texts("prep_behind", ["names": behind.joined(separator: ", ")]))
        }
        hasResults = !results.isEmpty
        note = texts["pres_note"] + " " + texts("prep_bands", ["bands": bands.bands.map { band in
            band.minimum.isFinite ? "\(Self.bandName(band, texts: texts)) > \(texts.amount(band.minimum))%" : texts("prep_band_rest", ["name": Self.bandName(band, texts: texts)])
        }.joined(separator: " · ")])
        suppressed = restricted
    }

    /// A band's name in the reader's language: the standard bands by their light, any other by its own name.
    static func bandName(_ band: ScoreBands.Band, texts: Catalogue) -> String {
        texts.name(band)
    }
}
