import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungSheets
import LumbungStore

/// Pemantauan (issue 16): `/pemantauan?wilayah=CODE&indikator=ID` — the trend of one indicator over the snapshots
/// with its baseline and target lines, and the regions one level down by capaian with a traffic light;
/// `/pemantauan/unduh?…` the same table as XLSX. Figures as the reader may see them (small counts withheld for
/// partners and viewers, and so their capaian).
struct MonitoringPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("pemantauan", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let report = try await Self.report(request, context: context, services: services)
            var page = MonitoringPage(report: report.progress, snapshots: report.snapshots, restricted: context.suppressesSmallCells)
            page.links(for: try context.requireUser(), message: FormQuery.value("pesan", in: request), texts: context.texts)
            page.indicatorOptions += try await ExternalMonitoring.options(selected: report.progress.indicator.id, services: services)
            return services.pages.render("pemantauan", page, for: context)
        }
        router.get("pemantauan/unduh", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let report = try await Self.report(request, context: context, services: services)
            return try MonitoringPage.export(report.progress).response(.xlsx)
        }
    }

    struct Loaded {
        let progress: ProgressReport
        let snapshots: [SnapshotStore.Snapshot]
    }

    /// The report asked for: the region (default the reader's scope) and indicator (default desil-1 families).
    static func report(_ request: Request, context: AppRequestContext, services: AppServices) async throws -> Loaded {
        try await report(request, region: FormQuery.value("wilayah", in: request), indicator: FormQuery.value("indikator", in: request),
                         context: context, services: services)
    }

    /// The report for `regionText` (default the reader's scope) and indicator `indicatorText` (default desil-1 families).
    static func report(_ request: Request, region regionText: String?, indicator indicatorText: String?, context: AppRequestContext,
                       services: AppServices) async throws -> Loaded {
        let scope = try context.requireUser().scope.region
        let region = try AppError.region(regionText.flatMap { $0.isEmpty ? nil : $0 } ?? scope.dotted, in: services.regions)
        let id = indicatorText.flatMap { $0.isEmpty ? nil : $0 } ?? "desil1_families"
        guard let indicator = IndicatorCatalogue.indicator(id) else {
            return try await ExternalMonitoring.report(id, region: region, restricted: context.suppressesSmallCells, services: services)
        }
        let split = try TargetPageController.split(request, indicator: indicator)
        let store = SnapshotStore(database: services.database)
        let snapshots = try await store.list()
        var releases: [ProgressReport.Release] = []
        for snapshot in snapshots {
            guard let date = snapshot.calendarDate else { continue }
            let figures = try await SnapshotFigures.figures(of: snapshot, for: region.code, restricted: context.suppressesSmallCells, services: services)
            releases.append(ProgressReport.Release(name: snapshot.name, date: date, totals: figures.totals, disclosure: figures.disclosure))
        }
        let plans = try await TargetStore(database: services.database).plans(indicator: indicator.id, within: region.code)
        let today = CalendarDate.todayInNTB(secondsSince1970: Date().timeIntervalSince1970)
        let progress = ProgressReport(indicator: indicator, region: region, tree: services.regions, releases: releases, plans: plans,
                                      bands: .standard, fallbackYear: today.year, split: split)
        return Loaded(progress: progress, snapshots: snapshots)
    }
}

/// The Pemantauan page's model.
struct MonitoringPage {
    struct Option { let value: String; let label: String; let selected: Bool }
    struct TableRow {
        let code: String
        let name: String
        let link: String
        let value: String
        let baseline: String
        let target: String
        let capaian: String
        let band: String
        let light: String
    }
    struct PointRow { let snapshot: String; let date: String; let value: String }

    let title: String
    let heading: String
    let regionCode: String
    let regionName: String
    let indicatorName: String
    let definition: String
    let direction: String
    let year: Int
    let chart: String
    var indicatorOptions: [Option]
    let baseline: String
    let target: String
    let latest: String
    let capaian: String
    let band: String
    let light: String
    let points: [PointRow]
    let hasPoints: Bool
    let rows: [TableRow]
    let hasRows: Bool
    let childrenLabel: String
    let download: String
    /// The printable M&E report of the region.
    let printLink: String
    let bands: String
    let suppressed: Bool
    let indicatorID: String
    let splitOptions: [Option]
    /// `&rincian=SPLIT=GROUP` for links that keep the rincian, empty for all.
    let splitQuery: String
    /// Set by `links(for:message:texts:)`: the target form for those who may set targets, a note of a change.
    var editLink: String?
    var editLabel = ""
    var notice: String?

    init(report: ProgressReport, snapshots: [SnapshotStore.Snapshot], restricted: Bool) {
        let indicator = report.indicator
        let region = report.region
        let splitNote = report.split.isAll ? "" : " (\(report.split.indonesianLabel))"
        title = "Pemantauan \(indicator.nameID)\(splitNote) — \(region.name) — Lumbung"
        heading = "Pemantauan: \(indicator.nameID)\(splitNote), \(region.name)"
        regionCode = region.code.dotted
        regionName = region.name
        indicatorName = indicator.nameID
        indicatorID = indicator.id
        definition = indicator.definition
        direction = indicator.direction == .higherIsWorse ? "makin rendah makin baik" : "makin tinggi makin baik"
        year = report.year
        indicatorOptions = IndicatorCatalogue.all.map { Option(value: $0.id, label: $0.nameID, selected: $0.id == indicator.id) }
        splitOptions = TargetSplit.choices(for: indicator).map { Option(value: $0.key, label: $0.indonesianLabel, selected: $0 == report.split) }
        let rincian = report.split.isAll ? "" : "&rincian=\(report.split.key)"
        splitQuery = rincian
        let unit = indicator.unit
        func show(_ value: Double?) -> String { Self.show(value, unit: unit) }
        baseline = report.plan.baseline.map { "\(show($0.value)) (\($0.year)\($0.source.isEmpty ? "" : ", " + $0.source))" } ?? "belum ada"
        target = report.overall.target.map(show) ?? "belum ada"
        latest = report.overall.valueText
        capaian = report.overall.capaian.map { IndonesianNumber.decimal($0) + "%" } ?? "–"
        band = report.overall.band?.name ?? "–"
        light = report.overall.band?.light.rawValue ?? "kosong"
        points = report.trend.map { PointRow(snapshot: $0.snapshot, date: $0.date, value: $0.text) }
        hasPoints = !points.isEmpty
        let indicatorID = indicator.id
        rows = report.children.map { row in
            TableRow(code: row.code, name: row.name, link: "/pemantauan?wilayah=\(row.code)&indikator=\(indicatorID)\(rincian)", value: row.valueText,
                     baseline: row.baseline.map { "\(show($0.value)) (\($0.year))" } ?? "–", target: row.target.map(show) ?? "–",
                     capaian: row.capaian.map { IndonesianNumber.decimal($0) + "%" } ?? "–", band: row.band?.name ?? "–",
                     light: row.band?.light.rawValue ?? "kosong")
        }
        hasRows = !rows.isEmpty
        childrenLabel = region.level.childrenLabel ?? "Wilayah"
        printLink = "/pemantauan/laporan?wilayah=\(region.code.dotted)"
        download = "/pemantauan/unduh?wilayah=\(region.code.dotted)&indikator=\(indicator.id)\(rincian)"
        bands = ScoreBands.standard.bands.map { band in
            band.minimum.isFinite ? "\(band.name) > \(IndonesianNumber.decimal(band.minimum))%" : "\(band.name) di bawahnya"
        }.joined(separator: " · ")
        suppressed = restricted
        chart = Self.chart(report)
    }

    static func show(_ value: Double?, unit: Indicator.Unit) -> String {
        guard let value else { return "–" }
        return unit == .percent ? IndonesianNumber.decimal(value) + "%" : IndonesianNumber.decimal(value)
    }

    static func chart(_ report: ProgressReport) -> String {
        let unit = report.indicator.unit
        let realised = ChartSVG.Line(name: "Realisasi (snapshot)", colour: ChartSVG.lineColour, dash: nil, points: report.trend.compactMap { point in
            guard let date = CalendarDate(iso: point.date) else { return nil }
            return (ChartSVG.fractionalYear(date), point.value, "\(point.snapshot) \(point.date): \(point.text)")
        })
        var targetPoints = report.plan.targets.sorted { $0.key < $1.key }.map { year, value in
            (x: Double(year) + 0.5, value: Optional(value), text: "\(year): \(show(value, unit: unit))")
        }
        if let baseline = report.plan.baseline, !targetPoints.isEmpty {
            targetPoints.insert((Double(baseline.year) + 0.5, baseline.value, "baseline \(baseline.year): \(show(baseline.value, unit: unit))"), at: 0)
        }
        let target = ChartSVG.Line(name: "Target", colour: ChartSVG.targetColour, dash: "6 4", points: targetPoints)
        let reference = report.plan.baseline.map { (name: "Baseline \($0.year)", value: $0.value) }
        return ChartSVG.line(id: "tren", title: "Tren \(report.indicator.nameID), \(report.region.name)", unit: unit.rawValue,
                             series: [realised, target], reference: reference)
    }

    /// The table of the page as a file.
    static func export(_ report: ProgressReport) -> ExportTable {
        let unit = report.indicator.unit
        func number(_ value: Double?) -> Cell { value.map { .decimal($0, places: 2) } ?? .empty }
        let rows: [[Cell]] = ([report.overall] + report.children).map { row in
            [.text(row.code), .text(row.name), row.value.map { .decimal($0, places: 2) } ?? .text(row.valueText),
             number(row.baseline?.value), row.baseline.map { .number($0.year) } ?? .empty, number(row.target),
             number(row.capaian), .text(row.band?.name ?? ""), .text(row.band?.light.rawValue ?? "")]
        }
        return ExportTable(
            title: "Pemantauan \(report.indicator.nameID), \(report.region.name), tahun \(report.year)",
            header: ["Kode", "Wilayah", "Realisasi (\(unit == .percent ? "%" : "jumlah"))", "Baseline", "Tahun baseline", "Target \(report.year)",
                     "Capaian (%)", "Kategori", "Lampu"],
            rows: rows,
            notes: ["Indikator: \(report.indicator.nameID) (\(report.indicator.definition)).",
                    "Realisasi: snapshot terakhir" + (report.trend.last.map { " \($0.snapshot) (\($0.date))" } ?? " — belum ada snapshot") + ".",
                    report.indicator.direction == .higherIsWorse
                        ? "Capaian = (2 × target − realisasi) ÷ target × 100 (makin rendah makin baik)."
                        : "Capaian = realisasi ÷ target × 100 (makin tinggi makin baik).",
                    "Kategori: " + ScoreBands.standard.bands.map(\.name).joined(separator: ", ") + "."],
            fileName: "pemantauan-\(report.indicator.id)-\(report.region.code.dotted)")
    }
}
