import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// The ranking page: 50 rows a page with paging, the weights and the minimum printed with the result, the form
/// folded away, and the same minimum as the Ringkasan and Beranda by default.
@Suite struct RankingPagingWebTests {
    @Test func the_ranking_shows_fifty_rows_a_page_with_links_to_the_others() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            // Lombok Timur has 254 desa/kelurahan: with min_keluarga=0 all are ranked, on pages of 50 → 6 pages.
            let first = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03&level=desa&min_keluarga=0", tokens[.admin]).text
            #expect(first.contains("Baris 1–50 dari 254 wilayah."))
            #expect(first.components(separatedBy: "<tr><td class=\"num\">").count - 1 == 50)
            #expect(first.contains("<span class=\"current\" aria-current=\"page\">1</span>"))
            #expect(first.contains("&amp;halaman=6\">6</a>") && first.contains("rel=\"next\"") && !first.contains("rel=\"prev\""))
            // The first row is the poorest: Selebung Ketangga.
            #expect(first.contains("<tr><td class=\"num\">1</td><th scope=\"row\"><a href=\"/wilayah/52.03.01.2003\">Selebung Ketangga</a>"))
            let last = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03&level=desa&min_keluarga=0&halaman=6", tokens[.admin]).text
            #expect(last.contains("Baris 251–254 dari 254 wilayah."))
            #expect(last.components(separatedBy: "<tr><td class=\"num\">").count - 1 == 4)
            #expect(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""))
            // A page past the end shows the last one.
            let beyond = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03&level=desa&min_keluarga=0&halaman=99", tokens[.admin]).text
            #expect(beyond.contains("Baris 251–254 dari 254 wilayah."))
            let bad = try await client.executeRequest(uri: "/peringkat?within=52.03&halaman=nol", method: .get, headers: bearer(tokens[.admin]), body: nil)
            #expect(bad.status == .badRequest && bad.text.contains("halaman harus nomor halaman mulai 1"))
        }
    }

    @Test func the_default_minimum_leaves_small_desa_out_and_says_so_with_the_weights() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardFixtures.keruak(), in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/peringkat?within=52.03.01", tokens[.admin]).text
            // Keruak's 15 desa: Selebung Ketangga (50 families) and Sepit (40) are ranked, 13 are smaller.
            #expect(html.contains("Baris 1–2 dari 2 wilayah."))
            #expect(html.contains("Hanya wilayah dengan sedikitnya 30 keluarga yang diperingkat (min_keluarga=30)"))
            #expect(html.contains("13 wilayah lebih kecil tidak diperingkat."))
            #expect(html.contains("<p class=\"weights-used\">Bobot yang dipakai: Keluarga desil 1 3, Keluarga desil 1–4 2,"))
            #expect(html.contains("<details class=\"weights-panel\">"), "the weights form is folded away")
            #expect(html.contains("name=\"min_keluarga\" value=\"30\""))
            #expect(html.contains("href=\"/peringkat.xlsx?within=52.03.01&amp;level=desa&amp;min_keluarga=30&amp;weights="))
            #expect(!html.contains("<nav class=\"paging\""), "one page needs no page links")
        }
    }
}
