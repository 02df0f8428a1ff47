import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// Outcome indicators of a programme (issue 16): the registry or external indicators it names as its outcomes, each
/// followed in the programme's target regions (as far as the reader may see them) with its baseline, the target of the
/// year, its value at every snapshot and the capaian — the figures of Pemantauan (`MonitoringPageController.report`).
enum ProgrammeOutcomes {
    /// One outcome indicator in one region, as the API answers it.
    struct Figure: Encodable {
        let indicator: String
        let name: String
        let unit: String
        let direction: String
        let region: String
        let regionName: String
        let year: Int
        let baseline: Baseline?
        let target: Double?
        let trend: [ProgressReport.Point]
        let value: Double?
        let valueText: String
        let capaian: Double?
        let band: ScoreBands.Band?
    }

    /// The regions an outcome is followed in: each target region of the programme inside `area`, or `area` itself
    /// where a target region holds it (a province-wide programme read by a kabupaten).
    static func regions(_ targets: [RegionCode], within area: RegionCode) -> [RegionCode] {
        var regions: [RegionCode] = []
        for target in targets {
            let region = area.contains(target) ? target : target.contains(area) ? area : nil
            if let region, !regions.contains(region) { regions.append(region) }
        }
        return regions.sorted()
    }

    /// The figures of each outcome indicator of `programme` in each of `regions`, indicator by indicator.
    static func figures(_ programme: Programme, regions: [RegionCode], request: Request, context: AppRequestContext,
                        services: AppServices) async throws -> [Figure] {
        var figures: [Figure] = []
        for indicator in try await ProgrammeOutcomeStore(database: services.database).outcomes(of: programme.code.value) {
            for region in regions {
                let report = try await MonitoringPageController.report(request, region: region.dotted, indicator: indicator, context: context,
                                                                       services: services).progress
                figures.append(Figure(
                    indicator: indicator, name: context.texts.name(report.indicator), unit: report.indicator.unit.rawValue,
                    direction: report.indicator.direction.rawValue, region: region.dotted, regionName: report.region.name, year: report.year,
                    baseline: report.plan.baseline, target: report.overall.target, trend: report.trend, value: report.overall.value,
                    valueText: report.overall.valueText, capaian: report.overall.capaian, band: report.overall.band))
            }
        }
        return figures
    }

    /// The programme page's and report's rows.
    struct Row {
        let indicator: String
        let name: String
        let code: String
        let region: String
        let baseline: String
        let target: String
        let values: String
        let capaian: String
        let band: String
        let light: String
        let year: Int
        /// Set on the programme page for whoever may unlink.
        var unlink: String?
    }

    static func rows(_ figures: [Figure], texts: Catalogue) -> [Row] {
        figures.map { figure in
            let percent = figure.unit == Indicator.Unit.percent.rawValue
            func show(_ value: Double?) -> String { value.map { texts.amount($0) + (percent ? "%" : "") } ?? "–" }
            let values = figure.trend.map { point in "\(point.snapshot): \(point.value.map { show($0) } ?? point.text)" }
            return Row(indicator: figure.indicator, name: figure.name, code: figure.region, region: figure.regionName,
                       baseline: figure.baseline.map { "\(show($0.value)) (\($0.year))" } ?? "–", target: show(figure.target),
                       values: values.isEmpty ? texts["pout_no_snapshots"] : values.joined(separator: " · "),
                       capaian: figure.capaian.map { texts.amount($0) + "%" } ?? "–",
                       band: figure.band.map { ProgrammeReportPage.bandName($0, texts: texts) } ?? "–", light: figure.band?.light.rawValue ?? "kosong",
                       year: figure.year)
        }
    }

    /// The indicators a programme may name: the registry's, then those of other sources.
    static func options(services: AppServices, texts: Catalogue) async throws -> [MonitoringPage.Option] {
        IndicatorCatalogue.all.map { MonitoringPage.Option(value: $0.id, label: texts.name($0), selected: false) }
            + (try await ExternalIndicatorStore(database: services.database).indicators().map {
                MonitoringPage.Option(value: $0.id, label: texts("pout_external", ["name": $0.name]), selected: false)
            })
    }

    /// Links or unlinks `indicator` for a user who manages the programme (else 403, audited); refusals as `AppError`.
    static func change(_ record: ProgrammeRecord, indicator: String, link: Bool, request: Request, context: AppRequestContext,
                       services: AppServices) async throws -> Bool {
        let user = try context.requireUser()
        try await ProgrammeAccess.requireManage(user, record.programme, request, context, audit: services.audit)
        let store = ProgrammeOutcomeStore(database: services.database)
        let code = record.programme.code.value
        let id = indicator.trimmingCharacters(in: .whitespaces)
        do {
            return link ? try await store.link(id, to: code, by: context.auditActor) : try await store.unlink(id, from: code, by: context.auditActor)
        } catch let problem as MonitoringProblem {
            throw AppError.monitoring(problem)
        } catch let problem as ProgrammeProblem {
            throw AppError.programmeRefused([problem])
        }
    }
}

/// `GET /api/v1/programmes/{programme}/outcomes?within=CODE` (the figures), `POST …/outcomes` (`indicator`: link it) and
/// `POST …/outcomes/remove` (`indicator`: unlink it) — changes for admins and operators whose scope covers every target
/// region of the programme, as changing the programme itself.
struct ProgrammeOutcomesAPIController {
    let services: AppServices

    struct Outcomes: Encodable {
        let programme: String
        let within: String
        let indicators: [String]
        let outcomes: [ProgrammeOutcomes.Figure]
    }

    struct Linked: Encodable {
        let programme: String
        let indicators: [String]
    }

    func register(on api: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        let store = ProgrammeStore(database: services.database)
        api.get("programmes/{programme}/outcomes", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            let within = try FormQuery.filled("within", in: request).map { try AppError.region($0, in: services.regions).code } ?? user.scope.region
            let regions = ProgrammeOutcomes.regions(record.programme.targetRegions, within: within)
            let figures = try await ProgrammeOutcomes.figures(record.programme, regions: regions, request: request, context: context, services: services)
            let indicators = try await ProgrammeOutcomeStore(database: services.database).outcomes(of: record.programme.code.value)
            return JSONBody.response(Outcomes(programme: record.programme.code.value, within: within.dotted, indicators: indicators, outcomes: figures))
        }
        api.post("programmes/{programme}/outcomes", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            let indicator = try await ProgrammeForm.read(request).text("indicator")
            let added = try await ProgrammeOutcomes.change(record, indicator: indicator, link: true, request: request, context: context, services: services)
            let indicators = try await ProgrammeOutcomeStore(database: services.database).outcomes(of: record.programme.code.value)
            return JSONBody.response(Linked(programme: record.programme.code.value, indicators: indicators), status: added ? .created : .ok)
        }
        api.post("programmes/{programme}/outcomes/remove", .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
            let user = try context.requireUser()
            let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user, store: store)
            let indicator = try await ProgrammeForm.read(request).text("indicator")
            guard try await ProgrammeOutcomes.change(record, indicator: indicator, link: false, request: request, context: context, services: services) else {
                throw AppError.monitoring(.indicatorUnknown(String(indicator.prefix(60))))
            }
            let indicators = try await ProgrammeOutcomeStore(database: services.database).outcomes(of: record.programme.code.value)
            return JSONBody.response(Linked(programme: record.programme.code.value, indicators: indicators))
        }
    }
}

/// The programme page's outcome form: `POST /program/{kode}/hasil` (`indikator`: link it) and `POST /program/{kode}/hasil/hapus`
/// (`indikator`: unlink it), for whoever may change the programme; back to the programme's page with what happened.
struct ProgrammeOutcomesPageController {
    let services: AppServices

    func register(on pages: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        for (path, link) in [("program/{programme}/hasil", true), ("program/{programme}/hasil/hapus", false)] {
            pages.post(path, .permitted(.manageProgrammes, region: .none)) { request, context -> Response in
                let user = try context.requireUser()
                let record = try await ProgrammeAccess.record(context.parameters.get("programme") ?? "", for: user,
                                                              store: ProgrammeStore(database: services.database))
                let indicator = (try await FormQuery.body(request)["indikator"] ?? "").trimmingCharacters(in: .whitespaces)
                let base = "/program/\(record.programme.code.value)?"
                let texts = context.texts
                do {
                    let changed = try await ProgrammeOutcomes.change(record, indicator: indicator, link: link, request: request, context: context,
                                                                     services: services)
                    let key = link ? (changed ? "pout_linked" : "pout_already") : (changed ? "pout_unlinked" : "pout_not_linked")
                    return .redirect(to: base + "pesan=" + ProgrammePageController.escape(texts(key, ["indicator": indicator])))
                } catch AppError.monitoring(.indicatorUnknown) {
                    return .redirect(to: base + "galat=" + ProgrammePageController.escape(texts("pout_unknown", ["indicator": String(indicator.prefix(60))])))
                }
            }
        }
    }
}
