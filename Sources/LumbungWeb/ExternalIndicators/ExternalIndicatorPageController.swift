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
                let texts = context.texts
                return try await list(context, message: texts("ext_imported", [
                    "name": result.indicator.name, "period": result.period.description, "added": texts.number(outcome.added),
                    "unchanged": texts.number(outcome.unchanged), "corrected": texts.number(outcome.corrected),
                ]), error: nil, status: .ok)
            } catch let error as AppError {
                switch error {
                case .externalRefused, .external, .badUpload, .listUnreadable, .monitoring:
                    return try await list(context, message: nil, error: context.texts.message(error), status: error.status)
                default: throw error
                }
            }
        }
        router.get("sumber-lain/{indicator}", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let region = try AppError.region(FormQuery.filled("wilayah", in: request) ?? scope.dotted, in: services.regions)
            let id = context.parameters.get("indicator") ?? ""
            let store = ExternalIndicatorStore(database: services.database)
            guard let indicator = try await store.indicator(id) else { throw AppError.external(.unknown(String(id.prefix(60)))) }
            let values = try await store.values(indicator: id, within: region.code)
            return services.pages.render("sumber-lain-indikator", ExternalValuesPage(indicator: indicator, region: region, values: values,
                                                                                      tree: services.regions, restricted: context.suppressesSmallCells,
                                                                                      texts: context.texts), for: context)
        }
    }

    private func list(_ context: AppRequestContext, message: String?, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let user = try context.requireUser()
        let summaries = try await ExternalIndicatorStore(database: services.database).summaries()
        return services.pages.render("sumber-lain", ExternalListPage(summaries: summaries, scope: user.scope.region.dotted,
                                                                     canImport: user.role.may(.importExternalFigures), csrf: context.csrfToken,
                                                                     message: message, error: error, texts: context.texts), status: status, for: context)
    }
}

/// The list page's model.
struct ExternalListPage {
    struct Row { let id: String; let name: String; let unit: String; let direction: String; let source: String; let regions: String; let latest: String; let href: String }

    let title: String
    let rows: [Row]
    let hasRows: Bool
    let canImport: Bool
    let csrf: String
    let message: String?
    let error: String?

    init(summaries: [ExternalIndicatorStore.Summary], scope: String, canImport: Bool, csrf: String, message: String?, error: String?,
         texts: Catalogue) {
        title = texts["ext_title"]
        rows = summaries.map { summary in
            let unit = ExternalIndicator.Unit(rawValue: summary.unit)
            return Row(id: summary.id, name: summary.name, unit: unit.map { ExternalListPage.unitName($0, texts) } ?? summary.unit,
                       direction: ExternalListPage.directionName(summary.direction == Indicator.Direction.higherIsWorse.rawValue ? .higherIsWorse : .higherIsBetter, texts),
                       source: summary.source, regions: texts.number(summary.regions), latest: summary.latestPeriod ?? "–",
                       href: "/sumber-lain/\(summary.id)?wilayah=\(scope)")
        }
        hasRows = !rows.isEmpty
        self.canImport = canImport
        self.csrf = csrf
        self.message = message
        self.error = error
    }

    /// The unit in the reader's words ("persen", "per mille").
    static func unitName(_ unit: ExternalIndicator.Unit, _ texts: Catalogue) -> String {
        texts["ext_unit_" + unit.rawValue]
    }

    /// The direction in the reader's words ("makin rendah makin baik", "lower is better").
    static func directionName(_ direction: Indicator.Direction, _ texts: Catalogue) -> String {
        texts[direction == .higherIsWorse ? "ext_dir_lower" : "ext_dir_higher"]
    }
}

/// One indicator's values: a row per region, a column per period.
struct ExternalValuesPage {
    struct Row { let code: String; let name: String; let href: String; let cells: [String]; let source: String }

    let title: String
    let heading: String
    let indicatorID: String
    let regionName: String
    let lead: String
    let noValues: String
    let periods: [String]
    let rows: [Row]
    let hasRows: Bool
    let apiHref: String
    let monitoringHref: String

    init(indicator: ExternalIndicator, region: Region, values: [ExternalIndicatorStore.StoredValue], tree: RegionTree, restricted: Bool,
         texts: Catalogue) {
        title = "\(indicator.name) — \(region.name) — Lumbung"
        heading = "\(indicator.name): \(region.name)"
        indicatorID = indicator.id
        regionName = region.name
        lead = texts("ext_values_lead", ["unit": ExternalListPage.unitName(indicator.unit, texts),
                                          "direction": ExternalListPage.directionName(indicator.direction, texts)])
        noValues = texts("ext_no_values", ["region": region.name])
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
            let shown: [String] = periods.map { period in cells[period].map { indicator.show($0.value, restricted: restricted) } ?? "–" }
            rows.append(Row(code: code, name: name, href: "/wilayah/\(code)", cells: shown, source: latest?.source ?? ""))
        }
        self.rows = rows
        hasRows = !rows.isEmpty
        apiHref = "/api/v1/external-indicators/\(indicator.id)?within=\(region.code.dotted)"
        monitoringHref = "/pemantauan?wilayah=\(region.code.dotted)&indikator=\(indicator.id)"
    }
}
