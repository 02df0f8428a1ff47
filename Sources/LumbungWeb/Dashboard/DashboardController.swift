import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// Beranda: `/` and `/?wilayah=CODE` (a region within the user's scope; default the scope itself), with the map's
/// `indikator` and `kelas` as on a region page.
struct DashboardController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("/", .permitted(.readAggregates, region: .query("wilayah"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            let asked = (FormQuery.value("wilayah", in: request) ?? "").trimmingCharacters(in: .whitespaces)
            let region = try AppError.region(asked.isEmpty ? scope.dotted : asked, in: services.regions)
            let map = try MapRequest(request)
            let restricted = context.suppressesSmallCells
            let figures = try await services.figures.figures(for: region.code, restricted: restricted)
            let drawn = try await RegionMap.make(for: region, request: map, figures: figures, services: services, texts: context.texts)
            let ranking = try await Self.priorityRanking(for: region, services: services, restricted: restricted)
            let freshness = try await DataFreshness.read(region.code, database: services.database)
            // The headline figures' change since the latest snapshot (issue 16), when there is one.
            let previous = try await SnapshotStore(database: services.database).list().last
            var before: (snapshot: SnapshotStore.Snapshot, figures: RegionFigures.Figures)?
            if let previous {
                before = (previous, try await SnapshotFigures.figures(of: previous, for: region.code, restricted: restricted, services: services))
            }
            let page = DashboardPage(region: region, tree: services.regions, scope: scope, figures: figures, map: drawn, request: map,
                                     ranking: ranking, freshness: freshness, previous: before, texts: context.texts)
            return services.pages.render("beranda", page, for: context)
        }
    }

    /// The desa of `region` ranked with the default weights among those of at least `ComparableArea.minimumFamilies`
    /// families (Beranda's and the brief's priority list), once per aggregate generation; `nil` for a desa.
    static func priorityRanking(for region: Region, services: AppServices, restricted: Bool) async throws -> PriorityRanking? {
        guard PriorityRanking.Level.desa.isBelow(region.code) else { return nil }
        return try await services.figures.cached(key: "beranda peringkat \(region.code)", for: region.code, restricted: restricted) { figures in
            PriorityRanking.standard(PriorityRanking.areas(.desa, within: region.code, totals: figures.totals,
                                                           minimumFamilies: ComparableArea.minimumFamilies),
                                     within: region.code, totals: figures.totals, disclosure: figures.disclosure)
        }
    }
}
