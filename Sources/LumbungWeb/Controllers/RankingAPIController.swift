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
            let within = try AppError.region(FormQuery.value("within", in: request) ?? "52", in: services.regions)
            let level = FormQuery.value("level", in: request) ?? "desa"
            guard let rankedLevel = PriorityRanking.Level(name: level) else {
                throw AppError.badRanking("level must be desa or kecamatan, not '\(level)'")
            }
            guard rankedLevel.isBelow(within.code) else {
                throw AppError.badRanking("level \(level) is not below \(within.code.dotted) (\(within.level.rawValue))")
            }
            var weights = PriorityRanking.defaultWeights
            if let text = FormQuery.value("weights", in: request), !text.isEmpty {
                do {
                    weights = try PriorityRanking.parseWeights(text)
                } catch let error as PriorityRanking.WeightError {
                    throw AppError.badRanking(error.message)
                }
            }
            let villages = try await VillageAggregateStore(database: services.database).fetchTallies(within: within.code)
            let areas = PriorityRanking.areas(rankedLevel, within: within.code, tree: services.regions, villages: villages)
            let ranking = PriorityRanking(areas: areas, weights: weights)
            return JSONBody.response(Ranking(level: level, within: within.code.dotted, weights: ranking.weights,
                                             stability: ranking.stability, rows: ranking.rows))
        }
    }
}
