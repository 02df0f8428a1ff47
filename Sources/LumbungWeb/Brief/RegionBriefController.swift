import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// `/wilayah/{code}/ringkas`: the region brief to print (A4, its own print stylesheet), with the map's `indikator`
/// and `kelas` as on the region page.
struct RegionBriefController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("wilayah/:code/ringkas", .permitted(.readAggregates, region: .path("code"))) { request, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let scope = try context.requireUser().scope.region
            let asked = try MapRequest(request)
            let restricted = context.suppressesSmallCells
            let figures = try await services.figures.figures(for: region.code, restricted: restricted)
            let map = try await RegionMap.make(for: region, request: asked, figures: figures, services: services, texts: context.texts)
            let ranking = try await DashboardController.priorityRanking(for: region, services: services, restricted: restricted)
            let freshness = try await DataFreshness.read(region.code, database: services.database)
            let dashboard = DashboardPage(region: region, tree: services.regions, scope: scope, figures: figures, map: map, request: asked,
                                          ranking: ranking, freshness: freshness, texts: context.texts)
            let texts = context.texts
            let summary = figures.totals[region.code].families == 0 ? nil
                : texts.text(RegionSummary(region: region, totals: figures.totals, disclosure: figures.disclosure))
            let composed = ISO8601DateFormatter().string(from: Date())
            let page = RegionBriefPage(region: region, dashboard: dashboard, figures: figures, summary: summary, composed: composed, texts: texts)
            return services.pages.render("ringkas", page, for: context)
        }
    }
}
