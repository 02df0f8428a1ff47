import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The region pages: `/wilayah/{code}` (profile, map, drill-down) and `/wilayah?q=NAME` (search).
struct RegionPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("wilayah", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let query = (FormQuery.value("q", in: request) ?? "").trimmingCharacters(in: .whitespaces)
            guard !query.isEmpty else { return .redirect(to: "/wilayah/\(scope.dotted)") }
            let found = services.regions.search(query, within: scope)
            if found.count == 1, (try? RegionCode(query)) != nil {
                return .redirect(to: "/wilayah/\(found[0].code.dotted)")
            }
            return services.pages.render("search", SearchPage(query: query, found: found, tree: services.regions, texts: context.texts), for: context)
        }
        router.get("wilayah/:code", .permitted(.readAggregates, region: .path("code"))) { request, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let asked = try MapRequest(request)
            return services.pages.render("region", try await page(for: region, map: asked, context: context), for: context)
        }
        router.get("wilayah/:code/peta.svg", .permitted(.readAggregates, region: .path("code"))) { request, context -> Response in
            let (region, asked, map) = try await mapFile(request, context)
            guard let svg = map.standaloneSVG else { throw AppError.noBoundary(region.code) }
            let name = "peta-\(region.code.dotted)-\(asked.indicator.id).svg"
            return Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8", .cacheControl: "no-store",
                                                    .contentDisposition: "inline; filename=\"\(name)\""],
                            body: .init(byteBuffer: ByteBuffer(string: svg)))
        }
        router.get("wilayah/:code/peta.geojson", .permitted(.readAggregates, region: .path("code"))) { request, context -> Response in
            let (region, asked, map) = try await mapFile(request, context)
            guard !map.shapes.isEmpty else { throw AppError.noBoundary(region.code) }
            let name = "peta-\(region.code.dotted)-\(asked.indicator.id).geojson"
            return Response(status: .ok, headers: [.contentType: "application/geo+json", .cacheControl: "no-store",
                                                    .contentDisposition: "attachment; filename=\"\(name)\""],
                            body: .init(byteBuffer: ByteBuffer(bytes: map.geoJSON)))
        }
    }

    private func mapFile(_ request: Request, _ context: AppRequestContext) async throws -> (Region, MapRequest, RegionMap) {
        let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
        let asked = try MapRequest(request)
        let figures = try await services.figures.figures(for: region.code, restricted: context.suppressesSmallCells)
        return (region, asked, try await RegionMap.make(for: region, request: asked, figures: figures, services: services, texts: context.texts))
    }

    private func page(for region: Region, map asked: MapRequest, context: AppRequestContext) async throws -> RegionPage {
        let figures = try await services.figures.figures(for: region.code, restricted: context.suppressesSmallCells)
        let map = try await RegionMap.make(for: region, request: asked, figures: figures, services: services, texts: context.texts)
        let freshness = try await DataFreshness.read(region.code, database: services.database)
        var page = RegionPage.build(region: region, tree: services.regions, figures: figures, map: map, request: asked, freshness: freshness,
                                    texts: context.texts)
        page.external = try await ExternalIndicatorStore(database: services.database).latest(in: region.code).map { indicator, value in
            RegionPage.ExternalRow(name: indicator.name, href: "/sumber-lain/\(indicator.id)?wilayah=\(region.code.dotted)",
                                   value: indicator.show(value.value, restricted: context.suppressesSmallCells), period: value.period, source: value.source)
        }
        return page
    }
}
