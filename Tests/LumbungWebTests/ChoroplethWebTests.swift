import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The region map carries data: areas coloured by an indicator's class, a legend with the class bounds, the hatch
/// for withheld or missing values, each area titled with its name and value, and the table under it with the figures.
@Suite struct ChoroplethWebTests {
    /// The `<path>` of one area (inside its link) and its attributes.
    static func area(_ svg: String, _ code: String) -> String? {
        guard let start = svg.range(of: "<a href=\"/wilayah/\(code)\">") else { return nil }
        let rest = svg[start.upperBound...]
        return rest.range(of: "</a>").map { String(rest[..<$0.lowerBound]) }
    }

    @Test(arguments: TestDatabase.engines)
    func a_kecamatan_map_colours_each_desa_by_its_class(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01", tokens[.admin]).text
            // Desil-1 shares 10, 20, 50, 20 %: quantiles of 4 values in 5 classes at ranks ⌈4/5⌉ = 1, 2, 3, 4, 4 →
            // 10, 20, (20), 50, (50): bounds 10 | 10 | 20 | 50, three classes, YlOrRd's three colours.
            let tanjung = try #require(Self.area(html, "52.03.01.2001"))
            #expect(tanjung.contains("fill=\"#ffeda0\""))
            #expect(tanjung.contains("<title>Desa Tanjung Luar: 10,0% (1 dari 10 keluarga)</title>"))
            #expect(try #require(Self.area(html, "52.03.01.2002")).contains("fill=\"#feb24c\""))
            #expect(try #require(Self.area(html, "52.03.01.2004")).contains("fill=\"#feb24c\""))
            let selebung = try #require(Self.area(html, "52.03.01.2003"))
            #expect(selebung.contains("fill=\"#f03b20\"") && selebung.contains("50,0% (25 dari 50 keluarga)"))
            // A desa without records is hatched and says so.
            let empty = try #require(Self.area(html, "52.03.01.2005"))
            #expect(empty.contains("fill=\"url(#arsir)\"") && empty.contains("<title>Desa Batu Putik: tidak ada data</title>"))
            // The legend states each class's bounds and the hatch.
            #expect(html.contains("&gt; 10,0% – 20,0%</li>") && html.contains("&gt; 20,0% – 50,0%</li>") && html.contains("</svg> 10,0%</li>"))
            #expect(html.contains("disembunyikan (&lt;5 / ×) atau tidak ada data"))
            #expect(html.contains("3 kelas menurut kuantil"))
            // The table under the map has the figures: Selebung Ketangga 50 families, 50 people, 50,0 % with its 25.
            #expect(html.contains("<td class=\"num\">50</td><td class=\"num\">50</td>"))
            #expect(html.contains("</svg> 50,0%<small>25</small></td>"))
        }
    }

    @Test func the_indicator_and_the_class_method_come_from_the_query() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            let admin = tokens[.admin]
            let html = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01?indikator=desil1to4_families&kelas=jenks", admin).text
            // Every family is in desil 1 or 5, so desil 1–4 is desil 1 again: same shares, natural breaks of 10, 20, 20, 50
            // in at most 5 classes are the three distinct values.
            #expect(html.contains("<option value=\"desil1to4_families\" selected>"))
            #expect(html.contains("value=\"jenks\" checked"))
            #expect(html.contains("3 kelas menurut jeda alami (Jenks)"))
            #expect(html.contains("<h3 class=\"legend-heading\">Keluarga desil 1–4 per desa/kelurahan di Kecamatan Keruak</h3>"))
            // Links to a desa keep the choice.
            #expect(html.contains("href=\"/wilayah/52.03.01.2001?indikator=desil1to4_families&amp;kelas=jenks\""))
            let unknown = try await client.executeRequest(uri: "/wilayah/52.03.01?indikator=bukan", method: .get, headers: bearer(admin), body: nil)
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("Indikator &#39;bukan&#39; tidak dikenal. Peta dapat menampilkan:"))
            let count = try await client.executeRequest(uri: "/wilayah/52.03.01?indikator=people", method: .get, headers: bearer(admin), body: nil)
            #expect(count.status == .notFound, "counts are not mapped")
            let method = try await client.executeRequest(uri: "/wilayah/52.03.01?kelas=sama", method: .get, headers: bearer(admin), body: nil)
            #expect(method.status == .badRequest)
            #expect(method.text.contains("pilih kuantil atau jenks"))
        }
    }

    @Test func the_map_alone_is_an_svg_file_with_its_legend() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            let response = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/peta.svg?kelas=jenks", tokens[.admin])
            #expect(response.headers[.contentType] == "image/svg+xml; charset=utf-8")
            let svg = response.text
            #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg class=\"region-map\" xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.hasSuffix("</svg>"))
            #expect(svg.contains("<pattern id=\"arsir\""))
            #expect(svg.contains(">Keluarga desil 1 — Kecamatan Keruak</text>"))
            #expect(svg.contains(">&gt; 20,0% – 50,0%</text>"))
            #expect(svg.contains("<title>Desa Pijot: 20,0% (2 dari 10 keluarga)</title>"))
            // Well-formed XML.
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(parser.parserError.map(String.init(describing:)) ?? "")")
            // A desa's map is its kecamatan's, itself outlined.
            let desa = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01.2003/peta.svg", tokens[.admin]).text
            #expect(desa.contains("<path class=\"area focus\" fill=\"#f03b20\" stroke=\"#1d2327\" stroke-width=\"2.4\""))
        }
    }

    @Test(arguments: [Role.viewer, .partner])
    func withheld_values_are_hatched_and_move_no_class_bound(role: Role) async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            var villages = try DashboardFixtures.keruak()
            // Pulau Maringkik: 3 of 30 families in desil 1, a small count hidden from this role.
            villages[try RegionCode("52.03.01.2015")] = try DashboardFixtures.village(families: 30, desil1: 3)
            try await DisclosureAttackTests.store(villages, in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01", tokens[role]).text
            let hidden = try #require(Self.area(html, "52.03.01.2015"))
            #expect(hidden.contains("fill=\"url(#arsir)\"") && hidden.contains("<title>Desa Pulau Maringkik: &lt;5</title>"))
            #expect(!html.contains("10,0% (3 dari 30"))
            // Its 10 % is no bound: every bound in the legend is a shown rate.
            let svg = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/peta.svg", tokens[role]).text
            #expect(svg.contains("<title>Desa Pulau Maringkik: &lt;5</title>"))
            #expect(!svg.contains("dari 30 keluarga"))
        }
    }

    /// The desa codes of the table under the map, in order.
    static func tableOrder(_ html: String) -> [String] {
        let table = html.components(separatedBy: "<section class=\"children\"").last ?? ""
        return table.components(separatedBy: "<tr><td class=\"code\">").dropFirst().map { String($0.prefix(13)) }
    }

    @Test func the_table_under_the_map_sorts_by_what_the_reader_sees() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            var villages = try DashboardFixtures.keruak()
            // Pulau Maringkik: 2 of 3 families in desil 1 (66,7 %), hidden from viewers.
            villages[try RegionCode("52.03.01.2015")] = try DashboardFixtures.village(families: 3, desil1: 2)
            try await DisclosureAttackTests.store(villages, in: services.database)
            // By the mapped rate: 66,7 (Pulau Maringkik), 50 (Selebung Ketangga), 20 (Pijot, Sepit: code order), 10 (Tanjung Luar),
            // then the desa without data in code order.
            let admin = Self.tableOrder(try await DisclosureAttackTests.get(client, "/wilayah/52.03.01?urut=nilai", tokens[.admin]).text)
            #expect(Array(admin.prefix(6)) == ["52.03.01.2015", "52.03.01.2003", "52.03.01.2002", "52.03.01.2004", "52.03.01.2001", "52.03.01.2005"])
            #expect(admin.count == 15)
            // A viewer's order knows nothing of the hidden rate: Pulau Maringkik sorts among the desa without a shown figure.
            let viewerHTML = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01?urut=nilai", tokens[.viewer]).text
            let viewer = Self.tableOrder(viewerHTML)
            #expect(viewer.first != "52.03.01.2015")
            #expect(viewer.last == "52.03.01.2015", "\(viewer)")
            // By families: 50, 40, then 10 and 10 in code order, then 3.
            let families = Self.tableOrder(try await DisclosureAttackTests.get(client, "/wilayah/52.03.01?urut=keluarga", tokens[.admin]).text)
            #expect(Array(families.prefix(5)) == ["52.03.01.2003", "52.03.01.2004", "52.03.01.2001", "52.03.01.2002", "52.03.01.2015"])
            // The headings are the links, the current one marked.
            #expect(viewerHTML.contains("<a href=\"/wilayah/52.03.01?indikator=desil1_families&amp;kelas=kuantil&amp;urut=nilai#wilayah-di-bawah\" aria-current=\"true\">Keluarga desil 1</a>"))
            let bad = try await client.executeRequest(uri: "/wilayah/52.03.01?urut=acak", method: .get, headers: bearer(tokens[.admin]), body: nil)
            #expect(bad.status == .badRequest && bad.text.contains("Urutan &#39;acak&#39; tidak dikenal"))
        }
    }

    @Test func the_map_downloads_as_geojson_with_what_the_reader_may_see() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            var villages = try DashboardFixtures.keruak()
            villages[try RegionCode("52.03.01.2015")] = try DashboardFixtures.village(families: 3, desil1: 2)
            try await DisclosureAttackTests.store(villages, in: services.database)
            func features(_ role: Role) async throws -> [String: [String: Any]] {
                let response = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/peta.geojson", tokens[role])
                #expect(response.headers[.contentType] == "application/geo+json")
                let json = try response.json()
                #expect(json["type"] as? String == "FeatureCollection")
                var byCode: [String: [String: Any]] = [:]
                for feature in json["features"] as? [[String: Any]] ?? [] {
                    let properties = feature["properties"] as? [String: Any] ?? [:]
                    #expect((feature["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon")
                    if let code = properties["kode"] as? String { byCode[code] = properties }
                }
                return byCode
            }
            let admin = try await features(.admin)
            #expect(admin.count == 15)
            // Shares 10, 20, 50, 20 and 66,7 %: quantile bounds 10 | 10 | 20 | 50 | 66,67 → Selebung Ketangga (50 %) is class 3 of 4.
            let selebung = try #require(admin["52.03.01.2003"])
            #expect(selebung["persen"] as? Double == 50 && selebung["jumlah"] as? Int == 25 && selebung["penyebut"] as? Int == 50)
            #expect(selebung["kelas"] as? Int == 3 && selebung["indikator"] as? String == "desil1_families")
            #expect(admin["52.03.01.2005"]?["keterangan"] as? String == "tidak ada data" && admin["52.03.01.2005"]?["kelas"] is NSNull)
            #expect(admin["52.03.01.2015"]?["persen"] as? Double == 66.67)
            // A viewer gets the hidden desa without its figures.
            let viewer = try await features(.viewer)
            let hidden = try #require(viewer["52.03.01.2015"])
            #expect(hidden["persen"] is NSNull && hidden["jumlah"] is NSNull && hidden["penyebut"] is NSNull && hidden["kelas"] is NSNull)
            #expect(hidden["keterangan"] as? String == "<5")
        }
    }
}

