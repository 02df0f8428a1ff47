import Hummingbird
import LumbungAnalytics
import LumbungDomain

/// The analysis pages: `/wilayah/{code}/indikator` (indicators with their splits, and per region below)
/// and `/peringkat?within=CODE&level=desa|kecamatan&w_{indicator}=…` (the priority ranking with its weights).
struct AnalysisPageController {
    let services: AppServices

    func register(on router: Router<AppRequestContext>) {
        router.get("wilayah/:code/indikator") { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let totals = try await services.figures.totals(for: region.code)
            let level: PriorityRanking.Level? = PriorityRanking.Level.desa.isBelow(region.code) ? .desa : nil
            return services.pages.render("indikator", IndicatorPage(region: region, indicators: RegionIndicators.compute(for: region, totals: totals),
                                                                    rankingLevel: level))
        }
        router.get("peringkat") { request, _ -> Response in
            let asked = try RankingRequest(request, tree: services.regions)
            let totals = try await services.figures.totals(for: asked.within.code)
            return services.pages.render("peringkat", RankingPage(request: asked, ranking: asked.ranking(totals)))
        }
    }
}
