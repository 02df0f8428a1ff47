import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LumbungDomain
import LumbungStore
import LumbungTestSupport
@testable import LumbungWeb
import Testing

/// Issue 15 item 7: Bahasa Indonesia by default, English on a switch (`?lang=en`), remembered per user (stored with
/// the user) and, before signing in, in a cookie; every label from one catalogue per language.
@Suite struct LanguageWebTests {
    /// The `{name}` places of a text.
    static func places(_ text: String) -> Set<String> {
        Set(text.components(separatedBy: "{").dropFirst().compactMap { $0.components(separatedBy: "}").first })
    }

    @Test func both_catalogues_have_the_same_keys_none_empty_and_the_same_places() throws {
        let id = try Catalogue.read(.id), en = try Catalogue.read(.en)
        #expect(id.texts.count > 200, "the shipped catalogue was read")
        #expect(Set(id.texts.keys).subtracting(en.texts.keys).isEmpty, "missing in English: \(Set(id.texts.keys).subtracting(en.texts.keys).sorted())")
        #expect(Set(en.texts.keys).subtracting(id.texts.keys).isEmpty, "missing in Indonesian: \(Set(en.texts.keys).subtracting(id.texts.keys).sorted())")
        for (key, text) in id.texts {
            let english = en.texts[key] ?? ""
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty && !english.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) is empty")
            #expect(Self.places(text) == Self.places(english), "\(key): the places differ")
        }
    }

    @Test func every_label_a_template_asks_for_is_in_the_catalogue() throws {
        let id = try Catalogue.read(.id)
        let folder = URL(fileURLWithPath: PageRenderer.templateFolder)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for piece in text.components(separatedBy: "{{t.").dropFirst() {
                let key = piece.components(separatedBy: "}}").first ?? ""
                #expect(id.texts[key] != nil, "\(file) asks for \(key)")
            }
        }
    }

    /// The Indonesian texts an English page must not contain: every catalogue text that English words differently —
    /// a short one (a single word or two) as a whole element's text, a longer one by each stretch of 16 characters
    /// or more between its `{places}`.
    static func indonesianLeftovers(in html: String) throws -> [String] {
        let id = try Catalogue.read(.id), en = try Catalogue.read(.en)
        var found: [String] = []
        for (key, text) in id.texts where en.texts[key] != text {
            if text.count <= 16 && !text.contains("{") {
                if html.contains(">\(HTML.escape(text))<") { found.append("\(key): \(text)") }
                continue
            }
            var pieces: [String] = []
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{") {
                pieces.append(String(rest[..<open]))
                rest = rest[rest.index(after: open)...].drop { $0 != "}" }.dropFirst()
            }
            pieces.append(String(rest))
            for piece in pieces where piece.trimmingCharacters(in: .whitespaces).count >= 16 {
                if html.contains(HTML.escape(piece)) || html.contains(piece) { found.append("\(key): \(piece)") }
            }
        }
        return found
    }

    @Test(arguments: TestDatabase.engines)
    func pages_in_english_carry_no_indonesian_label_and_write_numbers_and_dates_the_english_way(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            try await DisclosureAttackTests.store(try DashboardWebTests.keruak(), in: services.database)
            let admin = tokens[.admin]
            for uri in ["/?wilayah=52.03.01&lang=en", "/wilayah/52.03.01?lang=en", "/peringkat?within=52.03.01&lang=en", "/impor?lang=en",
                        "/koordinasi?within=52.03.01&lang=en"] {
                let html = try await DisclosureAttackTests.get(client, uri, admin).text
                #expect(html.contains("<html lang=\"en\">"), "\(uri)")
                let leftovers = try Self.indonesianLeftovers(in: html)
                #expect(leftovers.isEmpty, "\(uri): \(leftovers)")
                // The switch leads back to Bahasa Indonesia on the same page.
                #expect(html.contains("lang=id\" lang=\"id\" hreflang=\"id\">Bahasa Indonesia</a>"), "\(uri)")
            }
            // The same pages in Indonesian by default do carry their labels (the check above can fail).
            let indonesian = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01&lang=id", admin).text
            let found = try Self.indonesianLeftovers(in: indonesian)
            #expect(found.count > 10 && indonesian.contains("<html lang=\"id\">"))
            // Beranda in English: 113 families, 38 in desil 1 = 33.6 %; the reference date 30 June 2025.
            let home = try await DisclosureAttackTests.get(client, "/?wilayah=52.03.01&lang=en", admin).text
            #expect(home.contains("<span class=\"label\">Families in desil 1</span> <strong>33.6%</strong><small>38 families</small>"))
            #expect(home.contains("Data as of 30 June 2025 (the imports&#39; reference date), from 5 villages."))
            #expect(home.contains("<span class=\"kicker\">Home</span> Kecamatan Keruak</h1>"))
            // The region page's Summary is the English one.
            let region = try await DisclosureAttackTests.get(client, "/wilayah/52.03.01?lang=en", admin).text
            #expect(region.contains("<h2>Summary</h2><p>Kecamatan Keruak has 113 people in 113 families on record."))
        }
    }

    @Test(arguments: TestDatabase.engines)
    func a_users_choice_is_remembered_with_the_user_and_a_visitors_in_a_cookie(engine: Database.Engine) async throws {
        try await withWebAppRoles(scope: "52", engine: engine) { client, tokens, services, _ in
            let analyst = tokens[.analyst]
            // Indonesian until asked.
            #expect(try await DisclosureAttackTests.get(client, "/", analyst).text.contains("<span class=\"kicker\">Beranda</span>"))
            _ = try await DisclosureAttackTests.get(client, "/wilayah/52.03?lang=en", analyst)
            #expect(try await UserStore(database: services.database).user(named: "r-analyst")?.language == "en")
            // Any later page, without `lang`, in English; the menu too.
            let later = try await DisclosureAttackTests.get(client, "/", analyst).text
            #expect(later.contains("<span class=\"kicker\">Home</span>") && later.contains("<a href=\"/peringkat\">Ranking</a>"))
            // Another user is untouched.
            #expect(try await DisclosureAttackTests.get(client, "/", tokens[.viewer]).text.contains("<span class=\"kicker\">Beranda</span>"))
            // Back to Indonesian.
            _ = try await DisclosureAttackTests.get(client, "/?lang=id", analyst)
            #expect(try await DisclosureAttackTests.get(client, "/", analyst).text.contains("<span class=\"kicker\">Beranda</span>"))

            // A visitor: the sign-in page in English sets a cookie that keeps it English.
            let english = try await client.executeRequest(uri: "/masuk?lang=en", method: .get, headers: [:], body: nil)
            #expect(english.text.contains("<h1>Sign in</h1>") && english.text.contains("<label for=\"password\">Password</label>"))
            let cookie = try #require(english.headers[values: .setCookie].first { $0.hasPrefix("lumbung_bahasa=en") })
            #expect(cookie.contains("HttpOnly"))
            let again = try await client.executeRequest(uri: "/masuk", method: .get, headers: [.cookie: "lumbung_bahasa=en"], body: nil)
            #expect(again.text.contains("<h1>Sign in</h1>"))
            let plain = try await client.executeRequest(uri: "/masuk", method: .get, headers: [:], body: nil)
            #expect(plain.text.contains("<h1>Masuk</h1>"))
            // Anything else than id or en is ignored, not an error.
            let odd = try await client.executeRequest(uri: "/masuk?lang=fr", method: .get, headers: [:], body: nil)
            #expect(odd.status == .ok && odd.text.contains("<h1>Masuk</h1>"))
            // An error page in English for an English reader.
            let missing = try await client.executeRequest(uri: "/wilayah/52.99?lang=en", method: .get, headers: bearer(tokens[.admin]), body: nil)
            #expect(missing.status == .notFound && missing.text.contains("<p class=\"status\">Status code 404</p>"))
        }
    }
}
