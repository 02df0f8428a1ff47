import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungTestSupport
import LumbungWeb
import Testing

@Suite struct AnalysisPageTests {
    static func importFamilies(_ client: some TestClientProtocol) async throws {
        let id = try await client.execute(uri: "/api/v1/imports", method: .post, headers: ImportWebTests.headers,
                                          body: ImportWebTests.multipart(file: "keluarga.csv", content: ImportWebTests.families,
                                                                         fields: ["as_of": "2025-06-30"])) {
            try #require(try $0.json()["id"] as? String)
        }
        _ = try await ImportWebTests.waitFor(id, client: client)
    }

    @Test func cached_figures_follow_an_import() async throws {
        try await withWebApp { client in
            let before = try await client.execute(uri: "/api/v1/regions/52.03.01/indicators", method: .get) { response in
                let values = try #require((response.json()["region"] as? [String: Any])?["values"] as? [[String: Any]])
                return values.first { $0["indicator"] as? String == "families" }?["count"] as? Int
            }
            #expect(before == 0)
            try await Self.importFamilies(client)
            let after = try await client.execute(uri: "/api/v1/regions/52.03.01/indicators", method: .get) { response in
                let values = try #require((response.json()["region"] as? [String: Any])?["values"] as? [[String: Any]])
                return values.first { $0["indicator"] as? String == "families" }?["count"] as? Int
            }
            #expect(after == 2)
        }
    }

    @Test func the_indicator_page_shows_splits_and_the_regions_below() async throws {
        try await withWebApp { client in
            // Before any import: how to import, not a table of zeros.
            try await client.execute(uri: "/wilayah/52.03.01/indikator", method: .get) { response in
                #expect(response.text.contains("<h2>Belum ada data</h2>") && response.text.contains("<a href=\"/impor\">Impor</a>; halaman ini lalu menampilkan angkanya."))
            }
            try await Self.importFamilies(client)
            try await client.execute(uri: "/wilayah/52.03.01/indikator", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Indikator Kecamatan Keruak</h1>") && !html.contains("Belum ada data"))
                #expect(html.contains("<th class=\"num\">KK perempuan</th>") && html.contains("<th class=\"num\">Disabilitas</th>"))
                // Desil 1: one of the two families, 50,0 %.
                // The definition opens on a tap (no hover on a phone), in Indonesian.
                #expect(html.contains("<details class=\"definition\"><summary>Keluarga desil 1</summary><p class=\"note\">keluarga desil 1 / seluruh keluarga</p></details></th>\n        <td class=\"num\">50,0%<small>1</small></td>"))
                #expect(!html.contains(" / families") && !html.contains(" / people") && !html.contains("title=\""))
                #expect(html.contains("<h2>Per Desa/Kelurahan</h2>") && html.contains("<a href=\"/wilayah/52.03.01.2001/indikator\">Tanjung Luar</a>"))
                #expect(html.contains("href=\"/peringkat?within=52.03.01&amp;level=desa\""))
            }
            try await client.execute(uri: "/wilayah/52.03.01.2001", method: .get) { response in
                #expect(response.text.contains("<a class=\"button\" href=\"/wilayah/52.03.01.2001/indikator\">Indikator</a>"))
            }
            try await client.execute(uri: "/wilayah/52.99/indikator", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Tidak ada wilayah dengan kode 52.99."))
            }
        }
    }

    @Test func the_ranking_page_takes_weights_from_its_form_and_says_what_is_wrong() async throws {
        try await withWebApp { client in
            try await Self.importFamilies(client)
            try await client.execute(uri: "/peringkat?within=52.03.01&level=desa&w_desil1_families=2&w_unfit_housing=1%2C5&min_keluarga=0", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Peringkat prioritas desa/kelurahan di Kecamatan Keruak</h1>"))
                #expect(html.contains("name=\"w_desil1_families\" value=\"2\"") && html.contains("name=\"w_unfit_housing\" value=\"1,5\""))
                #expect(html.contains("name=\"w_no_safe_water\" value=\"\""), "a weight left out is blank, not the default")
                #expect(html.contains("<th scope=\"row\"><a href=\"/wilayah/52.03.01.2001\">Tanjung Luar</a>"))
                #expect(html.contains("Uji kestabilan:"))
                #expect(html.contains("weights=desil1_families:2,unfit_housing:1.5&amp;min_keluarga=0\""), "the API link writes a decimal point")
            }
            try await client.execute(uri: "/peringkat?within=52.03.01&w_desil1_families=-1", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Peringkat tidak dapat dibuat: bobot “Keluarga desil 1” negatif."))
            }
            try await client.execute(uri: "/peringkat?within=52.03.01.2001", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("tidak ada desa di bawah Desa Tanjung Luar"))
            }
        }
    }
}

/// Finding 4 of issue 12, each of the probe's three recoveries replayed against the web app as a viewer.
@Suite struct SmallCellRecoveryTests {
    /// `families` one-person families in `village`, `women` of them headed by a woman, `poorest` in desil 1.
    static func tally(_ village: RegionCode, families: Int, women: Int, poorest: Int) -> RegionTally {
        var tally = RegionTally()
        for index in 0..<families {
            let head = Person(nik: nil, name: "Kepala \(index)", sex: index < women ? .female : .male,
                              birthDate: CalendarDate(year: 1985, month: 1, day: 1), relationship: .head)
            tally.add(household: Household(kkNumber: "\(index)", villageCode: village, desil: index < poorest ? 1 : 7, housing: Housing()),
                      members: [head], asOf: CalendarDate(year: 2025, month: 6, day: 30)!, rural: true)
        }
        return tally
    }

    static func seed(_ services: AppServices) async throws {
        var tallies: [RegionCode: RegionTally] = [:]
        for (code, families, women, poorest) in [("52.03.01.2001", 8, 1, 2), ("52.03.01.2002", 6, 3, 2), ("52.03.01.2003", 30, 12, 9),
                                                 ("52.03.01.2004", 40, 15, 12)] {
            let village = try RegionCode(code)
            tallies[village] = Self.tally(village, families: families, women: women, poorest: poorest)
        }
        try await DisclosureAttackTests.store(tallies, in: services.database)
    }

    static func value(_ json: [String: Any], _ indicator: String) -> [String: Any]? {
        ((json["region"] as? [String: Any])?["values"] as? [[String: Any]])?.first { $0["indicator"] as? String == indicator }
    }

    static func group(_ value: [String: Any]?, _ split: String, _ group: String) -> [String: Any]? {
        (value?["splits"] as? [[String: Any]])?.first { $0["by"] as? String == split }
            .flatMap { ($0["groups"] as? [[String: Any]])?.first { $0["group"] as? String == group } }
    }

    @Test func a_total_minus_the_visible_groups_gives_nothing() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await Self.seed(services)
            // 8 families − 7 headed by men = 1 headed by a woman: the men are hidden too, the 8 stays.
            let viewer = try await client.executeRequest(uri: "/api/v1/regions/52.03.01.2001/indicators", method: .get,
                                                         headers: bearer(tokens[.viewer]), body: nil).json()
            let families = Self.value(viewer, "families")
            #expect(families?["count"] as? Int == 8)
            #expect(Self.group(families, "head_sex", "female")?["suppression"] as? String == "small")
            let men = Self.group(families, "head_sex", "male")
            #expect(men?["suppression"] as? String == "complementary" && men?["count"] is NSNull)
            let admin = try await client.executeRequest(uri: "/api/v1/regions/52.03.01.2001/indicators", method: .get,
                                                        headers: bearer(tokens[.admin]), body: nil).json()
            #expect(Self.group(Self.value(admin, "families"), "head_sex", "male")?["count"] as? Int == 7)
            let page = try await client.executeRequest(uri: "/wilayah/52.03.01.2001/indikator", method: .get,
                                                       headers: bearer(tokens[.partner]), body: nil).text
            #expect(page.contains("<td class=\"num\">×</td>") && page.contains("<td class=\"num\">&lt;5</td>"))
            #expect(page.contains("“×”: angka disembunyikan agar angka “&lt;5” tidak dapat dihitung ulang"))
        }
    }

    @Test func a_summary_gives_no_rate_of_a_hidden_count() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await Self.seed(services)
            // 6 families × 33,3 % = 2.
            let viewer = try await client.executeRequest(uri: "/api/v1/regions/52.03.01.2002/summary", method: .get,
                                                         headers: bearer(tokens[.viewer]), body: nil).json()
            let text = try #require(viewer["id"] as? String)
            #expect(text.contains("tercatat 6 jiwa dalam 6 keluarga. [disembunyikan] keluarga berada di desil 1"), "\(text)")
            #expect(!text.contains("33,3"))
            let admin = try await client.executeRequest(uri: "/api/v1/regions/52.03.01.2002/summary", method: .get,
                                                        headers: bearer(tokens[.admin]), body: nil).json()
            #expect((admin["id"] as? String)?.contains("33,3% keluarga berada di desil 1") == true)
        }
    }

    @Test func a_line_through_two_rows_finds_no_normalised_value_of_a_hidden_row() async throws {
        try await withWebAppRoles(scope: "52") { client, tokens, services, _ in
            try await Self.seed(services)
            let json = try await client.executeRequest(uri: "/api/v1/rankings?within=52.03.01&level=desa&weights=desil1_families:1&min_keluarga=0",
                                                       method: .get, headers: bearer(tokens[.viewer]), body: nil).json()
            let rows = try #require(json["rows"] as? [[String: Any]])
            let tanjung = try #require(rows.first { $0["code"] as? String == "52.03.01.2001" })
            let component = try #require((tanjung["components"] as? [[String: Any]])?.first)
            #expect(component["suppression"] as? String == "small")
            for key in ["count", "percent", "normalized", "contribution"] { #expect(component[key] == nil, "\(key)") }
            #expect(tanjung["score"] as? Double == 0 && tanjung["withheld"] as? [String] == ["desil1_families"])
            let page = try await client.executeRequest(uri: "/peringkat?within=52.03.01&level=desa&w_desil1_families=1&min_keluarga=0", method: .get,
                                                       headers: bearer(tokens[.viewer]), body: nil).text
            #expect(page.contains("0,0*</td>") && page.contains("Skor dihitung tanpa komponen yang disembunyikan"))
        }
    }
}
