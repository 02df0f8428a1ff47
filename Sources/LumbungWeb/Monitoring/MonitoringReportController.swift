import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The printable M&E report (issue 16): `/pemantauan/laporan?wilayah=CODE` — for a kabupaten (or any region) on A4:
/// the headline capaian of every indicator that has a baseline or target there (and desil-1 families always), then
/// for the first `detailed` of them the trend chart with baseline and target lines and the traffic-light table of the
/// regions one level down; the data date and source of the latest snapshot; page numbers from the print stylesheet.
/// Figures as the reader may see them (small counts withheld for partners and viewers, and so their capaian).
struct MonitoringReportController {
    let services: AppServices
    /// Indicators given a chart and a table of their own: a kabupaten's report stays within 4 A4 pages.
    static let detailed = 3

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("pemantauan/laporan", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let region = try AppError.region(FormQuery.filled("wilayah", in: request) ?? scope.dotted, in: services.regions)
            let plans = try await TargetStore(database: services.database).plans(within: region.code)
            let chosen = Self.indicators(plans: plans, region: region, tree: services.regions)
            var reports: [ProgressReport] = []
            var snapshots: [SnapshotStore.Snapshot] = []
            for indicator in chosen {
                let loaded = try await MonitoringPageController.report(request, region: region.code.dotted, indicator: indicator.id,
                                                                       context: context, services: services)
                reports.append(loaded.progress)
                snapshots = loaded.snapshots
            }
            let composed = context.texts.time(utc: ISO8601DateFormatter().string(from: Date()), in: IndonesianTimeZone(region: region.code))
            let page = MonitoringReportPage(region: region, reports: reports, snapshots: snapshots, plans: plans,
                                            restricted: context.suppressesSmallCells, composed: composed, texts: context.texts)
            return services.pages.render("pemantauan-laporan", page, for: context)
        }
    }

    /// Desil-1 families, then every other indicator with a plan (all, not a rincian) for the region or one level down, in catalogue order.
    static func indicators(plans: [TargetPlan], region: Region, tree: RegionTree) -> [Indicator] {
        let near = Set([region.code] + tree.children(of: region.code).map(\.code))
        let planned = Set(plans.filter { $0.split.isAll && near.contains($0.region) }.map(\.indicator))
        return IndicatorCatalogue.all.filter { $0.id == "desil1_families" || planned.contains($0.id) }
    }
}

/// The model of `pemantauan-laporan.mustache`.
struct MonitoringReportPage {
    struct Headline {
        let name: String
        let baseline: String
        let target: String
        let latest: String
        let capaian: String
        let band: String
        let light: String
    }
    struct Section {
        let name: String
        let definition: String
        let direction: String
        let chart: String
        let rows: [MonitoringPage.TableRow]
        let hasRows: Bool
        let behind: String
    }

    let title: String
    let heading: String
    let code: String
    let levelLabel: String
    let year: Int
    /// "capaian tahun 2025".
    let yearLabel: String
    let freshness: String
    let source: String
    let composed: String
    let back: String
    let headlines: [Headline]
    let sections: [Section]
    let childrenLabel: String
    let hasSnapshots: Bool
    let bands: String
    let formula: String
    let suppressed: Bool
    let omitted: String?
    /// "Kategori: Sangat tinggi > 90% · …" (the bands in the reader's language).
    let bandNote: String

    init(region: Region, reports: [ProgressReport], snapshots: [SnapshotStore.Snapshot], plans: [TargetPlan], restricted: Bool, composed: String,
         texts: Catalogue) {
        title = texts("mon_report_title", ["region": region.name]) + " — Lumbung"
        heading = region.name
        code = region.code.dotted
        levelLabel = texts.isEnglish ? texts["level_\(region.level.rawValue)"] : region.level.label
        year = reports.first?.year ?? 0
        yearLabel = texts("mon_report_year", ["year": String(year)])
        let latest = snapshots.last
        hasSnapshots = latest != nil
        func date(_ snapshot: SnapshotStore.Snapshot) -> String { snapshot.calendarDate.map(texts.date) ?? snapshot.date }
        freshness = latest.map { snapshot in
            texts("mon_report_freshness", ["date": date(snapshot), "snapshot": snapshot.name, "count": String(snapshots.count),
                                           "first": snapshots.first.map(date) ?? date(snapshot)])
        } ?? texts("mon_report_no_snapshots")
        let sources = Set(plans.compactMap { $0.baseline?.source }.filter { !$0.isEmpty }).sorted()
        source = sources.isEmpty ? texts("mon_report_source") : texts("mon_report_source_baselines", ["sources": sources.joined(separator: ", ")])
        self.composed = texts("mon_report_composed", ["time": composed])
        back = "/pemantauan?wilayah=\(region.code.dotted)"
        childrenLabel = MonitoringPage.childrenLabel(of: region, texts: texts)
        headlines = reports.map { report in
            let unit = report.indicator.unit
            return Headline(
                name: texts.name(report.indicator),
                baseline: report.plan.baseline.map { "\(texts.value($0.value, unit: unit)) (\($0.year))" } ?? "–",
                target: report.overall.target.map { texts.value($0, unit: unit) } ?? "–",
                latest: texts.figure(report.overall.value, text: report.overall.valueText, of: report.indicator),
                capaian: texts.capaian(report.overall.capaian),
                band: report.overall.band.map(texts.name) ?? "–",
                light: report.overall.band?.light.rawValue ?? "kosong")
        }
        sections = reports.prefix(MonitoringReportController.detailed).map { report in
            let page = MonitoringPage(report: report, snapshots: snapshots, restricted: restricted, texts: texts)
            let behind = report.children.filter { ($0.band?.light).map { [.red, .orange].contains($0) } ?? false }.map(\.name)
            return Section(name: texts.name(report.indicator), definition: texts.definition(report.indicator), direction: page.direction, chart: page.chart,
                           rows: page.rows, hasRows: !page.rows.isEmpty,
                           behind: behind.isEmpty ? "" : texts("mon_report_behind", ["regions": behind.joined(separator: ", ")]))
        }
        let left = reports.count - sections.count
        omitted = left > 0 ? texts("mon_report_omitted", ["count": String(left)]) : nil
        bands = texts.bandList()
        formula = texts("mon_report_formula")
        suppressed = restricted
        bandNote = texts("mon_report_bands", ["bands": bands])
    }
}
