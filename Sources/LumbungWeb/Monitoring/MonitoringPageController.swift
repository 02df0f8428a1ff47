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
            var page = MonitoringPage(report: report.progress, snapshots: report.snapshots, restricted: context.suppressesSmallCells, texts: context.texts)
            page.links(for: try context.requireUser(), message: FormQuery.value("pesan", in: request), texts: context.texts)
            page.indicatorOptions += try await ExternalMonitoring.options(selected: report.progress.indicator.id, services: services, texts: context.texts)
            return services.pages.render("pemantauan", page, for: context)
        }
        router.get("pemantauan/unduh", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let report = try await Self.report(request, context: context, services: services)
            return try MonitoringPage.export(report.progress, texts: context.texts).response(.xlsx)
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
    /// The sentence under the heading: what the page shows, for which year, and which way is better.
    let lead: String
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
    /// "Kecamatan menurut capaian (terendah dahulu)".
    let childrenHeading: String
    let download: String
    /// The printable M&E report of the region.
    let printLink: String
    let bands: String
    /// "Kategori capaian: Sangat tinggi > 90% · …".
    let bandNote: String
    let suppressed: Bool
    let indicatorID: String
    let splitOptions: [Option]
    /// `&rincian=SPLIT=GROUP` for links that keep the rincian, empty for all.
    let splitQuery: String
    /// Set by `links(for:message:texts:)`: the target form for those who may set targets, a note of a change.
    var editLink: String?
    var editLabel = ""
    var notice: String?

    init(report: ProgressReport, snapshots: [SnapshotStore.Snapshot], restricted: Bool, texts: Catalogue) {
        let indicator = report.indicator
        let region = report.region
        let name = texts.name(indicator)
        let splitNote = texts.splitNote(report.split)
        title = texts("mon_title", ["indicator": name + splitNote, "region": region.name]) + " — Lumbung"
        heading = texts("mon_heading", ["indicator": name + splitNote, "region": region.name])
        regionCode = region.code.dotted
        regionName = region.name
        indicatorName = name
        indicatorID = indicator.id
        definition = texts.definition(indicator)
        direction = texts(indicator.direction == .higherIsWorse ? "target_direction_lower" : "target_direction_higher")
        year = report.year
        lead = texts("mon_lead", ["year": String(report.year), "direction": direction])
        indicatorOptions = IndicatorCatalogue.all.map { Option(value: $0.id, label: texts.name($0), selected: $0.id == indicator.id) }
        splitOptions = TargetSplit.choices(for: indicator).map { Option(value: $0.key, label: texts.name($0), selected: $0 == report.split) }
        let rincian = report.split.isAll ? "" : "&rincian=\(report.split.key)"
        splitQuery = rincian
        let unit = indicator.unit
        func show(_ value: Double?) -> String { texts.value(value, unit: unit) }
        let none = texts("mon_not_set")
        baseline = report.plan.baseline.map { "\(show($0.value)) (\($0.year)\($0.source.isEmpty ? "" : ", " + $0.source))" } ?? none
        target = report.overall.target.map(show) ?? none
        latest = texts.figure(report.overall.value, text: report.overall.valueText, of: indicator)
        capaian = texts.capaian(report.overall.capaian)
        band = report.overall.band.map(texts.name) ?? "–"
        light = report.overall.band?.light.rawValue ?? "kosong"
        points = report.trend.map { point in
            PointRow(snapshot: point.snapshot, date: CalendarDate(iso: point.date).map(texts.date) ?? point.date,
                     value: texts.figure(point.value, text: point.text, of: indicator))
        }
        hasPoints = !points.isEmpty
        let indicatorID = indicator.id
        rows = report.children.map { row in
            TableRow(code: row.code, name: row.name, link: "/pemantauan?wilayah=\(row.code)&indikator=\(indicatorID)\(rincian)",
                     value: texts.figure(row.value, text: row.valueText, of: indicator),
                     baseline: row.baseline.map { "\(show($0.value)) (\($0.year))" } ?? "–", target: row.target.map(show) ?? "–",
                     capaian: texts.capaian(row.capaian), band: row.band.map(texts.name) ?? "–",
                     light: row.band?.light.rawValue ?? "kosong")
        }
        hasRows = !rows.isEmpty
        childrenLabel = Self.childrenLabel(of: region, texts: texts)
        childrenHeading = texts("mon_children_heading", ["level": childrenLabel])
        printLink = "/pemantauan/laporan?wilayah=\(region.code.dotted)"
        download = "/pemantauan/unduh?wilayah=\(region.code.dotted)&indikator=\(indicator.id)\(rincian)"
        bands = texts.bandList()
        bandNote = texts("mon_bands", ["bands": bands])
        suppressed = restricted
        chart = Self.chart(report, texts: texts)
    }

    /// The regions one level down in words: "Kecamatan", "Desa/Kelurahan" … (Indonesian as the domain writes it).
    static func childrenLabel(of region: Region, texts: Catalogue) -> String {
        guard let label = region.level.childrenLabel else { return texts("mon_children_none") }
        return texts.isEnglish ? texts["level_children_\(region.level.rawValue)"] : label
    }

    static func chart(_ report: ProgressReport, texts: Catalogue) -> String {
        let unit = report.indicator.unit
        let indicator = report.indicator
        let realised = ChartSVG.Line(name: texts("mon_chart_realised"), colour: ChartSVG.lineColour, dash: nil, points: report.trend.compactMap { point in
            guard let date = CalendarDate(iso: point.date) else { return nil }
            return (ChartSVG.fractionalYear(date), point.value, "\(point.snapshot) \(point.date): \(texts.figure(point.value, text: point.text, of: indicator))")
        })
        var targetPoints = report.plan.targets.sorted { $0.key < $1.key }.map { year, value in
            (x: Double(year) + 0.5, value: Optional(value), text: "\(year): \(texts.value(value, unit: unit))")
        }
        if let baseline = report.plan.baseline, !targetPoints.isEmpty {
            targetPoints.insert((Double(baseline.year) + 0.5, baseline.value,
                                 texts("mon_chart_baseline_point", ["year": String(baseline.year), "value": texts.value(baseline.value, unit: unit)])), at: 0)
        }
        let target = ChartSVG.Line(name: texts("mon_chart_target"), colour: ChartSVG.targetColour, dash: "6 4", points: targetPoints)
        let reference = report.plan.baseline.map { (name: texts("mon_chart_baseline", ["year": String($0.year)]), value: $0.value) }
        return ChartSVG.line(id: "tren", title: texts("mon_chart_title", ["indicator": texts.name(indicator), "region": report.region.name]),
                             unit: unit.rawValue, series: [realised, target], reference: reference, texts: texts)
    }

    /// The table of the page as a file, its headings and notes in the language of `texts` (Indonesian as before).
    static func export(_ report: ProgressReport, texts: Catalogue = .of(.id)) -> ExportTable {
        let unit = report.indicator.unit
        func number(_ value: Double?) -> Cell { value.map { .decimal($0, places: 2) } ?? .empty }
        let rows: [[Cell]] = ([report.overall] + report.children).map { row in
            [.text(row.code), .text(row.name), row.value.map { .decimal($0, places: 2) } ?? .text(row.valueText),
             number(row.baseline?.value), row.baseline.map { .number($0.year) } ?? .empty, number(row.target),
             number(row.capaian), .text(row.band.map(texts.name) ?? ""), .text(row.band.map { texts["mon_light_\($0.light.rawValue)"] } ?? "")]
        }
        let name = texts.name(report.indicator)
        return ExportTable(
            title: texts("mon_x_title", ["indicator": name, "region": report.region.name, "year": String(report.year)]),
            header: [texts["mon_code"], texts["mon_region"], texts[unit == .percent ? "mon_x_realisation_percent" : "mon_x_realisation_count"],
                     texts["mon_baseline"], texts["mon_x_baseline_year"], texts["mon_target"] + " \(report.year)", texts["mon_x_capaian"],
                     texts["mon_band"], texts["mon_x_light"]],
            rows: rows,
            notes: [texts("mon_x_indicator", ["name": name, "definition": texts.definition(report.indicator)]),
                    report.trend.last.map { texts("mon_x_latest", ["snapshot": $0.snapshot, "date": $0.date]) } ?? texts("mon_x_no_snapshot"),
                    texts(report.indicator.direction == .higherIsWorse ? "mon_x_formula_lower" : "mon_x_formula_higher"),
                    texts("mon_report_bands", ["bands": ScoreBands.standard.bands.map(texts.name).joined(separator: ", ")])],
            fileName: "pemantauan-\(report.indicator.id)-\(report.region.code.dotted)", texts: texts)
    }
}
