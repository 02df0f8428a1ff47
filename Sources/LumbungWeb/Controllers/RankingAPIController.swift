import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// `GET /api/v1/rankings?level=desa|kecamatan&within=CODE&weights=id:w,…`: the priority ranking of areas.
struct RankingAPIController {
    let services: AppServices

    struct Ranking: Encodable {
        let level: String
        let within: String
        let weights: [PriorityRanking.Weight]
        let stability: PriorityRanking.Stability
        let rows: [PriorityRanking.Row]
    }

    func register(on group: RouterGroup<AppRequestContext>) {
        group.get("rankings") { request, _ -> Response in
            let asked = try RankingRequest(request, tree: services.regions)
            return try await services.figures.json(key: asked.cacheKey, for: asked.within.code) { totals in
                let ranking = asked.ranking(totals)
                return Ranking(level: asked.levelName, within: asked.within.code.dotted, weights: ranking.weights,
                               stability: ranking.stability, rows: ranking.rows)
            }
        }
    }
}
