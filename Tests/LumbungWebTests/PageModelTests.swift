import Foundation
import LumbungAnalytics
import LumbungDomain
import LumbungStore
@testable import LumbungWeb
import Testing

/// Issue 15 item 10: the page models of Beranda, a region, the ranking and coordination are built from plain values
/// (a hand-made region tree, village tallies, outlines and data date) and rendered by the template engine — no
/// database anywhere — with their figures written the Indonesian way (or the English way, in English).
@Suite struct PageModelTests {
    static func region(_ code: String, _ name: String, _ level: RegionLevel) throws -> Region {
        Region(code: try RegionCode(code), name: name, level: level)
    }

    /// Nusa Tenggara Barat › Lombok Timur › Keruak with four desa.
    static func tree() throws -> RegionTree {
        RegionTree([try region("52", "Nusa Tenggara Barat", .provinsi), try region("52.03", "Lombok Timur", .kabupaten),
                    try region("52.03.01", "Keruak", .kecamatan), try region("52.03.01.2001", "Tanjung Luar", .desa),
                    try region("52.03.01.2002", "Pijot", .desa), try region("52.03.01.2003", "Selebung Ketangga", .desa),
                    try region("52.03.01.2015", "Pulau Maringkik", .desa)])
    }

    /// Tanjung Luar 1.250 families, 500 in desil 1 (40,0 %); Pijot 400, 100 (25,0 %); Selebung Ketangga 50, 25 (50,0 %);
    /// Pulau Maringkik 3, 2. Keruak: 1.703 families, 627 in desil 1 = 36,8 % (627 ÷ 1.703 = 0,36817).
    static func figures(_ tree: RegionTree) throws -> RegionFigures.Figures {
        let villages: [RegionCode: RegionTally] = [
            try RegionCode("52.03.01.2001"): try DashboardFixtures.village(families: 1_250, desil1: 500),
            try RegionCode("52.03.01.2002"): try DashboardFixtures.village(families: 400, desil1: 100),
            try RegionCode("52.03.01.2003"): try DashboardFixtures.village(families: 50, desil1: 25),
            try RegionCode("52.03.01.2015"): try DashboardFixtures.village(families: 3, desil1: 2),
        ]
        return RegionFigures.Figures(totals: RegionTotals(villages: villages, tree: tree), disclosure: nil)
    }

    /// A unit square per desa, side by side.
    static func outlines(_ tree: RegionTree) throws -> [RegionCode: Boundary] {
        var outlines: [RegionCode: Boundary] = [:]
        for (index, desa) in tree.children(of: try RegionCode("52.03.01")).enumerated() {
            let lon = 116.0 + Double(index) * 0.05
            outlines[desa.code] = Boundary(polygons: [[[.init(lon: lon, lat: -8.9), .init(lon: lon + 0.05, lat: -8.9), .init(lon: lon + 0.05, lat: -8.85),
                                                         .init(lon: lon, lat: -8.85), .init(lon: lon, lat: -8.9)]]])
        }
        return outlines
    }

    /// Import 7 finished at 08:30 UTC = 16.30 WITA.
    static let freshness = DataFreshness(asOf: "2025-06-30", villagesWithData: 4, lastBatch: 7, lastLayout: "dtsen", lastFinished: "2026-12-07 08:30:00")

    static func request() throws -> MapRequest {
        MapRequest(indicator: try #require(IndicatorCatalogue.indicator("desil1_families")), method: .quantile)
    }

    @Test func beranda_and_the_region_page_render_from_plain_values() async throws {
        let tree = try Self.tree(), figures = try Self.figures(tree)
        let keruak = try #require(tree[try RegionCode("52.03.01")])
        let pages = try await PageRenderer.load(rules: RuleBook())
        for language in Language.allCases {
            let texts = Catalogue.of(language)
            let map = RegionMap.make(for: keruak, request: try Self.request(), figures: figures, tree: tree, boundaries: try Self.outlines(tree), texts: texts)
            let ranking = PriorityRanking.standard(PriorityRanking.areas(.desa, within: keruak.code, totals: figures.totals, minimumFamilies: 30),
                                                   within: keruak.code, totals: figures.totals)
            let home = DashboardPage(region: keruak, tree: tree, scope: try RegionCode("52"), figures: figures, map: map, request: try Self.request(),
                                     ranking: ranking, freshness: Self.freshness, texts: texts)
            let html = try #require(pages.html("beranda", home, language: language))
            if language == .id {
                #expect(html.contains("<span class=\"label\">Jumlah keluarga</span> <strong>1.703</strong>"))
                #expect(html.contains("<span class=\"label\">Keluarga desil 1</span> <strong>36,8%</strong><small>627 keluarga</small>"))
                #expect(html.contains("Data per 30 Juni 2025 (tanggal acuan impor), dari 4 desa/kelurahan. Impor terakhir: nomor 7, selesai 7 Desember 2026 16.30 WITA."))
                #expect(html.contains("<small>skor") && html.contains("1.250 keluarga</small>"))
            } else {
                #expect(html.contains("<span class=\"label\">Families</span> <strong>1,703</strong>"))
                #expect(html.contains("<span class=\"label\">Families in desil 1</span> <strong>36.8%</strong><small>627 families</small>"))
                #expect(html.contains("Data as of 30 June 2025 (the imports&#39; reference date), from 4 villages. Last import: number 7, finished 7 December 2026 16:30 WITA."))
            }
            // The map is drawn and named in the page's language; its labels carry the desa names.
            #expect(html.contains("<svg class=\"region-map\"") && html.contains(">Tanjung Luar</text>"))

            let region = RegionPage.build(region: keruak, tree: tree, figures: figures, map: map, request: try Self.request(), freshness: Self.freshness, texts: texts)
            let regionHTML = try #require(pages.html("region", region, language: language))
            if language == .id {
                // Tanjung Luar's row: 1.250 families, 40,0 % in desil 1 (500).
                #expect(regionHTML.contains("<td class=\"num\">1.250</td>") && regionHTML.contains("40,0%<small>500</small>"))
                #expect(regionHTML.contains("Kecamatan Keruak tercatat 1.703 jiwa dalam 1.703 keluarga. 36,8% keluarga berada di desil 1"))
            } else {
                #expect(regionHTML.contains("<td class=\"num\">1,250</td>") && regionHTML.contains("40.0%<small>500</small>"))
                #expect(regionHTML.contains("Kecamatan Keruak has 1,703 people in 1,703 families on record. 36.8% of families are in desil 1"))
            }
        }
    }

    @Test func the_ranking_and_coordination_pages_render_from_plain_values() async throws {
        let tree = try Self.tree(), figures = try Self.figures(tree)
        let keruak = try #require(tree[try RegionCode("52.03.01")])
        let pages = try await PageRenderer.load(rules: RuleBook())
        let asked = RankingRequest(within: keruak, weights: [.init(indicator: "desil1_families", weight: 1)], shrink: false)
        let ranking = asked.ranking(figures)
        let page = RankingPage(request: asked, ranking: ranking, excluded: 1, freshness: Self.freshness, texts: .of(.id))
        let html = try #require(pages.html("peringkat", page, language: .id))
        // Raw desil-1 shares, 30 families at least: Selebung Ketangga 50,0 % > Tanjung Luar 40,0 % > Pijot 25,0 %; Pulau Maringkik left out.
        #expect(RankingShrinkageWebTests.order(html) == ["52.03.01.2003", "52.03.01.2001", "52.03.01.2002"])
        #expect(html.contains("<td class=\"num\">1.250</td>") && html.contains("40,0%<small>500 · "))
        #expect(html.contains("Baris 1–3 dari 3 wilayah.") && html.contains("1 wilayah lebih kecil tidak diperingkat."))
        #expect(html.contains("Bobot yang dipakai: Keluarga desil 1 1."))

        // Coordination: 1.200 desil-1 families in Tanjung Luar, 300 of them reached by PKH (organisation 1, cash): 25 % covered.
        var tally = CoverageTally()
        tally.addFamilies(desil: 1, count: 1_200)
        tally.addReached(desil: 1, receipts: [.init(programme: "PKH", organisation: 1, sectors: [.cash])], count: 300)
        let totals = CoverageReport.totals([try RegionCode("52.03.01.2001"): tally], tree: tree)
        let coordination = Coordination(region: keruak, level: .desa, sector: nil, totals: totals, tree: tree, records: [], restricted: false)
        let coordinationHTML = try #require(pages.html("koordinasi", coordination.page(), language: .id))
        #expect(coordinationHTML.contains("<tr><th>Keluarga desil 1</th><td class=\"num\">1.200</td></tr>"))
        #expect(coordinationHTML.contains("<tr><th>Keluarga desil 1 yang dijangkau program</th><td class=\"num\">25%</td></tr>"))
        #expect(coordinationHTML.contains("<tr><th>Keluarga desil 1 yang tidak dijangkau program apa pun</th><td class=\"num\">900</td></tr>"))
    }
}
