import Foundation
import HTTPTypes
import Hummingbird
import LumbungAnalytics
import LumbungDomain
import LumbungSheets
import LumbungStore

/// Downloads of the tables pages show: `/wilayah/{code}/indikator.csv|xlsx` (every indicator of the region and of each
/// region one level down) and `/peringkat.csv|xlsx` (the ranking, with the page's parameters).
struct ExportController {
    let services: AppServices

    func register(on router: GuardedRoutes<some RouterMethods<AppRequestContext>>) {
        for format in [ExportTable.Format.csv, .xlsx] {
            router.get("wilayah/:code/indikator.\(format.rawValue)", .permitted(.readAggregates, region: .path("code"))) { _, context in
                let region = try AppError.region(try context.parameters.require("code"), in: services.regions)
                let figures = try await services.figures.figures(for: region.code, restricted: context.suppressesSmallCells)
                let freshness = try await DataFreshness.read(region.code, database: services.database)
                return try Self.indicatorTable(region, figures: figures, freshness: freshness).response(format)
            }
            router.get("peringkat.\(format.rawValue)", .permitted(.readAggregates, region: .query("within"))) { request, context in
                var loaded = try RankingRequest(request, tree: services.regions, defaultWithin: try context.requireUser().scope.region,
                                                external: try await ExternalRanking.indicators(services))
                try await ExternalRanking.load(&loaded, services: services)
                let asked = loaded
                let ranking = try await asked.cachedRanking(services.figures, restricted: context.suppressesSmallCells, coverage: services.coverage, tree: services.regions)
                let freshness = try await DataFreshness.read(asked.within.code, database: services.database)
                return try Self.rankingTable(asked, ranking: ranking, freshness: freshness).response(format)
            }
        }
    }

    static let withheldNote = "Tanda “<5”: jumlah 1–4 disembunyikan; “×”: angka disembunyikan agar angka “<5” tidak dapat dihitung ulang."

    static func indicatorTable(_ region: Region, figures: RegionFigures.Figures, freshness: DataFreshness) -> ExportTable {
        var indicators = RegionIndicators.compute(for: region, totals: figures.totals)
        if let plan = figures.disclosure { indicators = indicators.disclosed(by: plan) }
        var header = ["Kode", "Nama", "Tingkat"]
        for indicator in IndicatorCatalogue.all {
            if indicator.unit == .percent {
                header += ["\(indicator.nameID) (%)", "\(indicator.nameID) (jumlah)"]
            } else {
                header.append(indicator.nameID)
            }
        }
        let rows = ([indicators.region] + indicators.children).map { entry -> [Cell] in
            var row: [Cell] = [.text(entry.code), .text(entry.name), .text(RegionLevel(rawValue: entry.level)?.label ?? entry.level)]
            for value in entry.values {
                let unit = IndicatorCatalogue.indicator(value.indicator)?.unit
                if unit == .percent { row.append(ExportTable.percent(value.percent, value.suppression)) }
                row.append(ExportTable.count(value.count, value.suppression))
            }
            return row
        }
        let notes = [DashboardPage.freshnessText(freshness, texts: .of(.id)), "Sumber: Lumbung, agregat registri per desa.",
                     "Baris pertama: \(region.title); baris berikutnya: \(region.level.childrenLabel ?? "wilayah di bawahnya").",
                     "Persentase: jumlah ÷ penyebut indikator × 100, dua desimal."]
            + (figures.disclosure == nil ? [] : [withheldNote])
            + IndicatorCatalogue.all.map { "\($0.nameID): \($0.definition)" }
        return ExportTable(title: "Indikator \(region.title)", header: header, rows: rows, notes: notes, fileName: "indikator-\(region.code.dotted)")
    }

    static func rankingTable(_ request: RankingRequest, ranking: PriorityRanking, freshness: DataFreshness) -> ExportTable {
        let indicators = ranking.weights.compactMap { IndicatorCatalogue.indicator($0.indicator) }
        var header = ["Peringkat", "Kode", "Nama", "Skor", "Peringkat terbaik", "Peringkat terburuk", "Keluarga", "Jiwa"]
        for indicator in indicators { header += ["\(indicator.nameID) (%)", "\(indicator.nameID) (jumlah)", "\(indicator.nameID) (poin)"] }
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
        let level = request.level == .desa ? "desa/kelurahan" : "kecamatan"
        let notes = [DashboardPage.freshnessText(freshness, texts: .of(.id)), "Sumber: Lumbung, agregat registri per desa.",
                     "Bobot: " + ranking.weights.compactMap { w in IndicatorCatalogue.indicator(w.indicator).map { "\($0.nameID) \(RankingPage.weightText(w.weight, texts: .of(.id)))" } }
                        .joined(separator: ", ") + ".",
                     request.minimumNote,
                     ranking.shrunk ? Catalogue.of(.id)("ranking_shrink_export", ["region": request.within.title]) : Catalogue.of(.id)["ranking_shrink_off"],
                     RankingPage.methodText,
                     "Peringkat terbaik/terburuk: dalam \(ranking.stability.trials) percobaan dengan setiap bobot diubah ±\(Int(saturating: ranking.stability.weightVariation * 100))%.",
                     withheldNote]
        return ExportTable(title: "Peringkat prioritas \(level) di \(request.within.title)", header: header, rows: rows, notes: notes,
                           fileName: "peringkat-\(request.level.rawValue)-\(request.within.code.dotted)")
    }
}
