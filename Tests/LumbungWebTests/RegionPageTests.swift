import Foundation
import HTTPTypes
import HummingbirdTesting
import LumbungStore
import LumbungTestSupport
import Testing

@Suite struct RegionPageTests {
    @Test func home_is_beranda_of_the_province() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<span class=\"kicker\">Beranda</span> Provinsi Nusa Tenggara Barat</h1>"))
            }
        }
    }

    @Test func the_province_page_draws_every_kabupaten_as_a_link() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/wilayah/52", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = response.text
                #expect(html.contains("<html lang=\"id\">"))
                #expect(html.contains("<h1>Provinsi Nusa Tenggara Barat</h1>"))
                #expect(html.contains("Kabupaten/Kota di Provinsi Nusa Tenggara Barat"))
                #expect(html.contains("<svg class=\"region-map\""))
                // Ten outlines, each linked to its page and titled with its name.
                #expect(html.components(separatedBy: "<a href=\"/wilayah/52.").count - 1 >= 10 + 10)
                #expect(html.contains("<title>Kabupaten Lombok Timur: tidak ada data</title>"))
                #expect(html.contains("<title>Kota Mataram: tidak ada data</title>"))
                #expect(html.contains("1.166"))
            }
        }
    }

    @Test func a_desa_page_has_the_full_breadcrumb_and_its_own_outline() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/wilayah/5203012001", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Desa Tanjung Luar</h1>"))
                let crumbs = ["<a href=\"/wilayah/52\">Provinsi Nusa Tenggara Barat</a>",
                              "<a href=\"/wilayah/52.03\">Kabupaten Lombok Timur</a>",
                              "<a href=\"/wilayah/52.03.01\">Kecamatan Keruak</a>",
                              "<li aria-current=\"page\">Desa Tanjung Luar</li>"]
                for crumb in crumbs { #expect(html.contains(crumb), "\(crumb)") }
                #expect(html.contains("<path class=\"area focus\""))
                #expect(html.contains("<path class=\"area context\""))
            }
        }
    }

    @Test func a_kecamatan_with_new_desa_says_which_have_no_outline_yet() async throws {
        try await withWebApp { client in
            // Kecamatan 52.02.06 holds four desa split off recently, without boundaries in the source.
            try await client.execute(uri: "/wilayah/52.02.06", method: .get) { response in
                let html = response.text
                #expect(html.contains("Batas 4 wilayah belum tersedia"))
                #expect(html.contains("Beleke Daye"))
            }
        }
    }

    @Test func errors_are_pages_in_bahasa_indonesia_with_the_right_status() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/wilayah/52.99", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Tidak ada wilayah dengan kode 52.99."))
            }
            try await client.execute(uri: "/wilayah/lombok", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("&#39;lombok&#39; bukan kode wilayah"))
            }
            try await client.execute(uri: "/tidak-ada", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Halaman yang Anda cari tidak ada."))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func search_knows_abbreviations_and_forgives_a_typo(engine: Database.Engine) async throws {
        try await withWebApp(engine) { client in
            for (query, link) in [("Loteng", "<a href=\"/wilayah/52.02\">Kabupaten Lombok Tengah</a>"),
                                  ("KSB", "<a href=\"/wilayah/52.07\">Kabupaten Sumbawa Barat</a>"),
                                  ("lombok+timor", "<a href=\"/wilayah/52.03\">Kabupaten Lombok Timur</a>")] {
                try await client.execute(uri: "/wilayah?q=\(query)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains(link), "\(query)")
                }
            }
        }
    }

    @Test func search_lists_matches_and_a_code_goes_straight_to_its_page() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/wilayah?q=lombok+timur", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<a href=\"/wilayah/52.03\">Kabupaten Lombok Timur</a>"))
                #expect(html.contains("value=\"lombok timur\""))
            }
            try await client.execute(uri: "/wilayah?q=52.03.01", method: .get) { response in
                #expect(response.headers[.location] == "/wilayah/52.03.01")
            }
            try await client.execute(uri: "/wilayah?q=%3Cscript%3E", method: .get) { response in
                #expect(response.text.contains("Tidak ada wilayah yang cocok dengan “&lt;script&gt;”"))
                #expect(!response.text.contains("<script>"))
            }
        }
    }

    @Test func every_response_carries_the_security_headers() async throws {
        try await withWebApp { client in
            for uri in ["/wilayah/52", "/api/v1/regions/52", "/static/lumbung.css", "/tidak-ada"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[values: .contentSecurityPolicy].first?.contains("script-src 'self'") == true, "\(uri)")
                    #expect(response.headers[values: .contentSecurityPolicy].first?.contains("unsafe-inline") == false)
                    #expect(response.headers[.init("X-Content-Type-Options")!] == "nosniff")
                    #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
                }
            }
        }
    }

    @Test func the_stylesheet_is_served_without_any_network() async throws {
        try await withWebApp { client in
            try await client.execute(uri: "/static/lumbung.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("svg.region-map"))
            }
        }
    }
}
