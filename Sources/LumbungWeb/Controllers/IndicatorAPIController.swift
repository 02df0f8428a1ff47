import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// `GET /api/v1/regions/{code}/indicators`: every indicator for the region and each region one level down.
struct IndicatorAPIController {
    let services: AppServices

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("regions/:code/indicators", .permitted(.readAggregates, region: .path("code"))) { request, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            if let name = request.uri.queryParameters.get("snapshot") {
                // A snapshot's frozen values, in the same shape (issue 16).
                let (_, figures) = try await SnapshotFigures.figures(name, for: region.code, restricted: context.suppressesSmallCells, services: services)
                let indicators = RegionIndicators.compute(for: region, totals: figures.totals)
                return JSONBody.response(figures.disclosure.map(indicators.disclosed) ?? indicators)
            }
            return try await services.figures.json(key: "indicators \(region.code)", for: region.code,
                                                   restricted: context.suppressesSmallCells) { figures in
                let indicators = RegionIndicators.compute(for: region, totals: figures.totals)
                return figures.disclosure.map(indicators.disclosed) ?? indicators
            }
        }
    }
}

/// `GET /api/v1/regions/{code}/summary`: the region's most urgent facts in words, `{"id": …, "en": …}`.
struct SummaryAPIController {
    let services: AppServices

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("regions/:code/summary", .permitted(.readAggregates, region: .path("code"))) { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            return try await services.figures.json(key: "summary \(region.code)", for: region.code,
                                                   restricted: context.suppressesSmallCells) { figures in
                RegionSummary(region: region, totals: figures.totals, disclosure: figures.disclosure)
            }
        }
    }
}

/// `GET /api/v1/indicators`: the catalogue — id, names, definition, unit, direction, splits.
struct CatalogueAPIController {
    struct Entry: Encodable {
        let id: String
        let nameID: String
        let nameEN: String
        let definition: String
        let unit: String
        let direction: String
        let disaggregations: [String]

        enum CodingKeys: String, CodingKey {
            case id, definition, unit, direction, disaggregations
            case nameID = "name_id"
            case nameEN = "name_en"
        }
    }

    func register(on group: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        group.get("indicators", .permitted(.readAggregates, region: .none)) { _, _ -> Response in
            JSONBody.response(IndicatorCatalogue.all.map {
                Entry(id: $0.id, nameID: $0.nameID, nameEN: $0.nameEN, definition: $0.definition, unit: $0.unit.rawValue,
                      direction: $0.direction.rawValue, disaggregations: $0.disaggregations)
            })
        }
    }
}
