import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// `GET /api/v1/regions/{code}` (a region, its path from the province and its children) and
/// `GET /api/v1/regions?q=NAME` (search by name).
struct RegionAPIController {
    let services: AppServices

    /// A region in API responses.
    struct RegionSummary: Encodable {
        let code: String
        let name: String
        let level: String

        init(_ region: Region) {
            code = region.code.dotted
            name = region.name
            level = region.level.rawValue
        }
    }

    struct RegionDetail: Encodable {
        let code: String
        let name: String
        let level: String
        let parent: String?
        let path: [RegionSummary]
        let children: [RegionSummary]
    }

    struct SearchResult: Encodable {
        let query: String
        let results: [RegionSummary]
    }

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("regions/:code", .permitted(.readAggregates, region: .path("code"))) { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let tree = services.regions
            return JSONBody.response(RegionDetail(
                code: region.code.dotted, name: region.name, level: region.level.rawValue,
                parent: region.parentCode?.dotted,
                path: tree.path(to: region.code).dropLast().map(RegionSummary.init),
                children: tree.children(of: region.code).map(RegionSummary.init)
            ))
        }
        group.get("regions", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let query = FormQuery.value("q", in: request) ?? ""
            let limit = request.uri.queryParameters.get("limit", as: Int.self).map { min(max($0, 1), 200) } ?? 50
            let scope = try context.requireUser().scope.region
            let found = services.regions.search(query, within: scope, limit: limit)
            return JSONBody.response(SearchResult(query: query, results: found.map(RegionSummary.init)))
        }
    }
}
