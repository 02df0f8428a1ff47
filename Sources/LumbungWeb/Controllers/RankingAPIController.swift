import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// `GET /api/v1/rankings?level=desa|kecamatan&within=CODE&weights=id:w,…&min_keluarga=N`: the priority ranking of areas
/// (those with at least N families, default `ComparableArea.minimumFamilies`).
struct RankingAPIController {
    let services: AppServices

    struct Ranking: Encodable {
        let level: String
        let within: String
        /// Areas with fewer families are not ranked.
        let minimumFamilies: Int
        /// Whether each rate was shrunk toward the region's before scoring (`penyusutan`, on by default).
        let shrunk: Bool
        let weights: [PriorityRanking.Weight]
        let stability: PriorityRanking.Stability
        let rows: [PriorityRanking.Row]
    }

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("rankings", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let user = try context.requireUser()
            var loaded = try RankingRequest(request, tree: services.regions, defaultWithin: user.scope.region, external: try await ExternalRanking.indicators(services))
            try await ExternalRanking.load(&loaded, services: services)
            let asked = loaded
            // The same ranking the page and the downloads use, computed once per generation.
            let ranking = try await asked.cachedRanking(services.figures, restricted: context.suppressesSmallCells, coverage: services.coverage, tree: services.regions)
            return try await services.figures.json(key: asked.cacheKey, for: asked.within.code,
                                                   restricted: context.suppressesSmallCells) { _ in
                Ranking(level: asked.levelName, within: asked.within.code.dotted, minimumFamilies: asked.minimumFamilies, shrunk: ranking.shrunk, weights: ranking.weights,
                               stability: ranking.stability, rows: ranking.rows)
            }
        }
    }
}
