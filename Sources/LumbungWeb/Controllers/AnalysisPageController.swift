import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The analysis pages: `/wilayah/{code}/indikator` (indicators with their splits, and per region below)
/// and `/peringkat?within=CODE&level=desa|kecamatan&w_{indicator}=…` (the priority ranking with its weights).
struct AnalysisPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("wilayah/:code/indikator", .permitted(.readAggregates, region: .path("code"))) { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let level: PriorityRanking.Level? = PriorityRanking.Level.desa.isBelow(region.code) ? .desa : nil
            let suppress = context.suppressesSmallCells
            let pages = services.pages
            let html = try await services.figures.page(key: "indikator \(region.code) \(suppress)", for: region.code) { totals in
                let indicators = RegionIndicators.compute(for: region, totals: totals)
                let page = IndicatorPage(region: region, indicators: suppress ? indicators.suppressingSmallCells() : indicators, rankingLevel: level)
                guard let html = pages.html("indikator", page) else { throw AppError.pageNotFound }
                return html
            }
            return services.pages.respond(html, for: context)
        }
        router.get("peringkat", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let asked = try RankingRequest(request, tree: services.regions, defaultWithin: try context.requireUser().scope.region)
            let totals = try await services.figures.totals(for: asked.within.code)
            var ranking = asked.ranking(totals)
            if context.suppressesSmallCells { ranking = ranking.suppressingSmallCells() }
            return services.pages.render("peringkat", RankingPage(request: asked, ranking: ranking), for: context)
        }
    }
}
