import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungTestSupport
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
            try await Self.importFamilies(client)
            try await client.execute(uri: "/wilayah/52.03.01/indikator", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Indikator Kecamatan Keruak</h1>"))
                #expect(html.contains("<th class=\"num\">KK perempuan</th>") && html.contains("<th class=\"num\">Disabilitas</th>"))
                // Desil 1: one of the two families, 50,0 %.
                #expect(html.contains("Keluarga desil 1</th>\n        <td class=\"num\">50,0%<small>1</small></td>"))
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
            try await client.execute(uri: "/peringkat?within=52.03.01&level=desa&w_desil1_families=2&w_unfit_housing=1%2C5", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Peringkat prioritas desa/kelurahan di Kecamatan Keruak</h1>"))
                #expect(html.contains("name=\"w_desil1_families\" value=\"2\"") && html.contains("name=\"w_unfit_housing\" value=\"1,5\""))
                #expect(html.contains("name=\"w_no_safe_water\" value=\"\""), "a weight left out is blank, not the default")
                #expect(html.contains("<th scope=\"row\"><a href=\"/wilayah/52.03.01.2001\">Tanjung Luar</a>"))
                #expect(html.contains("Uji kestabilan:"))
                #expect(html.contains("weights=desil1_families:2,unfit_housing:1.5\""), "the API link writes a decimal point")
            }
            try await client.execute(uri: "/peringkat?within=52.03.01&w_desil1_families=-1", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("Peringkat tidak dapat dibuat: bobot desil1_families negatif."))
            }
            try await client.execute(uri: "/peringkat?within=52.03.01.2001", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("tidak ada desa di bawah Desa Tanjung Luar"))
            }
        }
    }
}
