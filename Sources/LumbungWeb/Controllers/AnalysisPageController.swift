import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungStore

/// The analysis pages: `/wilayah/{code}/indikator` (indicators with their splits, and per region below)
/// and `/peringkat?within=CODE&level=desa|kecamatan&w_{indicator}=…` (the priority ranking with its weights).
struct AnalysisPageController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        router.get("wilayah/:code/indikator", .permitted(.readAggregates, region: .path("code"))) { _, context -> Response in
            let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
            let level: PriorityRanking.Level? = PriorityRanking.Level.desa.isBelow(region.code) ? .desa : nil
            let pages = services.pages
            let html = try await services.figures.page(key: "indikator \(region.code) \(context.language.rawValue)", for: region.code,
                                                       restricted: context.suppressesSmallCells) { figures in
                let indicators = RegionIndicators.compute(for: region, totals: figures.totals)
                var page = IndicatorPage(region: region, indicators: figures.disclosure.map(indicators.disclosed) ?? indicators,
                                         rankingLevel: level,
                                         charts: IndicatorCharts(region: region, totals: figures.totals, disclosure: figures.disclosure, texts: context.texts).blocks,
                                         texts: context.texts)
                page.hasData = figures.totals[region.code].allFamilies.total > 0
                guard let html = pages.html("indikator", page, for: context) else { throw AppError.pageNotFound }
                return html
            }
            return services.pages.respond(html, for: context)
        }
        router.get("peringkat", .permitted(.readAggregates, region: .query("within"))) { request, context -> Response in
            let scope = try context.requireUser().scope.region
            var asked: RankingRequest
            switch try Self.rankingRequest(request, tree: services.regions, scope: scope, texts: context.texts, external: try await ExternalRanking.indicators(services)) {
            case .success(let found):
                asked = found
            case .failure(let failure):
                // A weight typed into the form: the form again, with the user's values and the field named.
                return services.pages.render("peringkat-salah", failure.page, status: .badRequest, for: context)
            }
            try await ExternalRanking.load(&asked, services: services)
            let restricted = context.suppressesSmallCells
            let ranking = try await asked.cachedRanking(services.figures, restricted: restricted, coverage: services.coverage, tree: services.regions)
            let excluded = asked.level.isBelow(asked.within.code)
                ? services.regions.descendants(of: asked.within.code, depth: asked.level.depth).count - ranking.rows.count : 0
            let freshness = try await DataFreshness.read(asked.within.code, database: services.database)
            return services.pages.render("peringkat", RankingPage(request: asked, ranking: ranking, excluded: excluded, freshness: freshness, texts: context.texts),
                                         for: context)
        }
    }

    struct FormError: Error {
        let page: RankingFormErrorPage
    }

    /// The ranking asked for, or the form-error page for a bad weight typed into the form; other problems are thrown.
    static func rankingRequest(_ request: Request, tree: RegionTree, scope: RegionCode, texts: Catalogue = .of(.id), external: [ExternalIndicator] = []) throws -> Result<RankingRequest, FormError> {
        do {
            return .success(try RankingRequest(request, tree: tree, defaultWithin: scope, external: external))
        } catch {
            let appError: AppError = error
            if case .badRanking(let problem) = appError, case .weights(let weightError) = problem, FormQuery.value("weights", in: request) == nil {
                return .failure(FormError(page: RankingFormErrorPage(request: request, error: appError, problem: weightError, defaultWithin: scope, texts: texts)))
            }
            throw appError
        }
    }
}
