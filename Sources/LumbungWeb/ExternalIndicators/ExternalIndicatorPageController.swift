import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungImport
import LumbungStore

/// Data dari sumber lain (issue 16 item 3):
/// - `/sumber-lain`: the external indicators, and for admins and analysts a form to import a table (`POST /sumber-lain`);
/// - `/sumber-lain/{indicator}?wilayah=CODE`: one indicator's values per region at or below the region (default the
///   reader's scope), a column per period.
struct ExternalIndicatorPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("sumber-lain", .permitted(.readAggregates, region: .none)) { _, context -> Response in
            try await list(context, message: nil, error: nil, status: .ok)
        }
        router.post("sumber-lain", .permitted(.importExternalFigures, region: .none)) { request, context -> Response in
            do {
                let result = try await ExternalIndicatorAPIController.importTable(request, context: context, services: services)
                let outcome = result.outcome
                return try await list(context, message: "\(result.indicator.name) (\(result.period)): \(outcome.added) nilai baru, "
                                        + "\(outcome.unchanged) sama seperti tersimpan, \(outcome.corrected) dikoreksi.", error: nil, status: .ok)
            } catch let error as AppError {
                switch error {
                case .externalRefused, .external, .badUpload, .listUnreadable, .monitoring:
                    return try await list(context, message: nil, error: error.indonesianMessage, status: error.status)
                default: throw error
                }
            }
        }
        router.get("sumber-lain/{indicator}", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let region = try AppError.region(FormQuery.value("wilayah", in: request).flatMap { $0.isEmpty ? nil : $0 } ?? scope.dotted, in: services.regions)
            let id = context.parameters.get("indicator") ?? ""
            let store = ExternalIndicatorStore(database: services.database)
            guard let indicator = try await store.indicator(id) else { throw AppError.external(.unknown(String(id.prefix(60)))) }
            let values = try await store.values(indicator: id, within: region.code)
            return services.pages.render("sumber-lain-indikator", ExternalValuesPage(indicator: indicator, region: region, values: values,
                                                                                      tree: services.regions), for: context)
        }
    }

    private func list(_ context: AppRequestContext, message: String?, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let summaries = try await ExternalIndicatorStore(database: services.database).summaries()
        return services.pages.render("sumber-lain", ExternalListPage(summaries: summaries, scope: user.scope.region.dotted,
                                                                     canImport: user.role.may(.importExternalFigures), csrf: context.csrfToken,
                                                                     message: message, error: error), status: status, for: context)
    }
}

/// The list page's model.
struct ExternalListPage {
    struct Row { let id: String; let name: String; let unit: String; let direction: String; let source: String; let regions: String; let latest: String; let href: String }

    let title = "Data dari sumber lain — Lumbung"
    let rows: [Row]
    let hasRows: Bool
    let canImport: Bool
    let csrf: String
    let message: String?
    let error: String?

    init(summaries: [ExternalIndicatorStore.Summary], scope: String, canImport: Bool, csrf: String, message: String?, error: String?) {
        rows = summaries.map { summary in
            let unit = ExternalIndicator.Unit(rawValue: summary.unit)
            return Row(id: summary.id, name: summary.name, unit: unit.map(ExternalListPage.unitName) ?? summary.unit,
                       direction: summary.direction == Indicator.Direction.higherIsWorse.rawValue ? "makin rendah makin baik" : "makin tinggi makin baik",
                       source: summary.source, regions: IndonesianNumber.format(summary.regions), latest: summary.latestPeriod ?? "–",
                       href: "/sumber-lain/\(summary.id)?wilayah=\(scope)")
        }
        hasRows = !rows.isEmpty
        self.canImport = canImport
        self.csrf = csrf
        self.message = message
        self.error = error
    }

    static func unitName(_ unit: ExternalIndicator.Unit) -> String {
        switch unit {
        case .percent: "persen"
        case .perMille: "permil"
        case .people: "jiwa"
        case .families: "keluarga"
        case .count: "jumlah"
        }
    }
}

/// One indicator's values: a row per region, a column per period.
struct ExternalValuesPage {
    struct Row { let code: String; let name: String; let href: String; let cells: [String]; let source: String }

    let title: String
    let heading: String
    let indicatorID: String
    let regionName: String
    let direction: String
    let unit: String
    let periods: [String]
    let rows: [Row]
    let hasRows: Bool
    let apiHref: String
    let monitoringHref: String

    init(indicator: ExternalIndicator, region: Region, values: [ExternalIndicatorStore.StoredValue], tree: RegionTree) {
        title = "\(indicator.name) — \(region.name) — Lumbung"
        heading = "\(indicator.name): \(region.name)"
        indicatorID = indicator.id
        regionName = region.name
        direction = indicator.directionText
        unit = ExternalListPage.unitName(indicator.unit)
        var parsed: [String: ExternalPeriod] = [:]
        for value in values { parsed[value.period] = ExternalPeriod(value.period) }
        let periods = parsed.keys.sorted { a, b in
            guard let x = parsed[a], let y = parsed[b] else { return a < b }
            return x < y
        }
        self.periods = periods
        var byRegion: [String: [String: ExternalIndicatorStore.StoredValue]] = [:]
        for value in values { byRegion[value.region, default: [:]][value.period] = value }
        var rows: [Row] = []
        // `values` comes ordered by region code.
        var seen: [String] = []
        for value in values where seen.last != value.region { seen.append(value.region) }
        for code in seen {
            let cells = byRegion[code] ?? [:]
            let latest = periods.last(where: { cells[$0] != nil }).flatMap { cells[$0] }
            let name = (try? RegionCode(code)).flatMap { tree[$0]?.title } ?? code
            let shown: [String] = periods.map { period in cells[period].map { indicator.show($0.value) } ?? "–" }
            rows.append(Row(code: code, name: name, href: "/wilayah/\(code)", cells: shown, source: latest?.source ?? ""))
        }
        self.rows = rows
        hasRows = !rows.isEmpty
        apiHref = "/api/v1/external-indicators/\(indicator.id)?within=\(region.code.dotted)"
        monitoringHref = "/pemantauan?wilayah=\(region.code.dotted)&indikator=\(indicator.id)"
    }
}
