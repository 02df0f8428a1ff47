import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The printable region brief (`/wilayah/{code}/ringkas`): the figures Beranda and the indicator page show, on one page
/// made for A4. (Its print layout — pages, page numbers, the data date in the PDF — is checked in headless Chromium,
/// `BrowserTests`.)
@Suite struct RegionBriefWebTests {
    @Test(arguments: TestDatabase.engines)
    func the_brief_of_keruak_holds_its_figures_map_priorities_charts_and_data_date(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/ringkas", tokens[.admin]).text
            #expect(html.contains("<h1><span class=\"kicker\">Ringkasan wilayah</span> Kecamatan Keruak</h1>"))
            #expect(html.contains("<span class=\"code\">52.03.01</span> · Kecamatan · bagian dari Kabupaten Lombok Timur · 15 desa/kelurahan"))
            // Headline figures: 113 families, 38 of them in desil 1 (33,6 %).
            #expect(html.contains("<span class=\"label\">Jumlah keluarga</span> <strong>113</strong>"))
            #expect(html.contains("<span class=\"label\">Keluarga desil 1</span> <strong>33,6%</strong><small>38 keluarga</small>"))
            // Data date and source, at the top and at the foot.
            #expect(html.components(separatedBy: "Data per 30 Juni 2025 (tanggal acuan impor)").count - 1 == 2)
            #expect(html.contains("Sumber: data registri yang diimpor ke Lumbung"))
            #expect(html.range(of: #"Disusun \d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2} WITA dari Lumbung\."#, options: .regularExpression) != nil)
            // The summary in words, the map with its legend.
            #expect(html.contains("<section class=\"summary\"><h2>Ringkasan</h2><p>Kecamatan Keruak tercatat"))
            #expect(html.contains("<svg class=\"region-map\"") && html.contains("<ul class=\"legend\">"))
            #expect(html.contains("<h2>Keluarga desil 1 per desa/kelurahan di Kecamatan Keruak</h2>"))
            // Priorities: only Selebung Ketangga (50 families) and Sepit (40) have 30 families or more, Selebung Ketangga first.
            let list = try #require(html.components(separatedBy: "<ol class=\"priority-list\">").last?.components(separatedBy: "</ol>").first)
            #expect(list.components(separatedBy: "<li>").count - 1 == 2)
            #expect(list.hasPrefix("\n  <li><strong>Selebung Ketangga</strong>"), "\(list.prefix(80))")
            // The desa, the highest share of desil-1 families first: Pulau Maringkik 2 of 3, Selebung Ketangga 25 of 50,
            // Pijot 2 of 10 and Sepit 8 of 40 (equal: code order), Tanjung Luar 1 of 10; the desa without records last.
            let table = try #require(html.components(separatedBy: "<section class=\"brief-children\">").last?.components(separatedBy: "</table>").first)
            let names = table.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().compactMap { $0.components(separatedBy: "</th>").first }
            #expect(Array(names.prefix(5)) == ["Pulau Maringkik", "Selebung Ketangga", "Pijot", "Sepit", "Tanjung Luar"], "\(names)")
            #expect(names.count == 15)
            #expect(table.contains("<tr><th scope=\"row\">Pulau Maringkik</th><td class=\"num\">3</td><td class=\"num\">66,7%</td>"))
            // Six charts, each with its numbers.
            #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == 6)
            for id in ["angka", "jenis-kelamin", "disabilitas", "kelompok-umur", "piramida", "desil"] {
                #expect(html.contains("<figure class=\"chart\" id=\"\(id)\">"), "\(id)")
            }
            // The region page links to it, keeping the map's choice.
            let region = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01?indikator=no_jkn", tokens[.admin]).text
            #expect(region.contains("<a class=\"button\" href=\"/wilayah/52.03.01/ringkas?indikator=no_jkn&amp;kelas=kuantil\">Cetak ringkasan</a>"))
            let chosen = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/ringkas?indikator=no_jkn", tokens[.admin]).text
            #expect(chosen.contains("<h2>Tanpa jaminan kesehatan per desa/kelurahan di Kecamatan Keruak</h2>"))
        }
    }

    @Test func a_viewer_gets_the_brief_with_small_counts_withheld() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01/ringkas", tokens[.viewer]).text
            let table = try #require(html.components(separatedBy: "<section class=\"brief-children\">").last?.components(separatedBy: "</table>").first)
            // Pulau Maringkik has 3 families, 2 in desil 1: both "<5", and its 66,7 % is nowhere; a withheld rate sorts last.
            let row = try #require(table.components(separatedBy: "<tr><th scope=\"row\">Pulau Maringkik</th>").last?.components(separatedBy: "</tr>").first)
            #expect(row.hasPrefix("<td class=\"num\">&lt;5</td><td class=\"num\">&lt;5</td>"), "\(row)")
            #expect(!html.contains("66,7"))
            let names = table.components(separatedBy: "<tr><th scope=\"row\">").dropFirst().compactMap { $0.components(separatedBy: "</th>").first }
            #expect(names.first == "Selebung Ketangga")
            #expect(html.contains("“&lt;5”: jumlah 1–4 disembunyikan"))
        }
    }

    @Test func an_empty_database_says_how_to_import_and_an_unknown_region_is_404() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, _, _ in
            let html = try await DisclosureAttackTests.get(client, "/wilayah/52.03/ringkas", tokens[.admin]).text
            #expect(html.contains("<h2>Belum ada data</h2>") && !html.contains("<svg class=\"chart\""))
            #expect(html.contains("Belum ada data yang diimpor untuk wilayah ini."))
            try await client.execute(uri: "/wilayah/52.99/ringkas", method: .get, headers: bearer(tokens[.admin])) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
