import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Beranda: the four questions at a glance for a region of the user's scope.
@Suite struct DashboardWebTests {
    typealias F = DashboardFixtures.Family

    /// Keruak: Tanjung Luar 1 of 10 families in desil 1, Pijot 2 of 10, Sepit 8 of 40, Pulau Maringkik 2 of 3 (66,7 %),
    /// Selebung Ketangga 25 of 50, 10 of those 25 headed by women (every other head a man aged 40, alone).
    static func keruak() throws -> [RegionCode: RegionTally] {
        var villages = try DashboardFixtures.keruak()
        villages[try RegionCode("52.03.01.2003")] = try DashboardFixtures.tally(
            Array(repeating: F(desil: 1, sex: .female), count: 10) + Array(repeating: F(desil: 1), count: 15) + Array(repeating: F(desil: 5), count: 25))
        villages[try RegionCode("52.03.01.2015")] = try DashboardFixtures.village(families: 3, desil1: 2)
        return villages
    }

    /// Issue 15: the region's data quality — people flagged for verification (no NIK) — on Beranda.
    @Test(arguments: TestDatabase.engines)
    func beranda_states_how_many_people_need_verification(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            // 10 families; the heads have a NIK, 3 of them have a child without one: 13 people, 3 to verify = 23,1 %.
            let families = (0..<10).map { F(members: $0 < 3 ? [(.female, 8)] : []) }
            try await DisclosureAttackTests.store([try RegionCode("52.03.01.2001"): try DashboardFixtures.tally(families)], in: services.database)
            let admin = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01", tokens[.admin]).text
            #expect(admin.contains("<p class=\"quality\">Mutu data: 3 jiwa (23,1%) perlu verifikasi (tanpa NIK).</p>"))
            // A viewer does not get a count under 5.
            let viewer = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01", tokens[.viewer]).text
            #expect(viewer.contains("<p class=\"quality\">Mutu data: ") && !viewer.contains("3 jiwa (23,1%)"))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func beranda_names_the_priority_areas_with_their_reasons_and_agrees_with_the_ringkasan(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try Self.keruak(), in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01", tokens[.admin]).text
            #expect(html.contains("<span class=\"kicker\">Beranda</span> Kecamatan Keruak</h1>"))
            // Headline: 113 families, 38 in desil 1 = 33,6 %.
            #expect(html.contains("<span class=\"label\">Jumlah keluarga</span> <strong>113</strong>"))
            #expect(html.contains("<span class=\"label\">Keluarga desil 1</span> <strong>33,6%</strong><small>38 keluarga</small>"))
            // Only Selebung Ketangga (50 families) and Sepit (40) have 30 families or more: Pulau Maringkik's 66,7 % is not compared.
            let list = try #require(html.components(separatedBy: "<ol class=\"priority-list\">").last?.components(separatedBy: "</ol>").first)
            #expect(list.components(separatedBy: "<li>").count - 1 == 2)
            #expect(list.contains("<li><a href=\"/wilayah/52.03.01.2003\">Selebung Ketangga</a>"))
            #expect(!list.contains("Pulau Maringkik") && !list.contains("Tanjung Luar"))
            // The reason: desil 1 at 50 % against Keruak's 33,6 % is 1,49 → "1,5×"; desil 1–4 is the same families here.
            #expect(list.contains("keluarga desil 1: 50,0% (1,5× rata-rata kecamatan); keluarga desil 1–4: 50,0% (1,5× rata-rata kecamatan)"))
            #expect(list.contains("semua komponen pada nilai terendah"), "Sepit is lowest on every component")
            #expect(html.contains("href=\"/peringkat?within=52.03.01&amp;level=desa\""))
            // Who: female-headed families are all in desil 1, 100 % against 33,6 % → 2,97 → "3,0×"; so are the women.
            #expect(html.contains("Keluarga dikepalai perempuan: 100,0% keluarganya di desil 1 (33,6% untuk semua), 3,0× rata-rata"))
            #expect(html.contains("Perempuan: 100,0% orangnya di desil 1 (33,6% untuk semua), 3,0× rata-rata"))
            // Freshness: the tallies' reference date.
            #expect(html.contains("Data per 30 Juni 2025 (tanggal acuan impor), dari 5 desa/kelurahan."))
            // The map and key indicators.
            #expect(html.contains("<svg class=\"region-map\""))
            #expect(html.contains("<th scope=\"row\">Keluarga desil 1</th><td class=\"num\">33,6%</td><td class=\"num\">38</td>"))
            // A desa's Beranda has its figures and its kecamatan's map, and no list of desa to rank.
            let desa = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01.2003", tokens[.admin]).text
            #expect(desa.contains("Beranda</span> Desa Selebung Ketangga</h1>") && desa.contains("<strong>50,0%</strong><small>25 keluarga</small>"))
            #expect(desa.contains("Peringkat desa tidak dibuat untuk satu desa") && desa.contains("<path class=\"area focus\""))
            // The Ringkasan of the same kecamatan names the same poorest desa first, under the same rule.
            let region = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01", tokens[.admin]).text
            #expect(region.contains("Desa/Kelurahan paling prioritas menurut peringkat bawaan (sedikitnya 30 keluarga, laju disusutkan ke angka Kecamatan Keruak): Selebung Ketangga (keluarga desil 1: 50,0%; keluarga desil 1–4: 50,0%), Sepit."))
        }
    }

    @Test func beranda_opens_on_the_users_scope_and_refuses_regions_outside_it() async throws {
        try await withWebAppRoles(scope: "52.01") { client, tokens, _, _ in
            let own = try await DisclosureAttackTests.get(client, "/", tokens[.operator]).text
            #expect(own.contains("<span class=\"kicker\">Beranda</span> Kabupaten Lombok Barat</h1>"))
            #expect(own.contains("Belum ada data") && own.contains("<a href=\"/impor\">Impor</a>"), "an empty database says how to import")
            #expect(own.contains("<option value=\"52.01.01\">"), "the kecamatan of the scope can be chosen")
            let outside = try await client.executeRequest(uri: "/?wilayah=52.03", method: .get, headers: bearer(tokens[.operator]), body: nil)
            #expect(outside.status == .forbidden)
            #expect(outside.text.contains("Wilayah 52.03 berada di luar wilayah kerja Anda (52.01)."), "the message names whose scope")
            let unknown = try await client.executeRequest(uri: "/?wilayah=52.01.99", method: .get, headers: bearer(tokens[.operator]), body: nil)
            #expect(unknown.status == .notFound)
            let anonymous = try await client.executeRequest(uri: "/", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/masuk") == true)
        }
    }

    @Test func a_viewer_sees_no_withheld_count_on_beranda() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try Self.keruak(), in: services.database)
            let html = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01", tokens[.viewer]).text
            // Pulau Maringkik's 2 of 3 is hidden on the map ("<5"), and its 66,7 % appears nowhere.
            #expect(html.contains("<title>Desa Pulau Maringkik: &lt;5</title>"))
            #expect(!html.contains("66,7"))
            #expect(html.contains("<li><a href=\"/wilayah/52.03.01.2003\">Selebung Ketangga</a>"))
        }
    }
}
