import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungSheets
import LumbungStore

/// Downloads of the tables pages show: `/wilayah/{code}/indikator.csv|xlsx` (every indicator of the region and of each
/// region one level down) and `/peringkat.csv|xlsx` (the ranking, with the page's parameters). Headings, notes and sheet
/// names follow the reader's language (Indonesian by default; English with the switch); file names and figures do not.
struct ExportController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        for format in [ExportTable.Format.csv, .xlsx] {
            router.get("wilayah/:code/indikator.\(format.rawValue)", .permitted(.readAggregates, region: .path("code"))) { _, context in
                let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
                let figures = try await services.figures.figures(for: region.code, restricted: context.suppressesSmallCells)
                let freshness = try await DataFreshness.read(region.code, database: services.database)
                return try Self.indicatorTable(region, figures: figures, freshness: freshness, texts: context.texts).response(format)
            }
            router.get("peringkat.\(format.rawValue)", .permitted(.readAggregates, region: .query("within"))) { request, context in
                var loaded = try RankingRequest(request, tree: services.regions, defaultWithin: try context.requireUser().scope.region,
                                                external: try await ExternalRanking.indicators(services))
                try await ExternalRanking.load(&loaded, services: services)
                let asked = loaded
                let ranking = try await asked.cachedRanking(services.figures, restricted: context.suppressesSmallCells, coverage: services.coverage, tree: services.regions)
                let freshness = try await DataFreshness.read(asked.within.code, database: services.database)
                return try Self.rankingTable(asked, ranking: ranking, freshness: freshness, texts: context.texts).response(format)
            }
        }
    }

    static let withheldNote = Catalogue.of(.id)["export_withheld"]

    /// The indicator table; its headings and notes in the language of `texts` (Indonesian by default).
    static func indicatorTable(_ region: Region, figures: RegionFigures.Figures, freshness: DataFreshness, texts: Catalogue = .of(.id)) -> ExportTable {
        var indicators = RegionIndicators.compute(for: region, totals: figures.totals)
        if let plan = figures.disclosure { indicators = indicators.disclosed(by: plan) }
        var header = [texts["export_code"], texts["export_name"], texts["export_level"]]
        for indicator in IndicatorCatalogue.all {
            let name = texts.name(indicator)
            if indicator.unit == .percent {
                header += [texts("export_percent_col", ["name": name]), texts("export_count_col", ["name": name])]
            } else {
                header.append(name)
            }
        }
        func levelLabel(_ raw: String) -> String {
            guard let level = RegionLevel(rawValue: raw) else { return raw }
            return texts.isEnglish ? texts["level_\(raw)"] : level.label
        }
        let rows = ([indicators.region] + indicators.children).map { entry -> [Cell] in
            var row: [Cell] = [.text(entry.code), .text(entry.name), .text(levelLabel(entry.level))]
            for value in entry.values {
                let unit = IndicatorCatalogue.indicator(value.indicator)?.unit
                if unit == .percent { row.append(ExportTable.percent(value.percent, value.suppression)) }
                row.append(ExportTable.count(value.count, value.suppression))
            }
            return row
        }
        let children = region.level.childrenLabel.map { label in texts.isEnglish ? texts["level_children_\(region.level.rawValue)"] : label }
            ?? texts["export_below"]
        let notes = [DashboardPage.freshnessText(freshness, texts: texts), texts["export_source"],
                     texts("export_rows", ["region": region.title, "children": children]),
                     texts["export_percent_note"]]
            + (figures.disclosure == nil ? [] : [texts["export_withheld"]])
            + IndicatorCatalogue.all.map { texts("export_definition", ["name": texts.name($0), "definition": texts.definition($0)]) }
        return ExportTable(title: texts("ind_heading", ["region": region.title]), header: header, rows: rows, notes: notes,
                           fileName: "indikator-\(region.code.dotted)", texts: texts)
    }

    /// The ranking table; its headings and notes in the language of `texts` (Indonesian by default).
    static func rankingTable(_ request: RankingRequest, ranking: PriorityRanking, freshness: DataFreshness, texts: Catalogue = .of(.id)) -> ExportTable {
        let indicators = ranking.weights.compactMap { IndicatorCatalogue.indicator($0.indicator) }
        var header = ["export_rank", "export_code", "export_name", "export_score", "export_best", "export_worst", "export_families", "export_people"]
            .map { texts[$0] }
        for indicator in indicators {
            let name = texts.name(indicator)
            header += [texts("export_percent_col", ["name": name]), texts("export_count_col", ["name": name]), texts("export_points_col", ["name": name])]
        }
        let rows = ranking.rows.map { row -> [Cell] in
            var cells: [Cell] = [.number(row.rank), .text(row.code), .text(row.name), .decimal(row.score, places: 2),
                                 .number(row.rankRange.first ?? row.rank), .number(row.rankRange.last ?? row.rank),
                                 row.families.map { .number($0) } ?? .text((row.familiesSuppression ?? .small).text),
                                 row.people.map { .number($0) } ?? .text((row.peopleSuppression ?? .small).text)]
            for component in row.components {
                if let suppression = component.suppression {
                    cells += [.text(suppression.text), .text(suppression.text), .empty]
                } else {
                    cells += [component.percent.map { .decimal($0, places: 2) } ?? .empty, component.count.map { .number($0) } ?? .empty,
                              component.contribution.map { .decimal($0, places: 2) } ?? .empty]
                }
            }
            return cells
        }
        let level = texts[request.level == .desa ? "export_level_desa" : "export_level_kecamatan"]
        let weights = ranking.weights.compactMap { w in IndicatorCatalogue.indicator(w.indicator).map { "\(texts.name($0)) \(RankingPage.weightText(w.weight, texts: texts))" } }
            .joined(separator: ", ")
        let notes = [DashboardPage.freshnessText(freshness, texts: texts), texts["export_source"],
                     texts("export_weights", ["weights": weights]),
                     request.minimumNote(texts),
                     ranking.shrunk ? texts("ranking_shrink_export", ["region": request.within.title]) : texts["ranking_shrink_off"],
                     texts["ranking_method"],
                     texts("export_stability", ["trials": "\(ranking.stability.trials)",
                                                "variation": "\(Int(saturating: ranking.stability.weightVariation * 100))"]),
                     texts["export_withheld"]]
        return ExportTable(title: texts("export_ranking_title", ["level": level, "region": request.within.title]), header: header, rows: rows, notes: notes,
                           fileName: "peringkat-\(request.level.rawValue)-\(request.within.code.dotted)", texts: texts)
    }
}
