import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// `GET /api/v1/regions/{code}/indicators`: every indicator for the region and each region one level down.
struct IndicatorAPIController {
    let services: AppServices

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("regions/:code/indicators") { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let villages = try await VillageAggregateStore(database: services.database).fetchTallies(within: region.code)
            return JSONBody.response(RegionIndicators.compute(for: region, tree: services.regions, villages: villages))
        }
    }
}

/// `GET /api/v1/regions/{code}/summary`: the region's most urgent facts in words, `{"id": …, "en": …}`.
struct SummaryAPIController {
    let services: AppServices

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("regions/:code/summary") { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let scope = region.parentCode ?? region.code
            let villages = try await VillageAggregateStore(database: services.database).fetchTallies(within: scope)
            return JSONBody.response(RegionSummary(region: region, tree: services.regions, villages: villages))
        }
    }
}
