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
        // Start at the user's own region.
        router.get("/", .signedIn) { _, context in
            Response.redirect(to: "/wilayah/" + (try context.requireUser().scope.region.dotted))
        }
        router.get("wilayah", .permitted(.readAggregates, region: .none)) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let query = (FormQuery.value("q", in: request) ?? "").trimmingCharacters(in: .whitespaces)
            guard !query.isEmpty else { return .redirect(to: "/wilayah/\(scope.dotted)") }
            let found = services.regions.search(query, within: scope)
            if found.count == 1, (try? RegionCode(query)) != nil {
                return .redirect(to: "/wilayah/\(found[0].code.dotted)")
            }
            return services.pages.render("search", SearchPage(query: query, found: found, tree: services.regions), for: context)
        }
        router.get("wilayah/:code", .permitted(.readAggregates, region: .path("code"))) { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            return services.pages.render("region", try await page(for: region, context: context), for: context)
        }
    }

    private func page(for region: Region, context: AppRequestContext) async throws -> RegionPage {
        let tree = services.regions
        let children = tree.children(of: region.code)
        var shapes: [RegionMapSVG.Shape] = []
        let boundaries: [RegionCode: Boundary]
        if children.isEmpty {
            // A desa: itself among its neighbours in the kecamatan.
            let siblings = region.parentCode.map { tree.children(of: $0) } ?? [region]
            boundaries = try await services.regionStore.fetchBoundaries(siblings.map(\.code))
            for sibling in siblings {
                guard let boundary = boundaries[sibling.code] else { continue }
                shapes.append(.init(region: sibling, boundary: boundary, role: sibling.code == region.code ? .focus : .context))
            }
            if boundaries[region.code] == nil { shapes.removeAll() }
        } else {
            boundaries = try await services.regionStore.fetchBoundaries(children.map(\.code))
            for child in children {
                guard let boundary = boundaries[child.code] else { continue }
                shapes.append(.init(region: child, boundary: boundary, role: .child))
            }
        }
        let svg = RegionMapSVG.render(shapes, label: "Peta \(region.title)")
        let figures = try await services.figures.figures(for: region.code, restricted: context.suppressesSmallCells)
        let summary = figures.totals[region.code.province].families == 0 ? nil
            : RegionSummary(region: region, totals: figures.totals, disclosure: figures.disclosure).id
        return RegionPage(region: region, tree: tree, mapSVG: svg, boundaryCodes: Set(boundaries.keys), summary: summary)
    }
}
