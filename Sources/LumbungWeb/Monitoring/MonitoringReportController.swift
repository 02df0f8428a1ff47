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
            let composed = LocalTime.text(utc: ISO8601DateFormatter().string(from: Date()), in: IndonesianTimeZone(region: region.code))
            let page = MonitoringReportPage(region: region, reports: reports, snapshots: snapshots, plans: plans,
                                            restricted: context.suppressesSmallCells, composed: composed)
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

    init(region: Region, reports: [ProgressReport], snapshots: [SnapshotStore.Snapshot], plans: [TargetPlan], restricted: Bool, composed: String) {
        title = "Laporan pemantauan \(region.name) — Lumbung"
        heading = region.name
        code = region.code.dotted
        levelLabel = region.level.label
        year = reports.first?.year ?? 0
        let latest = snapshots.last
        hasSnapshots = latest != nil
        freshness = latest.map { snapshot in
            "Data per \(snapshot.calendarDate?.indonesianText ?? snapshot.date) (snapshot \(snapshot.name); \(snapshots.count) snapshot sejak "
                + "\(snapshots.first?.calendarDate?.indonesianText ?? snapshots.first?.date ?? snapshot.date))."
        } ?? "Belum ada snapshot: realisasi dan capaian kosong sampai admin membuat snapshot (lumbung snapshot create NAMA)."
        let sources = Set(plans.compactMap { $0.baseline?.source }.filter { !$0.isEmpty }).sorted()
        source = "Sumber: registri Lumbung (DTSEN/DTKS dan data desa yang diimpor), dibekukan sebagai snapshot"
            + (sources.isEmpty ? "" : "; baseline: " + sources.joined(separator: ", ")) + "; target: ditetapkan di Lumbung."
        self.composed = "Dicetak \(composed)."
        back = "/pemantauan?wilayah=\(region.code.dotted)"
        childrenLabel = region.level.childrenLabel ?? "Wilayah"
        headlines = reports.map { report in
            let unit = report.indicator.unit
            return Headline(
                name: report.indicator.nameID,
                baseline: report.plan.baseline.map { "\(MonitoringPage.show($0.value, unit: unit)) (\($0.year))" } ?? "–",
                target: report.overall.target.map { MonitoringPage.show($0, unit: unit) } ?? "–",
                latest: report.overall.valueText,
                capaian: report.overall.capaian.map { IndonesianNumber.decimal($0) + "%" } ?? "–",
                band: report.overall.band?.name ?? "–",
                light: report.overall.band?.light.rawValue ?? "kosong")
        }
        sections = reports.prefix(MonitoringReportController.detailed).map { report in
            let page = MonitoringPage(report: report, snapshots: snapshots, restricted: restricted)
            let behind = report.children.filter { ($0.band?.light).map { [.red, .orange].contains($0) } ?? false }.map(\.name)
            return Section(name: report.indicator.nameID, definition: report.indicator.definition, direction: page.direction, chart: page.chart,
                           rows: page.rows, hasRows: !page.rows.isEmpty,
                           behind: behind.isEmpty ? "" : "Tertinggal (capaian rendah atau sangat rendah): " + behind.joined(separator: ", ") + ".")
        }
        let left = reports.count - sections.count
        omitted = left > 0 ? "\(left) indikator lain hanya di tabel capaian utama; grafik dan tabelnya ada di halaman Pemantauan." : nil
        bands = ScoreBands.standard.bands.map { band in
            band.minimum.isFinite ? "\(band.name) > \(IndonesianNumber.decimal(band.minimum))%" : "\(band.name) di bawahnya"
        }.joined(separator: " · ")
        formula = "Capaian: makin tinggi makin baik = realisasi ÷ target × 100; makin rendah makin baik = (2 × target − realisasi) ÷ target × 100."
        suppressed = restricted
    }
}
