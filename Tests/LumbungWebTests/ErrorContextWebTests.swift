import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
import LumbungWeb
import Testing

/// Issue 15: errors keep the user's header and form; menus show only what the role may open.
@Suite struct ErrorContextWebTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The main menu's links, in order (`<nav class="main">…</nav>`).
    static func menu(_ html: String) -> [String] {
        guard let nav = html.components(separatedBy: "<nav class=\"main\">").dropFirst().first?.components(separatedBy: "</nav>").first else { return [] }
        return nav.components(separatedBy: "href=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }

    @Test(arguments: TestDatabase.engines)
    func an_error_page_keeps_the_signed_in_header_and_menu(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, _, _ in
            let viewer = SignedInClient(base: client, token: try #require(tokens[.viewer]))
            for uri in ["/wilayah/52.99", "/wilayah/lombok", "/tidak-ada", "/impor"] {
                try await viewer.execute(uri: uri, method: .get) { response in
                    #expect([.notFound, .badRequest, .forbidden].contains(response.status), "\(uri)")
                    #expect(response.text.contains("<section class=\"error\">"), "\(uri)")
                    // The viewer's own bar (name · role · scope) and menu are there.
                    #expect(response.text.contains("<a href=\"/akun\">Pembaca</a> <span>· Pembaca · 52</span>"), "\(uri)")
                    #expect(Self.menu(response.text) == ["/", "/wilayah", "/peringkat", "/program", "/koordinasi", "/pemantauan", "/sumber-lain"], "\(uri)")
                }
            }
            // Someone not signed in gets neither.
            try await client.execute(uri: "/tidak-ada", method: .get) { response in
                #expect(response.status == .notFound && !response.text.contains("class=\"session\"") && Self.menu(response.text).isEmpty)
            }
        }
    }

    /// For each role, the menu holds exactly the links whose route lets that role in — and each shown link opens,
    /// each hidden one is refused.
    @Test func each_roles_menu_is_exactly_what_it_may_open() async throws {
        let all = ["/", "/wilayah", "/peringkat", "/program", "/koordinasi", "/pemantauan", "/sumber-lain", "/impor"]
        let readers = ["/", "/wilayah", "/peringkat", "/program", "/koordinasi", "/pemantauan", "/sumber-lain"]
        let expected: [Role: [String]] = [
            .admin: all, .operator: all,
            .analyst: readers,
            .partner: readers,
            .viewer: readers,
        ]
        try await withWebAppRoles(scope: "52") { client, tokens, _, _ in
            for role in Role.allCases {
                let user = SignedInClient(base: client, token: try #require(tokens[role]))
                let shown = try await user.execute(uri: "/program", method: .get) { Self.menu($0.text) }
                #expect(shown == expected[role], "\(role)")
                for link in all {
                    // A shown link opens (a page, or the redirect /wilayah makes to one's own region); a hidden one is refused.
                    let status = try await user.execute(uri: link, method: .get) { $0.status }
                    #expect((status == .ok || status == .seeOther) == shown.contains(link), "\(role) \(link): \(status)")
                    if !shown.contains(link) { #expect(status == .forbidden, "\(role) \(link)") }
                }
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_bad_weight_gives_the_form_back_with_the_field_named_in_words(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, _, _ in
            let analyst = SignedInClient(base: client, token: try #require(tokens[.analyst]))
            try await analyst.execute(uri: "/peringkat?within=52.03&level=kecamatan&w_desil1_families=-2&w_unfit_housing=1%2C5&min_keluarga=40",
                                      method: .get) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                #expect(html.contains("Peringkat tidak dapat dibuat: bobot “Keluarga desil 1” negatif."))
                #expect(!html.contains("desil1_families negatif"), "never the internal id")
                // The form with what was typed, the wrong field marked.
                #expect(html.contains("name=\"w_desil1_families\" value=\"-2\" inputmode=\"decimal\" size=\"4\" aria-invalid=\"true\""))
                #expect(html.contains("name=\"w_unfit_housing\" value=\"1,5\" inputmode=\"decimal\" size=\"4\">"))
                #expect(html.contains("name=\"within\" value=\"52.03\"") && html.contains("name=\"level\" value=\"kecamatan\""))
                #expect(html.contains("name=\"min_keluarga\" value=\"40\""))
                #expect(html.contains("<span>· Analis · 52</span>"), "the header is kept")
            }
            // A weight that is no number: named in words, its field marked (audit of issue 15, gap 2).
            try await analyst.execute(uri: "/peringkat?within=52.03&level=kecamatan&w_desil1_families=abc&w_unfit_housing=1", method: .get) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                #expect(html.contains("bobot “Keluarga desil 1” bukan angka"), "\(html)")
                #expect(!html.contains("bukan indikator:angka") && !html.contains("desil1_families:abc"), "never the internal form")
                #expect(html.contains("name=\"w_desil1_families\" value=\"abc\" inputmode=\"decimal\" size=\"4\" aria-invalid=\"true\""))
                #expect(html.contains("name=\"w_unfit_housing\" value=\"1\" inputmode=\"decimal\" size=\"4\">"))
            }
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_refused_user_form_keeps_what_was_typed(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, _, _ in
            let admin = SignedInClient(base: client, token: try #require(tokens[.admin]))
            try await admin.execute(uri: "/pengguna", method: .post, headers: Self.form,
                                    body: ByteBuffer(string: "username=lsm-bima&name=LSM+Bima&role=partner&scope=52.06&password=kopi-manis-2026")) { response in
                #expect(response.status == .badRequest)
                let html = response.text
                #expect(html.contains("Mitra harus punya nama organisasi."))
                #expect(html.contains("name=\"username\" value=\"lsm-bima\"") && html.contains("name=\"name\" value=\"LSM Bima\""))
                #expect(html.contains("<option value=\"partner\" selected>Mitra</option>") && html.contains("name=\"scope\" value=\"52.06\""))
                #expect(!html.contains("kopi-manis-2026"), "the password is not given back")
                #expect(html.contains("<span>· Admin · 52</span>"))
            }
        }
    }
}
